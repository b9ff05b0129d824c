/**
 * A claimed special mode: "<GOD MODE>", "I am now entering override mode", "developer mode
 * enabled". Settings talk ("enable dark mode", "if you're in edit mode") names no privileged mode
 * and claims nothing about the conversation.
 */
const PRIVILEGED =
  '(?:override|god|sudo|root|unrestricted|jailbreak|jailbroken|enforcement|unfiltered|uncensored|dan)';

export const MODE_CLAIM = new RegExp(
  [
    '<[^<>\\n]{0,30}\\bmode\\s*>',
    "\\b(?:i am|i'm|we are|we're) (?:now )?(?:entering|switching (?:in)?to|activating|enabling)\\b[^.\\n]{0,30}\\bmode\\b",
    "\\b(?:you are|you're) now (?:in|entering|operating in|running in)\\b[^.\\n]{0,30}\\bmode\\b",
    `\\b${PRIVILEGED} mode\\b[^.\\n]{0,10}\\b(?:activated|enabled|engaged|on|unlocked)\\b`,
    `\\b(?:activate|enable|engage|enter|unlock)\\w*\\s+(?:the\\s+)?${PRIVILEGED} mode\\b`,
  ].join('|'),
);

/** Every MODE_CLAIM match contains this. */
export const MODE_ANCHORS = ['mode'];
