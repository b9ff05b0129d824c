import { LiteralAutomaton } from './literal-automaton';

/**
 * Which of a fixed set of lowercase literals occur in a text, found in one pass.
 *
 * Rule prefilters ("run this regex only if one of its anchors occurs") used to call
 * `lower.includes(anchor)` once per anchor of every rule: a few hundred passes over each text.
 * Here all literals go into one Aho-Corasick automaton and the text is read once; overlapping and
 * nested literals (`pass` inside `password`) are all reported.
 */
export class LiteralIndex {
  private readonly ids = new Map<string, number>();
  private readonly literals: string[] = [];
  private readonly automaton: LiteralAutomaton;

  constructor(literals: Iterable<string>) {
    for (const lit of literals) {
      if (lit.length === 0 || this.ids.has(lit)) continue;
      this.ids.set(lit, this.literals.length);
      this.literals.push(lit);
    }
    this.automaton = new LiteralAutomaton(this.literals);
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
    this.automaton.mark(lower, present);
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
