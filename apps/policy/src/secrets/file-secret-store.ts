import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, normalize } from 'node:path';
import type { SecretStore } from './secret-store.port';

const FILE_REF = /^file:(\/.{0,1022})$/;

/** `file:/absolute/path` → the file's content, trailing newline trimmed (mounted secrets). */
export class FileSecretStore implements SecretStore {
  handles(ref: string): boolean {
    const path = FILE_REF.exec(ref)?.[1];
    return path !== undefined && isAbsolute(path) && normalize(path) === path;
  }

  async exists(ref: string): Promise<boolean> {
    if (!this.handles(ref)) return false;
    try {
      const info = await stat(ref.slice('file:'.length));
      return info.isFile() && info.size > 0;
    } catch {
      return false;
    }
  }

  async resolve(ref: string): Promise<string | undefined> {
    if (!this.handles(ref)) return undefined;
    try {
      const value = (await readFile(ref.slice('file:'.length), 'utf8')).replace(/\r?\n$/, '');
      return value === '' ? undefined : value;
    } catch {
      return undefined;
    }
  }
}
