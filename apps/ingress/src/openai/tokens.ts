import { countTokens } from 'gpt-tokenizer';

/** Per-message overhead of the chat format (role and separators), as OpenAI documents it for its models. */
const TOKENS_PER_MESSAGE = 3;
const REPLY_PRIMER = 3;

export interface ChatMessage {
  readonly role?: unknown;
  readonly content?: unknown;
  readonly name?: unknown;
}

/** The text of a message content: a string, or the `text` parts of a content array. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) =>
      typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string'
        ? (part as { text: string }).text
        : '',
    )
    .join('\n');
}

export function countTextTokens(text: string): number {
  return text.length === 0 ? 0 : countTokens(text);
}

/** Estimated prompt tokens (o200k tokenizer): the count used when the upstream reports no usage. */
export function countChatTokens(messages: readonly ChatMessage[]): number {
  let total = REPLY_PRIMER;
  for (const message of messages) {
    total += TOKENS_PER_MESSAGE + countTextTokens(contentText(message.content));
    if (typeof message.role === 'string') total += countTextTokens(message.role);
    if (typeof message.name === 'string') total += countTextTokens(message.name);
  }
  return total;
}

export function embeddingInputs(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input)) return input.filter((x): x is string => typeof x === 'string');
  return [];
}
