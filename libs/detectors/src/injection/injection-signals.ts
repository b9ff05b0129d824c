/**
 * Hand-made, explainable signals for the injection/jailbreak detector. They fire on the
 * lowercased, normalized text and are also features of the scoring model.
 */
export interface InjectionSignal {
  readonly id: string;
  readonly pattern: RegExp;
  /** The regex only runs when one of these substrings occurs (cheap prefilter); none = always. */
  readonly anchors?: readonly string[];
  /**
   * Instead of anchors: the regex only runs when this matches. Non-ASCII anchors would slow the
   * shared anchor scan of every text, so non-Latin-script patterns are gated on the script.
   */
  readonly gate?: RegExp;
}

const s = (id: string, pattern: RegExp, anchors?: readonly string[], gate?: RegExp): InjectionSignal => ({
  id,
  pattern,
  anchors,
  gate,
});

const IGNORE_EN =
  /\b(?:ignore|disregard|forget|override|bypass|skip|abandon|drop)\b[^.\n]{0,40}?\b(?:previous|prior|above|earlier|preceding|all|your|any|the|system|initial|original|these)\b[^.\n]{0,30}?\b(?:instructions?|prompts?|rules|directions?|directives?|guidelines|context|commands?|constraints|messages?|programming|policies)\b/;

/**
 * "Ignore / forget the instructions" in the languages of the data (es, pt, fr, it, de, id, tr, tl;
 * then ru, vi, zh, ja, ko, ar, hi, bn, th): a verb of ignoring near a word for instructions or
 * rules, in either order. Written from the languages, not from the data's sentences.
 */
const IGNORE_LATIN = new RegExp(
  [
    '(?:ignor\\w*|olvid\\w*|descart\\w*|esque[çc]\\w*|desconsider\\w*|oubli\\w*|dimentic\\w*|vergiss\\w*|abaikan|lupakan|unut\\w*|yok say\\w*|görmezden gel\\w*|huwag pansinin|kalimutan)[^.\\n!?]{0,40}?(?:instruc\\w*|instruções|istruzion\\w*|anweisung\\w*|instruksi|talimat\\w*|tagubilin|regras|reglas|règles|regole|regeln)',
    '(?:instruc\\w*|istruzion\\w*|anweisung\\w*|talimat\\w*|instruksi|tagubilin)[^.\\n!?]{0,40}?(?:ignor\\w*|vergiss\\w*|unut\\w*|yok say\\w*|görmezden|abaikan)',
  ].join('|'),
);
const IGNORE_OTHER_SCRIPTS = new RegExp(
  [
    '(?:игнорир|проигнорир|забудь)[^.\\n!?]{0,40}?(?:инструкци|указани|правила)',
    'инструкци\\S*[^.\\n!?]{0,40}?(?:игнорир|забудь)',
    '(?:bỏ qua|quên)[^.\\n!?]{0,40}?(?:hướng dẫn|chỉ dẫn)',
    'hướng dẫn[^.\\n!?]{0,40}?bỏ qua',
    '(?:忽略|无视|忽视|忘记|忘掉|無視|忘れ)[^。\\n]{0,20}?(?:指令|指示|说明|說明|命令|规则|規則)',
    '(?:指令|指示|命令)[^。\\n]{0,10}?(?:忽略|无视|無視)',
    '(?:지시|지침|명령)[^.\\n]{0,20}?(?:무시|잊어)',
    '(?:تجاهل|انس)[^.\\n]{0,40}?(?:التعليمات|تعليمات|الأوامر)',
    'निर्देश[^।\\n]{0,40}?(?:अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल)',
    'নির্দেশ[^।\\n]{0,40}?(?:উপেক্ষা|ভুলে)',
    '(?:เพิกเฉย|ละเว้น|ลืม|ไม่ต้องสนใจ)[^\\n]{0,40}?คำสั่ง|คำสั่ง[^\\n]{0,30}?(?:เพิกเฉย|ละเว้น|ลืม)',
  ].join('|'),
);
/** A character beyond Latin-1: every IGNORE_OTHER_SCRIPTS match has one. */
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

