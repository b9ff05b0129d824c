/** A detector hit: span in the ORIGINAL text (UTF-16 offsets, end exclusive), score in [0, 1]. */
export interface Finding {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly signals: readonly string[];
}

export type DetectorKind = 'injection' | 'pii' | 'secrets' | 'exfil';

export type Direction = 'input' | 'output';
