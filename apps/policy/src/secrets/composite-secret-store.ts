import type { SecretStore } from './secret-store.port';

/** Routes a reference to the first store that handles its scheme. */
export class CompositeSecretStore implements SecretStore {
  constructor(private readonly stores: readonly SecretStore[]) {}

  handles(ref: string): boolean {
    return this.stores.some((s) => s.handles(ref));
  }

  exists(ref: string): Promise<boolean> {
    return this.stores.find((s) => s.handles(ref))?.exists(ref) ?? Promise.resolve(false);
  }

  resolve(ref: string): Promise<string | undefined> {
    return this.stores.find((s) => s.handles(ref))?.resolve(ref) ?? Promise.resolve(undefined);
  }
}
