/**
 * Signals of an instruction planted inside data (an e-mail, a table, a code file or answer): data
 * describes things; it does not tell the reader how to write its answer.
 */

/**
 * Document structure: two table rows, a code fence, e-mail header fields (`from:` / `subject:` at a
 * line start, or the `email_from` of exported mailboxes), or a line of code.
 */
export const DOCUMENT_SHAPE =
  /(?:^|\n)[ \t]*\|[^\n]*\|[^\n]*\n[ \t]*\|[^\n]*\||```|\bemail_from\b|(?:^|\n)[ \t]*(?:from|to|subject|date|sent|cc)[ \t]*:|(?:^|\n)[ \t]*(?:def |class |import |#include|function |public |return |const |var |let )/;

const OUTPUT =
  '(?:answers?|responses?|repl(?:y|ies)|outputs?|elucidation|explanation|summary|summari[sz]ation|translation|analysis|message)';
/** The answer being written ("in your message" is how e-mails quote each other). */
const ANSWER = '(?:answers?|responses?|outputs?|elucidation|explanation|summary|translation|analysis)';
/** A way of writing that is not the document's: a language, an encoding, reversed text. */
const MANNER =
  '(?:reverse|base ?\\d\\d|[a-z]+ (?:encoding|format|cipher|code)|emojis?|morse|pig latin|english|french|german|spanish|italian|portuguese|chinese|japanese|korean|russian|arabic|hindi|dutch|turkish|[a-z]+ language)';
/** A sentence start, or a verb after "please / also / then". */
const LEAD = '(?:^|[\\n.!?:]\\s*|\\b(?:please|also|and|then|kindly)\\s+)';

/**
 * An instruction about the reader's answer: "add … to your reply", "in your response, …",
 * "your answer must …", "reply in German". "Thank you for your reply" and "looking forward to your
 * response" are not instructions (the verb must start a sentence or follow "please / also / then").
 */
export const RESPONSE_INSTRUCTION = new RegExp(
  [
    `${LEAD}(?:add|append|prepend|include|insert|incorporate|integrate|embed|modify|change|alter|adjust|enhance|enrich|improve|end|begin|start|conclude|finish|format|rewrite|render|translate|encode|encrypt|reverse|replace|convert|structure|write|express|present|provide|deliver|give|apply|use|make sure|ensure|mention|put)\\b[^.\\n]{0,60}\\b(?:your|the) ${OUTPUT}\\b`,
    `${LEAD}(?:in|within|throughout|at the (?:end|start|beginning) of) your ${ANSWER}\\b`,
    `\\byour ${ANSWER} (?:should|must|needs? to|has to)\\b`,
    `${LEAD}(?:reply|respond|answer)\\s+(?:only\\s+)?(?:in|using|with)\\s+${MANNER}\\b`,
  ].join('|'),
);

/** Every RESPONSE_INSTRUCTION match contains one of these. */
export const RESPONSE_ANCHORS = [
  ...['answer', 'response', 'repl', 'output', 'elucidation', 'explanation'],
  ...['summar', 'translation', 'analysis', 'message', 'respond'],
];

/**
 * Payload splitting: the request is cut into quoted pieces held by one-letter names and put back
 * together by the model (`a = "…" b = "…" … z = a + b`), so no piece says what is asked.
 */
export const SPLIT_PIECES =
  /(?:^|[\s,;(])[a-z]\d?\s*(?:=|:|is)\s*["'“«「][\s\S]{0,400}?[\s,;(][a-z]\d?\s*(?:=|:|is)\s*["'“«「]/;
/** The pieces joined: `a + b`. */
export const PIECES_JOINED = /\b[a-z]\d?\s*\+\s*[a-z]\d?\b/;
