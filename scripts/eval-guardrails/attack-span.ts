/**
 * Multiple-instance label refinement for indirect injections. A poisoned document is labeled as a
 * whole, but only the inserted attack is an injection; the rest is the document, whose clean twin
 * is in the benign file. Training on the whole document teaches the model "this is an e-mail"
 * instead of the attack, and then every clean e-mail of that kind is blocked.
 */
const KEY = 40;

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let i = 0;
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

export class AttackLocator {
  private readonly byPrefix = new Map<string, string[]>();
  private readonly bySuffix = new Map<string, string[]>();
  private readonly lines = new Set<string>();

  constructor(benignTexts: readonly string[]) {
    for (const t of benignTexts) {
      if (t.length >= KEY) {
        this.byPrefix.set(t.slice(0, KEY), [...(this.byPrefix.get(t.slice(0, KEY)) ?? []), t]);
        this.bySuffix.set(t.slice(-KEY), [...(this.bySuffix.get(t.slice(-KEY)) ?? []), t]);
      }
      for (const l of t.split('\n')) if (l.trim().length >= 20) this.lines.add(l.trim());
    }
  }

  /**
   * The inserted span: a benign twin that the text starts and/or ends with (covering ≥ 80 % of
   * the twin) leaves the insertion between the shared prefix and suffix. Undefined without a twin.
   */
  span(text: string): { start: number; end: number } | undefined {
    const twins = [
      ...(this.byPrefix.get(text.slice(0, KEY)) ?? []),
      ...(this.bySuffix.get(text.slice(-KEY)) ?? []),
    ];
    let best: { start: number; end: number } | undefined;
    for (const twin of twins) {
      const p = commonPrefix(text, twin);
      const s = commonSuffix(text, twin, Math.min(twin.length - p, text.length - p));
      if (p + s < 0.8 * twin.length || p + s >= text.length) continue;
      if (best === undefined || text.length - p - s < best.end - best.start)
        best = { start: p, end: text.length - s };
    }
    return best;
  }

  /**
   * Without a twin: the longest attack already located in another poisoned document that this text
   * contains (the benchmarks draw attacks from a shared pool and insert them into many documents).
   */
  knownSpan(text: string, attacks: readonly string[]): { start: number; end: number } | undefined {
    let best: { start: number; end: number } | undefined;
    for (const a of attacks) {
      if (best !== undefined && a.length <= best.end - best.start) continue;
      const at = text.indexOf(a);
      if (at >= 0 && a.length < 0.8 * text.length) best = { start: at, end: at + a.length };
    }
    return best;
  }

  /** Without a twin: the lines that occur in no benign text (when they are a minority of the text). */
  remainder(text: string): string {
    const kept = text.split('\n').filter((l) => l.trim().length > 0 && !this.lines.has(l.trim()));
    const rest = kept.join('\n');
    return rest.length > 0 && rest.length < 0.8 * text.length ? rest : text;
  }
}
