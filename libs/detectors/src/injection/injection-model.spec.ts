import { InjectionModel } from './injection-model';

describe('structural floor of the model', () => {
  const dims = 8;
  const weights = new Float32Array(dims).fill(-4);
  const model = (floor?: number): InjectionModel =>
    InjectionModel.fromWeights(
      dims,
      0,
      weights,
      { strong: 3, weak: 3 },
      0.5,
      [],
      0.5,
      floor === undefined ? undefined : { signals: ['strong'], floor },
    );
  const v = (signals: string[]) => ({
    indices: Int32Array.from([0]),
    values: Float32Array.from([1]),
    names: [],
    signals,
  });

  it('Given a structural signal and strongly negative n-grams When scored Then the n-grams lower the logit by at most the floor', () => {
    expect(model(1).score(v(['strong'])).logit).toBeCloseTo(2, 5);
  });

  it('Given only an ordinary signal When scored Then the n-grams count in full', () => {
    expect(model(1).score(v(['weak'])).logit).toBeCloseTo(-1, 5);
  });

  it('Given a model file without a floor When scored Then the n-grams count in full', () => {
    expect(model().score(v(['strong'])).logit).toBeCloseTo(-1, 5);
  });
});
