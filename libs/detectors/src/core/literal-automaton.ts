/**
 * An Aho-Corasick automaton over a fixed set of literals: one pass over a text, one table lookup
 * per character, reports every literal that occurs anywhere in it (overlapping ones included).
 *
 * Characters are first mapped to classes (every distinct character of the literals gets one, all
 * others share class 0), so the dense transition table stays small: states × classes.
 */
export class LiteralAutomaton {
  /** Class of each UTF-16 code unit below 128; the others go through `wideClasses`. */
  private readonly asciiClasses = new Uint8Array(128);
  private readonly wideClasses = new Map<number, number>();
  private readonly classCount: number;
  /**
   * `next[row + class]`: the row (state × classCount) after reading a character, bitwise negated
   * when that state ends a literal (so the common case costs one lookup and one sign test).
   */
  private readonly next: Int32Array;
  /** Literal ids ending at each state (its own and those of its suffix states): `outIds[outStart[s] .. outStart[s + 1])`. */
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;

  constructor(literals: readonly string[]) {
    let classes = 1;
    const classOf = (c: number): number => {
      if (c < 128) {
        if (this.asciiClasses[c] === 0) this.asciiClasses[c] = classes++;
        return this.asciiClasses[c];
      }
      let k = this.wideClasses.get(c);
      if (k === undefined) this.wideClasses.set(c, (k = classes++));
      return k;
    };
    // the trie, with child maps while building
    const children: Array<Map<number, number>> = [new Map<number, number>()];
    const ends: number[][] = [[]];
    literals.forEach((lit, id) => {
      let s = 0;
      for (let i = 0; i < lit.length; i++) {
        const k = classOf(lit.charCodeAt(i));
        let t = children[s].get(k);
        if (t === undefined) {
          t = children.length;
          children.push(new Map<number, number>());
          ends.push([]);
          children[s].set(k, t);
        }
        s = t;
      }
      if (lit.length > 0) ends[s].push(id);
    });
    this.classCount = classes;
    const states = children.length;
    const next = new Int32Array(states * classes);
    const fail = new Int32Array(states);
    const outputs: number[][] = ends.map((e) => [...e]);
    // breadth first: a state's failure state is complete before its children are visited
    const queue: number[] = [];
    for (let k = 0; k < classes; k++) {
      const t = children[0].get(k) ?? 0;
      next[k] = t;
      if (t !== 0) queue.push(t);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      outputs[s].push(...outputs[fail[s]].filter((id) => !outputs[s].includes(id)));
      for (let k = 0; k < classes; k++) {
        const t = children[s].get(k);
        const viaFail = next[fail[s] * classes + k];
        if (t === undefined) {
          next[s * classes + k] = viaFail;
        } else {
          next[s * classes + k] = t;
          fail[t] = viaFail;
          queue.push(t);
        }
      }
    }
    for (let i = 0; i < next.length; i++) {
      const t = next[i];
      next[i] = outputs[t].length > 0 ? ~(t * classes) : t * classes;
    }
    this.next = next;
    this.outStart = new Int32Array(states + 1);
    for (let s = 0; s < states; s++) this.outStart[s + 1] = this.outStart[s] + outputs[s].length;
    this.outIds = Int32Array.from(outputs.flat());
  }

  /** Sets `present[id] = 1` for every literal id occurring in `text`. */
  mark(text: string, present: Uint8Array): void {
    const { asciiClasses, wideClasses, classCount, next, outStart, outIds } = this;
    const wide = wideClasses.size > 0;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      row = next[row + (c < 128 ? asciiClasses[c] : wide ? (wideClasses.get(c) ?? 0) : 0)];
      if (row < 0) {
        row = ~row;
        const s = row / classCount;
        for (let o = outStart[s]; o < outStart[s + 1]; o++) present[outIds[o]] = 1;
      }
    }
  }
}
