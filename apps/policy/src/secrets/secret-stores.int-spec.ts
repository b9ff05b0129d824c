import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompositeSecretStore } from './composite-secret-store';
import { EnvSecretStore } from './env-secret-store';
import { FileSecretStore } from './file-secret-store';

describe('secret stores', () => {
  const store = new CompositeSecretStore([
    new EnvSecretStore({ FILES_TOKEN: 'tok-env', EMPTY: '' }),
    new FileSecretStore(),
  ]);

  it('Given env:NAME set, When resolved, Then the value; Given it unset or empty, Then it does not exist', async () => {
    await expect(store.resolve('env:FILES_TOKEN')).resolves.toBe('tok-env');
    await expect(store.exists('env:FILES_TOKEN')).resolves.toBe(true);
    await expect(store.exists('env:MISSING')).resolves.toBe(false);
    await expect(store.exists('env:EMPTY')).resolves.toBe(false);
  });

  it('Given file:/path with a secret, When resolved, Then the content without its trailing newline', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'policy-secret-')), 'token');
    writeFileSync(path, 'tok-file\n');

    await expect(store.resolve(`file:${path}`)).resolves.toBe('tok-file');
    await expect(store.exists(`file:${path}.missing`)).resolves.toBe(false);
  });

  it.each(['file:relative', 'file:/a/../etc/passwd', 'vault:x', 'sk-123'])(
    'Given %p, When asked, Then no store handles it',
    (ref) => {
      expect(store.handles(ref)).toBe(false);
    },
  );
});
