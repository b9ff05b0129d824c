import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

export type OidcFailureReason =
  | 'malformed'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'invalid_claims'
  | 'unknown_kid'
  | 'alg_not_allowed'
  | 'bad_signature'
  | 'issuer_unreachable';

export type OidcResult =
  | { readonly ok: true; readonly issuer: string; readonly subject: string; readonly claims: JWTPayload }
  | { readonly ok: false; readonly reason: OidcFailureReason; readonly detail: string };

export interface OidcVerifierOptions {
  readonly issuer: string;
  readonly audience: string;
  /** Allowed clock skew for exp/nbf, in seconds. Default 30. */
  readonly clockToleranceSeconds?: number;
  readonly discoveryTimeoutMs?: number;
}

/** Asymmetric algorithms only: a JWKS never holds shared secrets, and `none` is never acceptable. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

type KeySet = ReturnType<typeof createRemoteJWKSet>;

interface DiscoveryDocument {
  readonly issuer?: unknown;
  readonly jwks_uri?: unknown;
}

/**
 * Verifies OIDC ID/access tokens with `jose` against the issuer's JWKS, discovered from
 * `<issuer>/.well-known/openid-configuration`. Every refusal carries a reason.
 */
export class OidcVerifier {
  private keySet?: Promise<KeySet>;

  constructor(private readonly options: OidcVerifierOptions) {}

  get issuer(): string {
    return this.options.issuer;
  }

  async verify(token: string): Promise<OidcResult> {
    let keys: KeySet;
    try {
      keys = await this.keys();
    } catch (error) {
      this.keySet = undefined; // try discovery again on the next call
      return {
        ok: false,
        reason: 'issuer_unreachable',
        detail: error instanceof Error ? error.message : String(error),
      };
    }
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ALGORITHMS,
        clockTolerance: this.options.clockToleranceSeconds ?? 30,
        requiredClaims: ['sub', 'exp'],
      });
      return { ok: true, issuer: this.options.issuer, subject: String(payload.sub), claims: payload };
    } catch (error) {
      return {
        ok: false,
        reason: reasonOf(error),
        detail: error instanceof Error ? error.message : String(error),
      };
    }
  }

  private keys(): Promise<KeySet> {
    this.keySet ??= this.discover();
    return this.keySet;
  }

  private async discover(): Promise<KeySet> {
    const base = this.options.issuer.replace(/\/+$/, '');
    const response = await fetch(`${base}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(this.options.discoveryTimeoutMs ?? 5000),
    });
    if (!response.ok) throw new Error(`OIDC discovery answered ${response.status}`);
    const doc = (await response.json()) as DiscoveryDocument;
    if (doc.issuer !== this.options.issuer) throw new Error('OIDC discovery document names another issuer');
    if (typeof doc.jwks_uri !== 'string') throw new Error('OIDC discovery document has no jwks_uri');
    return createRemoteJWKSet(new URL(doc.jwks_uri));
  }
}

function reasonOf(error: unknown): OidcFailureReason {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'wrong_audience';
    if (error.claim === 'iss') return 'wrong_issuer';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'not_yet_valid';
    return 'invalid_claims';
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
    return 'unknown_kid';
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return 'alg_not_allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (error instanceof errors.JWKSTimeout) return 'issuer_unreachable';
  return 'malformed';
}
