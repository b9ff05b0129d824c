import type { Finding } from '../core/finding';

/**
 * Replaces each finding's span with a type-tagged placeholder. The same value gets the same
 * placeholder within one response (`[EMAIL_1]` twice for one address); overlapping spans merge.
 */
export function redact(
  text: string,
  findings: readonly Finding[],
  counters = new PlaceholderRegistry(),
): string {
  const spans = mergeSpans(findings);
  let out = '';
  let cursor = 0;
  for (const s of spans) {
    out += text.slice(cursor, s.start);
    out += counters.placeholderFor(s.type, text.slice(s.start, s.end));
    cursor = s.end;
  }
  return out + text.slice(cursor);
}

/** Keeps numbering stable across calls (e.g. across the chunks of one streamed response). */
export class PlaceholderRegistry {
  private readonly byValue = new Map<string, string>();
  private readonly counts = new Map<string, number>();

  placeholderFor(type: string, value: string): string {
    const key = type + '\u0000' + value;
    const existing = this.byValue.get(key);
    if (existing !== undefined) return existing;
    const n = (this.counts.get(type) ?? 0) + 1;
    this.counts.set(type, n);
    const tag = `[${type}_${n}]`;
    this.byValue.set(key, tag);
    return tag;
  }
}

function mergeSpans(findings: readonly Finding[]): Array<{ start: number; end: number; type: string }> {
  const sorted = [...findings]
    .filter((f) => f.end > f.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Array<{ start: number; end: number; type: string }> = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && f.start < last.end) {
      last.end = Math.max(last.end, f.end);
      continue;
    }
    out.push({ start: f.start, end: f.end, type: f.type });
  }
  return out;
}
