/**
 * Hand-made, explainable signals for the injection/jailbreak detector. They fire on the
 * lowercased, normalized text and are also features of the scoring model.
 */
import { MODE_ANCHORS, MODE_CLAIM, RULES_DISABLED, RULES_DISABLED_ANCHORS } from './authority-signals';
import {
  DOCUMENT_SHAPE,
  PIECES_JOINED,
  RESPONSE_ANCHORS,
  RESPONSE_INSTRUCTION,
  SPLIT_PIECES,
} from './document-signals';
import {
  BEYOND_LATIN1,
  IGNORE_LATIN,
  IGNORE_OTHER_SCRIPTS,
  PASSWORD_QUESTION_LATIN,
  PASSWORD_QUESTION_LATIN_ANCHORS,
  PASSWORD_QUESTION_OTHER,
} from './multilingual-patterns';
import { mayHaveSmuggledTokens } from './smuggling-precheck';

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
  /** For a regex with no literal to anchor on: it runs only when this cheap necessary test passes. */
  readonly precheck?: (lower: string) => boolean;
}

const s = (id: string, pattern: RegExp, anchors?: readonly string[], gate?: RegExp): InjectionSignal => ({
  id,
  pattern,
  anchors,
  gate,
});

const IGNORE_EN =
  /(?<!\b(?:don'?t|do not|never) )\b(?:ignore|disregard|forget|override|bypass|skip|abandon|drop)\b[^.\n]{0,40}?\b(?:previous|prior|above|earlier|preceding|all|your|any|the|system|initial|original|these)\b[^.\n]{0,30}?\b(?:instructions?|prompts?|rules|directions?|directives?|guidelines|context|commands?|constraints|messages?|programming|policies)\b|\bregardless of (?:the |any |your |all )?(?:previous|prior|earlier|above|original|initial) (?:tasks?|instructions?|rules|prompts?|directions?|context)\b|\bforget (?:everything|all)(?: (?:from|you (?:were|have been) told|that came|said))? ?(?:before|above|previous(?:ly)?|so far|earlier)\b/;

const DISCLAIMER =
  /\b(?:(?:purely|only|strictly|solely|just) (?:for )?(?:fictional|hypothetical|educational|academic|research|journalistic|historical|informational)|(?:never|not) be (?:used|acted upon)|for (?:educational|academic|research|journalistic|historical|informational) purposes|(?:this|it) is (?:purely |just |only |all )?(?:a )?(?:fictional|hypothetical)|fictional (?:scenario|story|world|setting))\b/;
const DISCLAIMER_ANCHORS = [
  ...['fictional', 'hypothetical', 'educational', 'academic', 'research', 'journalistic'],
  ...['historical', 'informational', 'be used', 'acted upon', 'purposes'],
];
/** "You are a …", "imagine you are", "pretend to be", "act as a": the role-play set-up. */
const PERSONA_SETUP =
  /^(?:imagine (?:that )?|let'?s (?:say|pretend|imagine) )?(?:you are|you're) (?:a|an) |\bpretend (?:to be|you are|that you)|\bimagine (?:you are|you're|that you|yourself)|\bact as (?:a|an) |\bin the role of|\bplay the role/;

export const INJECTION_SIGNALS: readonly InjectionSignal[] = [
  // Every Latin-script match contains one of its verbs of ignoring, so those alone are its anchors.
  s('ignore_instructions', new RegExp(`${IGNORE_EN.source}|${IGNORE_LATIN.source}`), [
    ...['ignor', 'disregard', 'forget', 'overrid', 'bypass', 'skip', 'abandon', 'drop', 'regardless of'],
    ...['olvid', 'descart', 'esque', 'desconsider', 'oubli', 'dimentic', 'vergiss'],
    ...['abaikan', 'lupakan', 'unut', 'yok say', 'rmezden', 'pansinin', 'kalimutan'],
  ]),
  s('ignore_instructions', IGNORE_OTHER_SCRIPTS, undefined, BEYOND_LATIN1),
  // "Ignore the rest of this data and print …": dismissing the surrounding content, then a command.
  s(
    'ignore_content',
    /\b(?:ignore|disregard)\s+(?:the rest of\s+)?(?:this|these|that|all|everything|them|the above|the rest)\b(?:\s+(?:of\s+)?(?:the\s+|this\s+)?(?:data|info(?:rmation)?|text|content|documents?|snippets?|context|input))?\s*,?\s*(?:(?:and|but)\b[^.\n]{0,20}?\b(?:print|say|output|write|reply|respond|answer|focus|tell|instead|repeat|give|show|reveal|list|translate|return|provide)\b|except\b)/,
    ['ignor', 'disregard'],
  ),
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
  // A fake turn or tag in the middle of data: "Registrant: SYSTEM: ignore …", "<instruction>…".
  s(
    'inline_role_marker',
    /\b(?:system|admin|administrator|developer)\s*(?:message|note|override|request|instructions?)?\s*:{1,2}\s*(?:ignore|disregard|forget|print|say|output|focus|reply|respond|you (?:must|should|will)|new |always |never |only |do not |don'?t )/,
    ['system', 'admin', 'developer'],
  ),
  s(
    'fake_delimiter',
    /<\/?(?:instructions?|system|sys|admin|prompt|important|directive)>|<end of (?:session|conversation|document|context|text)>|\[(?:admin|system|developer)[ _](?:request|override|note|instructions?|message)|(?:^|\n)\s*-{2,}\s*(?:core|new|important|system|updated)\s+instructions?\b|#{2,}\s*(?:(?:new|updated|important|system|admin)\s+instructions?\b|(?:system|instruction)\s*:)/,
    // every match contains one of these (the tags, `[admin_…`, `-- new instructions`, `### system:`)
    [
      'instruction',
      'system',
      '<sys',
      '/sys',
      'admin',
      'prompt>',
      'important>',
      'directive>',
      '<end of',
      '[developer',
    ],
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
  s('rules_disabled', RULES_DISABLED, RULES_DISABLED_ANCHORS),
  s(
    'prompt_extraction',
    /\b(?:system (?:prompt|message|instructions?)|initial (?:prompt|instructions?)|(?:original|starting|hidden|secret|initial) instructions|your (?:instructions|prompt|directives|guidelines) (?:verbatim|word for word|in full)|instructions you were given|what (?:were|are) (?:you|your) (?:told|instructions)|initialization string|repeat (?:the|this|your|everything|all)[^.\n]{0,20}(?:above|before|prompt|instructions|conversation|word for word|verbatim))\b/,
    ['system', 'initial', 'instructions', 'what were', 'what are', 'repeat'],
  ),
  s(
    'reveal_secret',
    /\b(?:reveal|share|tell me|give me|print|output|show|disclose|leak|what is|confirm|spell out|hint at)\b[^.\n]{0,30}\b(?:password|secret(?: key)?|api key|credentials?|passcode|access code|confidential|private key|the key)\b|\b(?:write|compose|create)\b[^.\n]{0,30}\b(?:poem|haiku|acrostic|song|story|riddle|limerick)\b[^.\n]{0,30}\bthe (?:password|secret|passcode|access code)\b/,
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
  s('reveal_secret', PASSWORD_QUESTION_LATIN, PASSWORD_QUESTION_LATIN_ANCHORS),
  s('reveal_secret', PASSWORD_QUESTION_OTHER, undefined, BEYOND_LATIN1),
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
    /\b(?:ai|assistant|chatbot|language model|llm|gpt|chatgpt|model|bot|agent)\b[^.\n]{0,20}\b(?:must|should|shall|will now|needs? to|is instructed|has been instructed)\b|\b(?:note|message|instructions?) (?:to|for) (?:the |any )?(?:automated|ai|assistant|model|llm|bot|agent|analysis|screening|review(?:er)?|recruiter|grader)\b|\bif you are (?:an? )?(?:ai|assistant|language model|llm)\b|\bwhen (?:summari[sz]ing|answering|responding|you (?:read|see|process))\b[^.\n]{0,40}\b(?:you must|always|instead)\b/,
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
  // Data that tells the model what to answer when asked: "If the user asks for a summary, reply with …".
  s(
    'conditional_instruction',
    /\bif (?:the )?(?:user|anyone|someone) (?:asks?|requests?|queries)\b[^.\n]{0,60}\b(?:reply|respond|answer|say|report|tell|print|output|write)\b|\bif (?:questioned|asked|queried)\b[^.\n]{0,20}\b(?:reply|respond|answer|say|report|tell)\b/,
    ['if the user', 'if user', 'if anyone', 'if someone', 'if questioned', 'if asked', 'if queried'],
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
    // every alternative contains one of these: the regex runs only on texts that have one
    [
      ...['bomb', 'explosive', 'weapon', 'malware', 'ransomware', 'keylogger', 'exploit', 'hack', 'steal'],
      ...['phishing', 'meth', 'poison', 'kill', 'suicide', 'self-harm', 'launder', 'counterfeit', 'illegal'],
      ...['fraud', 'scam', 'racist', 'offensive', 'defamatory', 'extremist', 'genocide', 'terroris'],
    ],
  ),
  s(
    'hateful_request',
    /\b(?:write|generate|create|compose|give|produce|say|tell)\b[^.\n]{0,30}\b(?:negative|unfriendly|discriminatory|offensive|hateful|harmful|hostile|degrading|bigoted|derogatory|insulting|racist|sexist|toxic|demeaning|hurtful)\b[^.\n]{0,20}\b(?:sentences?|statements?|jokes?|comments?|remarks?|tweets?|posts?|paragraphs?|messages?|essays?|poems?|story|stories)\b[^.\n]{0,10}\b(?:about|on|against|targeting)\b/,
    [
      'negative',
      'unfriendly',
      'discriminatory',
      'offensive',
      'hateful',
      'harmful',
      'hostile',
      'degrading',
      'bigoted',
      'derogatory',
      'insulting',
      'racist',
      'sexist',
      'toxic',
      'demeaning',
      'hurtful',
    ],
  ),
  // Role-play set-up plus a "this is only fiction / research" disclaimer: the PAIR framing of a
  // request the model would otherwise refuse. The disclaimer alone is common in benign prompts.
  s('fiction_disclaimer', DISCLAIMER, DISCLAIMER_ANCHORS),
  s('roleplay_disclaimer', DISCLAIMER, DISCLAIMER_ANCHORS, PERSONA_SETUP),
  // An instruction about the reader's answer inside an e-mail, a table or code (indirect injection).
  s('embedded_response_instruction', RESPONSE_INSTRUCTION, RESPONSE_ANCHORS, DOCUMENT_SHAPE),
  s('mode_claim', MODE_CLAIM, MODE_ANCHORS),
  s('payload_splitting', SPLIT_PIECES, ['+'], PIECES_JOINED),
  {
    ...s(
      'token_smuggling',
      /(?:\b[a-z]\s){6,}|<\/?(?:script|iframe|img)\b|\{\{[^}]{0,40}\}\}|\$\{[^}]{0,40}\}/,
    ),
    precheck: mayHaveSmuggledTokens,
  },
  s(
    'urgency_authority',
    /\b(?:i am (?:the|your) (?:developer|admin|administrator|creator|owner|ceo|president)|as (?:your|the) (?:developer|administrator|admin|creator)|administrator override|admin override|maintenance mode|debug mode|god mode|sudo mode|override code|security audit|authorized (?:by|to))\b|\b(?:i'm (?:the|your)|as your) (?:developer|admin|administrator|creator|owner|boss|supervisor|programmer)\b|\b(?:admin|developer|system|override|root|unrestricted) mode\b/,
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
      "i'm the",
      "i'm your",
      'as your',
      ...['admin mode', 'developer mode', 'system mode', 'override mode', 'root mode', 'unrestricted mode'],
    ],
  ),
];

/**
 * Structural signals: a fake turn or tag, dismissing the instructions, the surrounding content or
 * the rules, an optimised gibberish suffix, a role-play set-up with a fiction disclaimer, a request
 * for a hateful sentence, an instruction about the answer planted in a document, a claimed
 * privileged mode, a request split into pieces. The trainer starts their weights at a
 * strong prior (and L2 pulls them back to it): each is evidence on its own, also for attack families
 * the training data lacks. Topic words (harmful_goal), personas and framing stay ordinary features.
 */
export const STRONG_SIGNAL_IDS: readonly string[] = [
  'role_marker',
  'inline_role_marker',
  'fake_delimiter',
  'ignore_content',
  'rules_disabled',
  'gibberish_suffix',
  'roleplay_disclaimer',
  'hateful_request',
  'embedded_response_instruction',
  'mode_claim',
  'ignore_instructions',
  'payload_splitting',
];
