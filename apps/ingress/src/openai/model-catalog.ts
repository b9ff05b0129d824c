import { globToRegExp, type Resource } from '@warden/policy-engine';
import { request } from 'undici';
import type { CredentialResolver } from '../pipeline/ports/upstream-exchange';
import { upstreamHeaders, upstreamUrl } from '../upstream/upstream-url';

/**
 * The model ids a key may use: literal targets of its connections as they are, glob targets expanded
 * against the upstream's own `GET /models` (cached), keeping only ids the glob matches.
 */
export class ModelCatalog {
  private readonly cache = new Map<string, { ids: readonly string[]; at: number }>();

  constructor(
    private readonly credentials: CredentialResolver,
    private readonly ttlMs = 60_000,
  ) {}

  async allowed(entries: ReadonlyArray<{ target: string; resource: Resource }>): Promise<string[]> {
    const ids = new Set<string>();
    for (const { target, resource } of entries) {
      if (!target.includes('*')) {
        ids.add(target);
        continue;
      }
      const pattern = globToRegExp(target);
      for (const id of await this.upstreamModels(resource)) if (pattern.test(id)) ids.add(id);
    }
    return [...ids].sort();
  }

  private async upstreamModels(resource: Resource): Promise<readonly string[]> {
    const held = this.cache.get(resource.id);
    if (held !== undefined && Date.now() - held.at < this.ttlMs) return held.ids;
    try {
      const credential = await this.credentials.resolve(resource.upstream.credentialRef);
      const res = await request(upstreamUrl(resource.upstream.baseUrl, 'models'), {
        method: 'GET',
        headers: upstreamHeaders(credential),
        signal: AbortSignal.timeout(5_000),
      });
      const json = (await res.body.json()) as { data?: { id?: unknown }[] };
      const ids =
        res.statusCode < 400
          ? (json.data ?? []).map((m) => m.id).filter((x): x is string => typeof x === 'string')
          : [];
      this.cache.set(resource.id, { ids, at: Date.now() });
      return ids;
    } catch {
      return [];
    }
  }
}
