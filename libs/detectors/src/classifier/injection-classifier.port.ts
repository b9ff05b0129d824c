/** An optional external model server that scores text for prompt injection (e.g. a fine-tuned encoder). */
export interface InjectionClassifierVerdict {
  /** Probability of injection/jailbreak in [0, 1]. */
  readonly score: number;
  readonly label?: string;
}

export interface InjectionClassifierPort {
  classify(text: string, signal: AbortSignal): Promise<InjectionClassifierVerdict>;
}

export type ClassifierFailMode = 'open' | 'closed';

export interface ClassifierStageConfig {
  readonly classifier: InjectionClassifierPort;
  readonly timeoutMs: number;
  readonly failMode: ClassifierFailMode;
  /** Verdicts at or above this score add a finding. */
  readonly threshold: number;
}

export class ClassifierUnavailableError extends Error {
  readonly code = 'classifier_unavailable';
  constructor(reason: string) {
    super(`external classifier unavailable: ${reason}`);
  }
}
