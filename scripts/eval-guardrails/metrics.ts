/** Confusion counts and the derived figures printed by the evaluation. */
export class Counts {
  tp = 0;
  fp = 0;
  fn = 0;
  tn = 0;

  add(predicted: boolean, actual: boolean): void {
    if (predicted && actual) this.tp++;
    else if (predicted) this.fp++;
    else if (actual) this.fn++;
    else this.tn++;
  }

  get precision(): number {
    return this.tp + this.fp === 0 ? 1 : this.tp / (this.tp + this.fp);
  }
  get recall(): number {
    return this.tp + this.fn === 0 ? 1 : this.tp / (this.tp + this.fn);
  }
  get f1(): number {
    const p = this.precision;
    const r = this.recall;
    return p + r === 0 ? 0 : (2 * p * r) / (p + r);
  }
  get fpr(): number {
    return this.fp + this.tn === 0 ? 0 : this.fp / (this.fp + this.tn);
  }
}

export const r4 = (x: number): number => Math.round(x * 10000) / 10000;

export function row(cells: Array<string | number>, widths: number[]): string {
  return cells.map((c, i) => (typeof c === 'number' ? c.toFixed(3) : c).padEnd(widths[i] ?? 10)).join(' ');
}
