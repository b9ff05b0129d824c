import type { AdminRole, CloudEvent, PrincipalKind } from '@warden/contracts';
import { hashesEqual, hashKeySecret, looksLikeKeySecret } from './key-secret';

export type PrincipalStatus = 'active' | 'suspended' | 'revoked';

export interface AuthenticatedPrincipal {
  readonly principalId: string;
  readonly organizationId: string;
  readonly kind: PrincipalKind;
  readonly name: string;
  readonly roles: readonly AdminRole[];
}

export type AuthFailureReason =
  'malformed' | 'unknown' | 'revoked' | 'expired' | 'principal_suspended' | 'principal_revoked';

export type KeyAuthResult =
  | { readonly ok: true; readonly principal: AuthenticatedPrincipal; readonly keyId: string }
  | { readonly ok: false; readonly reason: AuthFailureReason };

interface KeyRecord {
  readonly keyId: string;
  readonly principalId: string;
  readonly organizationId: string;
  readonly secretHash: string;
  readonly expiresAt?: number;
  graceEndsAt?: number;
  revoked: boolean;
}

interface PrincipalRecord extends AuthenticatedPrincipal {
  status: PrincipalStatus;
}

export interface ProjectionLag {
  /** Position (event-store position or Kafka offset) of the last event applied, if the feeder gave one. */
  readonly lastPosition?: string;
  /** `time` of the last event applied. */
  readonly lastEventTime?: string;
  /** Wall-clock age of the last event applied (now − its time). */
  readonly lastEventAgeMs?: number;
  /** When the feeder last confirmed the projection had read everything there was. */
  readonly caughtUpAt?: string;
  /** When the feeder last applied an event (Kafka feeders: the last sign of life of the topic). */
  readonly lastAppliedAt?: string;
  /** now − caughtUpAt: how stale the projection may be. Infinity before the first catch-up. */
  readonly stalenessMs: number;
  readonly eventsApplied: number;
}

/** Receives every successful key authentication; see KeyUsageTracker (batched, no write per request). */
export interface KeyUsageSink {
  record(usage: { keyId: string; principalId: string; organizationId: string; at: Date }): void;
}

const PROJECTED_TYPES: ReadonlySet<string> = new Set([
  'warden.identity.principal.registered.v1',
  'warden.identity.principal.suspended.v1',
  'warden.identity.principal.reactivated.v1',
  'warden.identity.principal.revoked.v1',
  'warden.identity.key.issued.v1',
  'warden.identity.key.rotated.v1',
  'warden.identity.key.revoked.v1',
  'warden.identity.oidc.bound.v1',
]);

const oidcKey = (issuer: string, subject: string): string => `${issuer}\n${subject}`;

/**
 * The authentication projection: an in-memory index built from `warden.identity.*` events, so any process
 * authenticates API keys locally (no call to the identity service per request). Lookup is O(1) by the
 * secret's SHA-256; the stored hash is compared in constant time. Redelivered events (same id) are ignored.
 */
export class AuthProjection {
  private readonly keysByHash = new Map<string, KeyRecord>();
  private readonly keysById = new Map<string, KeyRecord>();
  private readonly principals = new Map<string, PrincipalRecord>();
  private readonly oidcBindings = new Map<string, string>();
  private readonly seen = new Set<string>();
  private lastPosition?: string;
  private lastEventTime?: string;
  private caughtUpAt?: Date;
  private appliedAt?: Date;
  private applied = 0;

  constructor(private readonly usage?: KeyUsageSink) {}

  apply(event: CloudEvent, position?: string | number): void {
    if (position !== undefined) this.lastPosition = String(position);
    this.lastEventTime = event.time;
    // Only decisions are remembered for dedupe: usage reports and other contexts' events would grow the set forever.
    if (!PROJECTED_TYPES.has(event.type) || this.seen.has(event.id)) return;
    this.seen.add(event.id);
    this.evolve(event);
    this.applied += 1;
  }

  /** The feeder calls this when it has read up to the head of its source (store or topic). */
  markCaughtUp(at: Date): void {
    this.caughtUpAt = at;
  }

  markApplied(at: Date): void {
    this.appliedAt = at;
  }

