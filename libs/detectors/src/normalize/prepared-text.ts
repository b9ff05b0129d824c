import { findEncodedPayloads } from './encoded-payloads';
import { findHiddenSegments, type HiddenSegment } from './hidden-content';
import { normalizeText } from './normalize-text';
import { composeView, identityView, payloadView, type TextView } from './text-view';

/** Everything the detectors read for one content: the normalized text plus derived views. */
export interface PreparedText {
  readonly original: string;
  readonly primary: TextView;
  /** Decoded payloads (normalized), mapped to their encoded span. */
  readonly decoded: readonly TextView[];
  /** Hidden segments of the primary view (comments, invisible styles, alt text). */
  readonly hidden: readonly TextView[];
  readonly hiddenKinds: readonly HiddenSegment['kind'][];
}

export function prepareText(original: string): PreparedText {
  const primary = normalizeText(original);
  const decoded: TextView[] = [];
  for (const p of findEncodedPayloads(primary.text)) {
    const norm = normalizeText(p.decoded);
    const span = primary.toOriginal(p.start, p.end);
    decoded.push(payloadView(norm.text, span.start, span.end, p.encoding));
  }
  const hidden: TextView[] = [];
  const hiddenKinds: HiddenSegment['kind'][] = [];
  for (const seg of findHiddenSegments(primary.text)) {
    const inner = identityView(primary.text.slice(seg.start, seg.end), 'hidden', seg.start);
    hidden.push(composeView(inner, primary));
    hiddenKinds.push(seg.kind);
  }
  return { original, primary, decoded, hidden, hiddenKinds };
}