export const INJECTION_SIGNALS: readonly InjectionSignal[] = [
  // Every Latin-script match contains one of its verbs of ignoring, so those alone are its anchors.
  s('ignore_instructions', new RegExp(`${IGNORE_EN.source}|${IGNORE_LATIN.source}`), [
    ...['ignor', 'disregard', 'forget', 'overrid', 'bypass', 'skip', 'abandon', 'drop'],
    ...['olvid', 'descart', 'esque', 'desconsider', 'oubli', 'dimentic', 'vergiss'],
    ...['abaikan', 'lupakan', 'unut', 'yok say', 'rmezden', 'pansinin', 'kalimutan'],
  ]),
  s('ignore_instructions', IGNORE_OTHER_SCRIPTS, undefined, BEYOND_LATIN1),
  s(
    'new_instructions',
    /\b(?:new|updated|real|actual|revised|additional|secret|hidden)\s+(?:instructions?|task|rules|directives?|orders|objective)\b/,
    ['instruction', 'task', 'rules', 'directive', 'orders', 'objective'],
  ),
  s(
    'role_marker',
    /(?:^|\n)\s*(?:#{1,4}\s*)?(?:system|assistant|developer|admin(?:istrator)?)\s*(?:message|prompt|note|override)?\s*[:：]|<\|(?:im_start|im_end|system|user|assistant|endoftext)\|>|\[\/?inst\]|<<\/?sys>>|\[system\]|<\/?system>|\(#(?:system|context|assistant)\)|\bsystem override\b/,
    ['system', 'assistant', 'developer', 'admin', '<|', 'inst]', '<<', '(#'],
  ),
  s(
    'persona_switch',
    /\byou are (?:now|no longer|going to (?:act|be|pretend)|about to)\b|\bact as (?:a|an|if|my)\b|\bpretend (?:to be|you are|that you)\b|\bfrom now on\b|\bstay in character\b|\bremain in character\b|\bdeveloper mode\b|\bdo anything now\b|\bjailbr(?:ea|o)k|\bunfiltered\b|\buncensored\b|\bamoral\b|\bno (?:ethical|moral) (?:guidelines|restrictions|boundaries)|\bwithout (?:any )?(?:restrictions|filters|censorship|limitations)\b|\bopposite mode\b|\bevil (?:confidant|bot|mode)\b/,
    [
      'you are',
      'act as',
      'pretend',
      'from now on',
      'character',
      'developer mode',
      'anything now',
      'jailbr',
      'unfiltered',
      'uncensored',
      'amoral',
      'no ethical',
      'no moral',
      'without',
      'opposite mode',
      'evil',
    ],
  ),
  s(
    'rules_disabled',
    /\b(?:not bound by|free from|break free of|freed from|doesn'?t (?:have to )?(?:follow|abide)|don'?t (?:have to )?(?:follow|abide)|never refuse|cannot refuse|must not refuse|will not refuse|no longer (?:have|follow|bound))\b[^.\n]{0,40}\b(?:rules|policies|polic(?:y|ies)|guidelines|restrictions|openai|content|filters|ethics|morals?)\b|\bnever (?:refuse|decline)\b/,
    ['bound by', 'free from', 'free of', 'freed from', 'follow', 'abide', 'refuse', 'no longer', 'decline'],
  ),
  s(
    'prompt_extraction',
    /\b(?:system (?:prompt|message|instructions?)|initial (?:prompt|instructions?)|(?:original|starting|hidden|secret|initial) instructions|your (?:instructions|prompt|directives|guidelines) (?:verbatim|word for word|in full)|instructions you were given|what (?:were|are) (?:you|your) (?:told|instructions)|initialization string|repeat (?:the|everything|all)[^.\n]{0,20}(?:above|before|prompt|instructions|conversation))\b/,
    ['system', 'initial', 'instructions', 'what were', 'what are', 'repeat'],
  ),
  s(
    'reveal_secret',
    /\b(?:reveal|share|tell me|give me|print|output|show|disclose|leak|what is)\b[^.\n]{0,30}\b(?:password|secret(?: key)?|api key|credentials?|passcode|access code|confidential|private key|the key)\b/,
    [
      'password',
      'secret',
      'api key',
      'credential',
      'passcode',
      'access code',
      'confidential',
      'private key',
      'the key',
    ],
  ),
  s(
    'exfil_markup',
    /!\[[^\]\n]*\]\(\s*https?:|concatenate (?:these|the following) strings|replace \[(?:info|data|num|[a-z]+)\] with|url[- ]?encoded? (?:summary|version|string)|(?:append|add) [^.\n]{0,40} to (?:the|this) url|escape (?:all )?spaces with \+|\bdata exfiltration\b|(?:send|post|upload|forward|transmit)[^.\n]{0,30}\b(?:conversation|chat history|data|credentials|file|information)\b[^.\n]{0,30}\bto (?:https?:|http|this|the following|my) /,
    [
      '![',
      'concatenate',
      'replace [',
      'url',
      'escape',
      'exfiltration',
      'send',
      'post',
      'upload',
      'forward',
      'transmit',
    ],
  ),
  s(
    'addressed_to_model',
    /\b(?:ai|assistant|chatbot|language model|llm|gpt|chatgpt|model|bot|agent)\b[^.\n]{0,20}\b(?:must|should|shall|will now|needs? to|is instructed|has been instructed)\b|\b(?:note|message|instructions?) (?:to|for) (?:the )?(?:ai|assistant|model|llm|bot|agent)\b|\bif you are (?:an? )?(?:ai|assistant|language model|llm)\b|\bwhen (?:summari[sz]ing|answering|responding|you (?:read|see|process))\b[^.\n]{0,40}\b(?:you must|always|instead)\b/,
    [
      'must',
      'should',
      'shall',
      'will now',
      'need',
      'instructed',
      'note',
      'message',
      'instruction',
      'if you are',
      'when ',
    ],
  ),
  s(
    'output_override',
    /\b(?:(?:only|just) (?:print|say|output|respond with|reply with|answer with)|respond only with|start (?:your|each) (?:answer|response|reply) with|begin your (?:reply|response) with|print ["'][^"'\n]{1,60}["'](?: once)?|say ["'][^"'\n]{1,40}["'] and nothing else)\b/,
    ['only', 'start', 'begin', 'print', 'say '],
  ),
  s(
    'response_manipulation',
    /\b(?:in your (?:answer|response|reply)|to your (?:answer|response|reply)|your (?:answer|response|reply) (?:should|must))\b|\b(?:modify|change|alter|append|add|include|insert|incorporate|integrate)\b[^.\n]{0,40}\b(?:your|the) (?:answer|response|reply|output|elucidation|explanation|summary)\b/,
    ['answer', 'response', 'reply', 'output', 'elucidation', 'explanation', 'summary'],
  ),
  s(
    'obfuscation_request',
    /\b(?:base64|rot-?13|caesar cipher|hex(?:adecimal)? encod|reverse (?:the )?text|in reverse order|leetspeak|morse code|emoji substitut|decode (?:this|the following))\b/,
    ['base64', 'rot', 'caesar', 'hex', 'reverse', 'leetspeak', 'morse', 'emoji', 'decode'],
  ),
  s(
    'hypothetical_frame',
    /\b(?:hypothetical(?:ly)?|for (?:a|my) (?:story|novel|screenplay|research|educational purposes?)|purely fictional|in a fictional (?:world|universe|setting)|imagine (?:you are|a world)|thought experiment)\b/,
    ['hypothetical', 'for a', 'for my', 'fictional', 'imagine', 'thought experiment'],
  ),
  s(
    'harmful_goal',
    /\b(?:bomb|explosive|weapon|malware|ransomware|keylogger|exploit|hack(?:ing)? into|steal|phishing|meth(?:amphetamine)?|poison|kill|suicide|self-harm|launder|counterfeit|illegal|fraud|scam|racist|offensive|defamatory|extremist|genocide|terroris[mt])\b/,
  ),
  s('token_smuggling', /(?:\b[a-z]\s){6,}|<\/?(?:script|iframe|img)\b|\{\{[^}]{0,40}\}\}|\$\{[^}]{0,40}\}/),
  s(
    'urgency_authority',
    /\b(?:i am (?:the|your) (?:developer|admin|administrator|creator|owner|ceo|president)|as (?:your|the) (?:developer|administrator|admin|creator)|administrator override|admin override|maintenance mode|debug mode|god mode|sudo mode|override code|security audit|authorized (?:by|to))\b/,
    [
      'i am',
      'as your',
      'as the',
      'override',
      'maintenance mode',
      'debug mode',
      'god mode',
      'sudo mode',
      'security audit',
      'authorized',
    ],
  ),
];

/** `\s` of JavaScript regular expressions. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Adversarial-suffix signal: many tokens mixing letters with punctuation runs (GCG-style).
 * Tokens are what `text.split(/\s+/)` would give (leading/trailing empty ones count), walked
 * in place without allocating them.
 */
export function adversarialSuffixScore(text: string): number {
  let tokens = 1;
  let odd = 0;
  let len = 0;
  let punct = 0;
  let letters = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    if (isSpace(c)) {
      if (len >= 2 && letters > 0 && punct >= 2 && punct / len > 0.2) odd++;
      if (i < n && (i === 0 || !isSpace(text.charCodeAt(i - 1)))) tokens++;
      len = 0;
      punct = 0;
      letters = 0;
      continue;
    }
    len++;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letters++;
    else if (c > 32 && c < 127 && !(c >= 48 && c <= 57)) punct++;
  }
  return tokens < 8 ? 0 : odd / tokens;
}
