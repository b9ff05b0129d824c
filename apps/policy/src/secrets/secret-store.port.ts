/**
 * Upstream credentials are held by reference (`env:NAME`, `file:/path`), never stored by Warden. The policy
 * service only checks a reference resolves when a resource is registered; the ingress reads the value when it
 * calls upstream. A resolved value is never logged, stored in an event or returned.
 */
export interface SecretStore {
  /** True when this store handles the reference's scheme. */
  handles(ref: string): boolean;
  /** Whether the reference currently resolves to a non-empty value (the value itself is not returned). */
  exists(ref: string): Promise<boolean>;
  /** The credential: for the ingress only, at the moment of the upstream call. */
  resolve(ref: string): Promise<string | undefined>;
}

export const SECRET_STORE = Symbol('POLICY_SECRET_STORE');
