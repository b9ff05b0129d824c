import type { SecretStore } from './secret-store.port';

const ENV_REF = /^env:([A-Za-z_][A-Za-z0-9_]{0,127})$/;

/** `env:NAME` → the process environment variable NAME. */
export class EnvSecretStore implements SecretStore {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  handles(ref: string): boolean {
    return ENV_REF.test(ref);
  }

  exists(ref: string): Promise<boolean> {
    return this.resolve(ref).then((value) => value !== undefined);
  }

  resolve(ref: string): Promise<string | undefined> {
    const name = ENV_REF.exec(ref)?.[1];
    const value = name !== undefined ? this.env[name] : undefined;
    return Promise.resolve(value !== undefined && value !== '' ? value : undefined);
  }
}
