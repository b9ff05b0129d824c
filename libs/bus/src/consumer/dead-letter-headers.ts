import type { DeadLetter } from '../bus.port';

export const DLQ_HEADERS = {
  reason: 'warden_dlq_reason',
  attempts: 'warden_dlq_attempts',
  topic: 'warden_dlq_topic',
  partition: 'warden_dlq_partition',
  offset: 'warden_dlq_offset',
} as const;

const DLQ_HEADER_NAMES: readonly string[] = Object.values(DLQ_HEADERS);

/** The original headers plus where the message came from and why it was dead-lettered. */
export function deadLetterHeaders(letter: Omit<DeadLetter, 'value' | 'key'>): Record<string, string> {
  return {
    ...letter.headers,
    [DLQ_HEADERS.reason]: letter.reason,
    [DLQ_HEADERS.attempts]: String(letter.attempts),
    [DLQ_HEADERS.topic]: letter.topic,
    [DLQ_HEADERS.partition]: String(letter.partition),
    [DLQ_HEADERS.offset]: letter.offset,
  };
}

/** Reads a dead-letter message back; `original` strips the dlq headers again. */
export function parseDeadLetter(
  key: string,
  value: string,
  headers: Readonly<Record<string, string>>,
): DeadLetter {
  const original = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !DLQ_HEADER_NAMES.includes(name)),
  );
  return {
    topic: headers[DLQ_HEADERS.topic] ?? '',
    partition: Number(headers[DLQ_HEADERS.partition] ?? -1),
    offset: headers[DLQ_HEADERS.offset] ?? '',
    key,
    reason: headers[DLQ_HEADERS.reason] ?? '',
    attempts: Number(headers[DLQ_HEADERS.attempts] ?? 0),
    value,
    headers: original,
  };
}
