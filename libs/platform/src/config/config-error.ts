/** A bad or missing environment value. The message names every offending variable and what is wrong with it. */
export class ConfigError extends Error {
  readonly code = 'config_invalid';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}
