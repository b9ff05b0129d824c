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

const RULES =
  '(?:rules|polic(?:y|ies)|guidelines|restrictions|limitations|limits|filters|censorship|ethics|morals?|morality|safeguards|constraints|confines|programming)';

/**
 * The model's rules declared void: "not bound by any rules", "does not have to abide by the
 * guidelines", "free of all filters", "has no content policy", "will never refuse".
 */
export const RULES_DISABLED = new RegExp(
  [
    "\\b(?:not bound by|free from|break free of|freed from|doesn'?t (?:have to )?(?:follow|abide)|don'?t (?:have to )?(?:follow|abide)|never refuse|cannot refuse|must not refuse|will not refuse|no longer (?:have|follow|bound))\\b[^.\\n]{0,40}\\b(?:rules|policies|polic(?:y|ies)|guidelines|restrictions|openai|content|filters|ethics|morals?)\\b",
    `\\b(?:does not|do not|doesn'?t|don'?t|won'?t|will not|need not|needn'?t|no longer|never) (?:have to |need to )?(?:follow|abide by|obey|adhere to|comply with|care about|respect)\\b[^.\\n]{0,30}\\b${RULES}\\b`,
    `\\b(?:free of|broken free of|break free from|unbound by|released from|liberated from|exempt from)\\b[^.\\n]{0,30}\\b${RULES}\\b`,
    '\\b(?:has|have) no (?:content )?(?:polic(?:y|ies)|guidelines|restrictions|filters|censorship|ethical (?:guidelines|boundaries|limits))\\b',
    "\\b(?:cannot|can'?t|won'?t|will not|never|must not|must never) (?:refuse|deny|decline|reject)\\b",
  ].join('|'),
);

/** Every RULES_DISABLED match contains one of these. */
export const RULES_DISABLED_ANCHORS = [
  ...['bound by', 'free from', 'free of', 'freed from', 'follow', 'abide', 'refuse', 'no longer'],
  ...['decline', 'obey', 'adhere', 'comply', 'care about', 'respect', 'released from'],
  ...['liberated from', 'exempt from', 'has no', 'have no', 'deny', 'reject'],
];
