import { strongestSpans } from '../core/strongest-spans';
import type { Candidate } from './pii-candidate';

/** Drops candidates overlapping a higher-priority one (a card number is not also a phone). */
export function resolveOverlaps(cands: Candidate[]): Candidate[] {
  return strongestSpans(cands, (c) => c.priority);
}
