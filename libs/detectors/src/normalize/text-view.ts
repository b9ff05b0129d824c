/**
 * A text the detectors read (normalized or decoded) plus the way back to the original offsets.
 * `starts[i]`/`ends[i]` give the original range that produced view char i; identity views have none.
 */
export type ViewOrigin = 'primary' | 'base64' | 'hex' | 'url' | 'morse' | 'hidden';

export interface TextView {
  readonly text: string;
  readonly origin: ViewOrigin;
  /** Original offsets covered by the whole view (a decoded payload maps to its encoded span). */
  readonly spanStart: number;
  readonly spanEnd: number;
  toOriginal(start: number, end: number): { start: number; end: number };
}

export function identityView(text: string, origin: ViewOrigin = 'primary', offset = 0): TextView {
  return {
    text,
    origin,
    spanStart: offset,
    spanEnd: offset + text.length,
    toOriginal: (start, end) => ({ start: start + offset, end: end + offset }),
  };
}

export function mappedView(
  text: string,
  starts: Int32Array,
  ends: Int32Array,
  origin: ViewOrigin = 'primary',
): TextView {
  const n = text.length;
  return {
    text,
    origin,
    spanStart: n > 0 ? starts[0] : 0,
    spanEnd: n > 0 ? ends[n - 1] : 0,
    toOriginal: (start, end) => {
      if (n === 0) return { start: 0, end: 0 };
      const s = Math.min(Math.max(start, 0), n - 1);
      const e = Math.min(Math.max(end - 1, s), n - 1);
      return { start: starts[s], end: ends[e] };
    },
  };
}

/** A decoded payload: every position maps to the whole encoded span in the original. */
export function payloadView(text: string, spanStart: number, spanEnd: number, origin: ViewOrigin): TextView {
  return { text, origin, spanStart, spanEnd, toOriginal: () => ({ start: spanStart, end: spanEnd }) };
}

/** Compose: a view derived from `inner` text whose offsets are `inner`'s. */
export function composeView(outer: TextView, inner: TextView): TextView {
  return {
    text: outer.text,
    origin: outer.origin,
    spanStart: inner.toOriginal(outer.spanStart, outer.spanEnd).start,
    spanEnd: inner.toOriginal(outer.spanStart, outer.spanEnd).end,
    toOriginal: (start, end) => {
      const mid = outer.toOriginal(start, end);
      return inner.toOriginal(mid.start, mid.end);
    },
  };
}
