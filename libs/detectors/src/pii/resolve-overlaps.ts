import type { Candidate } from './pii-candidate';

/** Drops candidates overlapping a higher-priority one (a card number is not also a phone). */
export function resolveOverlaps(cands: Candidate[]): Candidate[] {
  cands.sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start));
  const kept: Candidate[] = [];
  for (const c of cands) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}
