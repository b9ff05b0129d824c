import { DEFAULT_PROFILE } from '../scan/profile';
import { scan } from '../scan/scan-engine';
import type { InjectionClassifierPort } from './injection-classifier.port';
import { scanWithClassifier } from './scan-with-classifier';

/** In-memory classifiers standing in for a model server (the port's contract, no network). */
const fixed = (score: number): InjectionClassifierPort => ({ classify: () => Promise.resolve({ score }) });
const hanging: InjectionClassifierPort = {
  classify: (_text, signal) =>
    new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),
};

const benign = 'What is the capital of France?';

describe('optional external classifier stage', () => {
  describe('Given no stage configured', () => {
    it('When scanning Then the in-process result stands alone', async () => {
      expect(await scanWithClassifier('input', benign, DEFAULT_PROFILE)).toEqual(
        scan('input', benign, DEFAULT_PROFILE),
      );
    });
  });

  describe('Given a classifier that scores the text as an injection', () => {
    it('When scanning Then its finding is added with the profile action', async () => {
      const res = await scanWithClassifier('input', benign, DEFAULT_PROFILE, {
        classifier: fixed(0.97),
        timeoutMs: 100,
        failMode: 'open',
        threshold: 0.9,
      });
      expect(res.action).toBe('block');
      expect(res.findings.at(-1)?.signals).toEqual(['external_classifier']);
    });
  });

  describe('Given a classifier that does not answer in time', () => {
    it('When fail mode is open Then the local result is returned', async () => {
      const res = await scanWithClassifier('input', benign, DEFAULT_PROFILE, {
        classifier: hanging,
        timeoutMs: 20,
        failMode: 'open',
        threshold: 0.9,
      });
      expect(res).toEqual(scan('input', benign, DEFAULT_PROFILE));
    });

    it('When fail mode is closed Then the content is blocked as classifier_unavailable', async () => {
      const res = await scanWithClassifier('input', benign, DEFAULT_PROFILE, {
        classifier: hanging,
        timeoutMs: 20,
        failMode: 'closed',
        threshold: 0.9,
      });
      expect(res.action).toBe('block');
      expect(res.findings.at(-1)?.type).toBe('CLASSIFIER_UNAVAILABLE');
    });
  });
});
