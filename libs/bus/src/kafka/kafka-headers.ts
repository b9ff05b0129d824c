import type { IHeaders } from 'kafkajs';

type HeaderValue = IHeaders[string];

/** One header as text: kafkajs values are Buffers, or arrays of them for a repeated header (the last one wins). */
export function headerText(raw: HeaderValue): string | undefined {
  const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  return value?.toString();
}

export function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = headerText(raw);
    if (value !== undefined) result[name] = value;
  }
  return result;
}
