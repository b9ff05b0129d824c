import { extractFeatures } from './injection-features';

const DIMS = 1 << 16;

const asMap = (v: { indices: Int32Array; values: Float32Array }): Map<number, number> =>
  new Map(Array.from(v.indices, (h, k) => [h, v.values[k]]));

describe('injection n-gram features (presence, L2-normalized)', () => {
  it('Given a text with repeated words, When featurized, Then every present feature has the same value and the norm is 1', () => {
    // Given
    const text = 'la casa de la tía de la vecina de mi amiga';
    // When
    const v = extractFeatures(text, DIMS);
    // Then
    const first = v.values[0];
    for (const x of v.values) expect(x).toBe(first);
    const norm = Math.sqrt(Array.from(v.values).reduce((s, x) => s + x * x, 0));
    expect(norm).toBeCloseTo(1, 5);
  });

  it('Given a run of function words, When it is repeated, Then the vector does not change', () => {
    // Given
    const twice = extractFeatures('de la de la', DIMS);
    // When: the same words and word pairs, only more often
    const fourTimes = extractFeatures('de la de la de la de la', DIMS);
    // Then
    expect(asMap(fourTimes)).toEqual(asMap(twice));
  });

  it('Given words seen once and words seen three times, When featurized, Then they count the same', () => {
    // Given
    const text = 'please translate this letter. de la que de la que de la que';
    // When
    const v = extractFeatures(text, DIMS);
    // Then: one value for every feature
    expect(new Set(Array.from(v.values)).size).toBe(1);
  });

  it('Given an empty text, When featurized, Then there are no n-gram features', () => {
    // Given / When
    const v = extractFeatures('', DIMS);
    // Then
    expect(v.indices.length).toBe(0);
    expect(v.values.length).toBe(0);
  });
});