  lag(now: Date): ProjectionLag {
    return {
      ...(this.lastPosition !== undefined ? { lastPosition: this.lastPosition } : {}),
      ...(this.lastEventTime !== undefined
        ? {
            lastEventTime: this.lastEventTime,
            lastEventAgeMs: now.getTime() - Date.parse(this.lastEventTime),
          }
        : {}),
      ...(this.caughtUpAt ? { caughtUpAt: this.caughtUpAt.toISOString() } : {}),
      ...(this.appliedAt ? { lastAppliedAt: this.appliedAt.toISOString() } : {}),
      stalenessMs: this.caughtUpAt ? now.getTime() - this.caughtUpAt.getTime() : Number.POSITIVE_INFINITY,
      eventsApplied: this.applied,
    };
  }

  authenticate(secret: string, now: Date): KeyAuthResult {
    if (!looksLikeKeySecret(secret)) return { ok: false, reason: 'malformed' };
    const hash = hashKeySecret(secret);
    const key = this.keysByHash.get(hash);
    if (!key || !hashesEqual(key.secretHash, hash)) return { ok: false, reason: 'unknown' };
    const principal = this.principals.get(key.principalId);
    if (!principal) return { ok: false, reason: 'unknown' };
    if (principal.status === 'revoked') return { ok: false, reason: 'principal_revoked' };
    if (key.revoked) return { ok: false, reason: 'revoked' };
    const t = now.getTime();
    if (
      (key.expiresAt !== undefined && t >= key.expiresAt) ||
      (key.graceEndsAt !== undefined && t >= key.graceEndsAt)
    ) {
      return { ok: false, reason: 'expired' };
    }
    if (principal.status === 'suspended') return { ok: false, reason: 'principal_suspended' };
    this.usage?.record({
      keyId: key.keyId,
      principalId: key.principalId,
      organizationId: key.organizationId,
      at: now,
    });
    const { status: _status, ...who } = principal;
    return { ok: true, principal: who, keyId: key.keyId };
  }

  principal(
    principalId: string,
  ): (AuthenticatedPrincipal & { readonly status: PrincipalStatus }) | undefined {
    const record = this.principals.get(principalId);
    return record ? { ...record } : undefined;
  }

  /** The principal an OIDC identity is bound to, if any. */
  principalIdForOidc(issuer: string, subject: string): string | undefined {
    return this.oidcBindings.get(oidcKey(issuer, subject));
  }

  private evolve(event: CloudEvent): void {
    const data = event.data as Record<string, unknown>;
    const str = (name: string): string => String(data[name]);
    const optionalTime = (name: string): number | undefined =>
      typeof data[name] === 'string' ? Date.parse(data[name]) : undefined;
    switch (event.type) {
      case 'warden.identity.principal.registered.v1':
        if (!this.principals.has(str('principalId'))) {
          this.principals.set(str('principalId'), {
            principalId: str('principalId'),
            organizationId: str('organizationId'),
            kind: str('kind') as PrincipalKind,
            name: str('name'),
            roles: Array.isArray(data.roles) ? (data.roles as AdminRole[]) : [],
            status: 'active',
          });
        }
        return;
      case 'warden.identity.principal.suspended.v1':
        return this.setStatus(str('principalId'), 'suspended');
      case 'warden.identity.principal.reactivated.v1':
        return this.setStatus(str('principalId'), 'active');
      case 'warden.identity.principal.revoked.v1':
        return this.setStatus(str('principalId'), 'revoked');
      case 'warden.identity.key.issued.v1': {
        if (this.keysById.has(str('keyId'))) return;
        const expiresAt = optionalTime('expiresAt');
        const record: KeyRecord = {
          keyId: str('keyId'),
          principalId: str('principalId'),
          organizationId: str('organizationId'),
          secretHash: str('secretHash'),
          ...(expiresAt !== undefined ? { expiresAt } : {}),
          revoked: false,
        };
        this.keysById.set(record.keyId, record);
        this.keysByHash.set(record.secretHash, record);
        return;
      }
      case 'warden.identity.key.rotated.v1': {
        const key = this.keysById.get(str('keyId'));
        const graceEndsAt = optionalTime('graceEndsAt');
        if (key && graceEndsAt !== undefined) key.graceEndsAt = graceEndsAt;
        return;
      }
      case 'warden.identity.key.revoked.v1': {
        const key = this.keysById.get(str('keyId'));
        if (key) key.revoked = true;
        return;
      }
      case 'warden.identity.oidc.bound.v1':
        this.oidcBindings.set(oidcKey(str('issuer'), str('subject')), str('principalId'));
        return;
      default:
        return;
    }
  }

  private setStatus(principalId: string, status: PrincipalStatus): void {
    const principal = this.principals.get(principalId);
    // Revocation is final even if an older event is delivered late.
    if (principal && principal.status !== 'revoked') principal.status = status;
  }
}
