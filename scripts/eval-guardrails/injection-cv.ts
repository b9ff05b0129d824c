/** Out-of-fold scores of the injection trainer and the operating point chosen on them. */
export interface OofScore {
  readonly p: number;
  readonly y: 0 | 1;
  readonly subset: string;
  /** A short text on which no signal fired (needs the stricter quiet threshold). */
  readonly quiet: boolean;
}

export interface OperatingPoint {
  readonly threshold: number;
  readonly quietThreshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly fpr: number;
}

export const flaggedAt = (s: OofScore, threshold: number, quietThreshold: number): boolean =>
  s.p >= threshold && (!s.quiet || s.p >= quietThreshold);

export function pointAt(
  scores: readonly OofScore[],
  threshold: number,
  quietThreshold: number,
): OperatingPoint {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  for (const s of scores) {
    if (s.y === 1) positives++;
    if (!flaggedAt(s, threshold, quietThreshold)) continue;
    if (s.y === 1) tp++;
    else fp++;
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, positives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    threshold,
    quietThreshold,
    precision,
    recall,
    f1,
    fpr: fp / Math.max(1, scores.length - positives),
  };
}

/** The lowest threshold (≥ 0.5) whose false-positive rate on the scores' negatives is ≤ maxFpr. */
export function pickThreshold(scores: ReadonlyArray<{ p: number; y: 0 | 1 }>, maxFpr: number): number {
  const negs = scores
    .filter((s) => s.y === 0)
    .map((s) => s.p)
    .sort((a, b) => b - a);
  const allowed = Math.floor(negs.length * maxFpr);
  return Math.max(0.5, (negs[allowed] ?? 0.5) + 1e-6);
}

const QUIET_CANDIDATES = [0, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999];

/**
 * For each candidate quiet threshold, the main threshold that keeps FPR ≤ maxFpr under the rule.
 * The best F1 wins; among points within 0.005 F1 of it, the strictest quiet threshold (a short
 * text without any signal is the typical false positive users notice).
 */
export function chooseOperatingPoint(scores: readonly OofScore[], maxFpr: number): OperatingPoint {
  const points = QUIET_CANDIDATES.map((q) => {
    const effective = scores.map((s) => ({ p: s.quiet && s.p < q ? 0 : s.p, y: s.y }));
    return pointAt(scores, pickThreshold(effective, maxFpr), q);
  });
  const bestF1 = Math.max(...points.map((x) => x.f1));
  const near = points.filter((x) => x.f1 >= bestF1 - 0.005);
  return near[near.length - 1];
}

export function formatPoint(label: string, x: OperatingPoint): string {
  return `${label} @${x.threshold.toFixed(3)} (quiet ${x.quietThreshold.toFixed(3)}): precision=${x.precision.toFixed(3)} recall=${x.recall.toFixed(3)} f1=${x.f1.toFixed(3)} fpr=${x.fpr.toFixed(3)}\n`;
}
