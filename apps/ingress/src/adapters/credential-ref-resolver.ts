import { readFile } from 'node:fs/promises';
import type { CredentialResolver } from '../pipeline/ports/upstream-exchange';

/** `env:NAME` or `file:/path` (the file re-read at most every `ttlMs`, so a rotated secret is picked up). */
export class CredentialRefResolver implements CredentialResolver {
  private readonly files = new Map<string, { value: string; readAt: number }>();

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly ttlMs = 30_000,
  ) {}

  async resolve(ref: string | undefined): Promise<string | undefined> {
    if (ref === undefined || ref === '') return undefined;
    if (ref.startsWith('env:')) {
      const value = this.env[ref.slice(4)];
      if (value === undefined || value === '') throw new Error(`credential ${ref} is not set`);
      return value;
    }
    if (ref.startsWith('file:')) {
      const path = ref.slice(5);
      const cached = this.files.get(path);
      if (cached !== undefined && Date.now() - cached.readAt < this.ttlMs) return cached.value;
      const value = (await readFile(path, 'utf8')).trim();
      this.files.set(path, { value, readAt: Date.now() });
      return value;
    }
    throw new Error('unsupported credential reference scheme');
  }
}
