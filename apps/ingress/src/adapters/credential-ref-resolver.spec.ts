import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialRefResolver } from './credential-ref-resolver';

describe('CredentialRefResolver', () => {
  it('Given env: and file: references, When resolved, Then the values come back, trimmed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cred-'));
    writeFileSync(join(dir, 'key'), 'sk-file\n');
    const resolver = new CredentialRefResolver({ UPSTREAM_KEY: 'sk-env' });
    expect(await resolver.resolve('env:UPSTREAM_KEY')).toBe('sk-env');
    expect(await resolver.resolve(`file:${join(dir, 'key')}`)).toBe('sk-file');
    expect(await resolver.resolve(undefined)).toBeUndefined();
  });

  it('Given a missing variable or an unknown scheme, When resolved, Then it fails rather than calling without a credential', async () => {
    const resolver = new CredentialRefResolver({});
    await expect(resolver.resolve('env:MISSING')).rejects.toThrow('not set');
    await expect(resolver.resolve('vault:x')).rejects.toThrow('unsupported');
  });
});
