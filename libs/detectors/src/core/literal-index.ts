/**
 * Which of a fixed set of lowercase literals occur in a text, found in one pass.
 *
 * Rule prefilters ("run this regex only if one of its anchors occurs") used to call
 * `lower.includes(anchor)` once per anchor of every rule: a few hundred passes over each text.
 * Here all literals are compiled into one alternation (longest first) and the text is scanned
 * once. A match also marks every literal contained in it (`password` marks `pass`), and the scan
 * restarts one character after each match start, so overlapping literals are still found.
 */
export class LiteralIndex {
  private readonly ids = new Map<string, number>();
  private readonly literals: string[] = [];
  /** For each literal id: the ids of the literals contained in it, itself included. */
  private readonly implied: number[][] = [];
  private readonly pattern: RegExp | undefined;

  constructor(literals: Iterable<string>) {
    for (const lit of literals) {
      if (lit.length === 0 || this.ids.has(lit)) continue;
      this.ids.set(lit, this.literals.length);
      this.literals.push(lit);
    }
    for (const lit of this.literals) {
      const inside: number[] = [];
      this.literals.forEach((other, j) => {
        if (lit.includes(other)) inside.push(j);
      });
      this.implied.push(inside);
    }
    const sorted = [...this.literals].sort((a, b) => b.length - a.length);
    this.pattern =
      sorted.length === 0
        ? undefined
        : new RegExp(sorted.map((l) => l.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|'), 'g');
  }

  get size(): number {
    return this.literals.length;
  }

  /** Id of a literal given to the constructor. */
  idOf(literal: string): number {
    const id = this.ids.get(literal);
    if (id === undefined) throw new Error(`literal not indexed: ${literal}`);
    return id;
  }

  /** Presence flags by literal id for a lowercase text. */
  scan(lower: string): Uint8Array {
    const present = new Uint8Array(this.literals.length);
    const re = this.pattern;
    if (re === undefined) return present;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(lower)) !== null) {
      const id = this.ids.get(m[0]);
      if (id !== undefined && present[id] === 0) for (const j of this.implied[id]) present[j] = 1;
      re.lastIndex = m.index + 1;
    }
    return present;
  }
}

/** Ids of a rule's literals, or undefined when the rule has none (it always runs). */
export function literalIds(
  index: LiteralIndex,
  literals: readonly string[] | undefined,
): Int32Array | undefined {
  return literals === undefined ? undefined : Int32Array.from(literals, (l) => index.idOf(l));
}

export function anyPresent(present: Uint8Array, ids: Int32Array | undefined): boolean {
  if (ids === undefined) return true;
  for (let i = 0; i < ids.length; i++) if (present[ids[i]] === 1) return true;
  return false;
}
