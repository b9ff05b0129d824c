import { dotOfWords, type FeatureVector } from './injection-features';
import type { WordIndex } from './word-index';

/** The serialized logistic-regression model shipped in injection-model.json. */
export interface InjectionModelFile {
  readonly version: number;
  readonly dims: number;
  readonly bias: number;
  /** n-gram weights quantized to int8: weight = byte * scale. */
  readonly scale: number;
  readonly weights: string;
  readonly signalWeights: Readonly<Record<string, number>>;
  readonly threshold: number;
  /** Stricter threshold for a short text on which no signal fired (n-grams alone must be sure). */
  readonly quietThreshold?: number;
  readonly trainedOn: readonly string[];
}

export interface ModelScore {
  readonly probability: number;
  readonly logit: number;
  /** Largest positive contributions: signal ids and n-grams, for explanations. */
  readonly topContributions: readonly string[];
}

export class InjectionModel {
  /** The quantized bytes themselves (64 KB instead of 256 KB of floats: stays in cache). */
  private readonly quantized: Int8Array;
  private readonly scale: number;

  constructor(readonly file: InjectionModelFile) {
    const bytes = Buffer.from(file.weights, 'base64');
    this.quantized = new Int8Array(file.dims);
    for (let i = 0; i < file.dims; i++) this.quantized[i] = bytes[i] ?? 0;
    this.scale = file.scale;
  }

  /** Weight of a hashed feature, rounded to float32 as the weights were always stored. */
  private weight(idx: number): number {
    return Math.fround(this.quantized[idx] * this.scale);
  }

  static fromWeights(
    dims: number,
    bias: number,
    weights: Float32Array,
    signalWeights: Record<string, number>,
    threshold: number,
    trainedOn: string[],
    quietThreshold = threshold,
  ): InjectionModel {
    let max = 0;
    for (const w of weights) max = Math.max(max, Math.abs(w));
    const scale = max / 127 || 1;
    const bytes = Buffer.alloc(dims);
    for (let i = 0; i < dims; i++) bytes[i] = Math.round(weights[i] / scale) & 0xff;
    return new InjectionModel({
      version: 1,
      dims,
      bias,
      scale,
      weights: bytes.toString('base64'),
      signalWeights,
      threshold,
      quietThreshold,
      trainedOn,
    });
  }

  get dims(): number {
    return this.file.dims;
  }

  /** Indices of the largest positive n-gram contributions. */
  topIndices(v: FeatureVector, k = 6): Set<number> {
    const contrib: Array<[number, number]> = [];
    for (let i = 0; i < v.indices.length; i++) {
      const c = this.weight(v.indices[i]) * v.values[i];
      if (c > 0.05) contrib.push([v.indices[i], c]);
    }
    return new Set(
      contrib
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([i]) => i),
    );
  }

  /**
   * `score(vectorOfWords(words, from, to, firstBigram, dims, signals)).probability`, the same double,
   * without building the vector (for windows, which are mostly not reported).
   */
  probabilityOfWords(
    words: WordIndex,
    from: number,
    to: number,
    firstBigram: number,
    signals: readonly string[],
  ): number {
    const { bias, dims, signalWeights } = this.file;
    let logit = dotOfWords(words, from, to, firstBigram, dims, bias, this.quantized, this.scale);
    for (const s of signals) logit += signalWeights[s] ?? 0;
    return 1 / (1 + Math.exp(-logit));
  }

  score(v: FeatureVector, explain = false): ModelScore {
    let logit = this.file.bias;
    const contrib: Array<[string, number]> = [];
    for (let k = 0; k < v.indices.length; k++) {
      const c = this.weight(v.indices[k]) * v.values[k];
      logit += c;
      const name = v.names[k];
      if (explain && c > 0.05 && name !== undefined && name !== '')
        contrib.push(['ngram:' + name.slice(2), c]);
    }
    for (const s of v.signals) {
      const w = this.file.signalWeights[s] ?? 0;
      logit += w;
      if (explain && w > 0) contrib.push(['signal:' + s, w]);
    }
    const top = explain
      ? contrib
          .sort((a, b) => b[1] - a[1])
          .slice(0, 6)
          .map(([n]) => n)
      : [];
    return { probability: 1 / (1 + Math.exp(-logit)), logit, topContributions: top };
  }
}
