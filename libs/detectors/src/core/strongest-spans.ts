/** A span of the scanned text, end exclusive. */
interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Of spans that overlap, keeps the strongest (then the longest); the result is in text order. Sorts `spans`
 * in place.
 */
export function strongestSpans<T extends Span>(spans: T[], strength: (span: T) => number): T[] {
  spans.sort((a, b) => strength(b) - strength(a) || b.end - b.start - (a.end - a.start));
  const kept: T[] = [];
  for (const span of spans) {
    if (kept.some((k) => span.start < k.end && k.start < span.end)) continue;
    kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}
