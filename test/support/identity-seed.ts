import { randomBytes } from 'node:crypto';
import { envelope, type AdminRole, type CloudEvent, type PrincipalKind } from '@warden/contracts';
import type { EventStore } from '@warden/eventstore';
import { generateKeySecret } from '@warden/identity-auth';

/**
 * Writes identity events straight into the event store, as the identity service would (an app never imports
 * another app): the relay carries them to the bus, where each service's projections learn principals and keys.
 */
export interface SeededPrincipal {
  readonly id: string;
  readonly key: string;
}

const rid = (prefix: string): string => `${prefix}_${randomBytes(9).toString('hex')}`;

function identityEvent(
  type: string,
  subject: string,
  orgid: string,
  data: Record<string, unknown>,
): CloudEvent {
  return envelope({ id: rid('evt'), source: 'identity-seed', type, time: new Date(), subject, data, orgid });
}

export class IdentitySeed {
  constructor(private readonly store: EventStore) {}

  async organization(name: string): Promise<string> {
    const orgId = rid('org');
    await this.store.append(
      orgId,
      [
        identityEvent('warden.identity.organization.created.v1', orgId, orgId, {
          organizationId: orgId,
          name,
        }),
      ],
      'no_stream',
    );
    return orgId;
  }

  async principal(
    orgId: string,
    kind: PrincipalKind,
    roles: readonly AdminRole[] = [],
  ): Promise<SeededPrincipal> {
    const id = rid('prn');
    const key = generateKeySecret();
    const keyId = rid('key');
    await this.store.append(
      id,
      [
        identityEvent('warden.identity.principal.registered.v1', id, orgId, {
          principalId: id,
          organizationId: orgId,
          kind,
          name: `${kind}-${id.slice(-4)}`,
          attributes: {},
          roles: [...roles],
        }),
        identityEvent('warden.identity.key.issued.v1', id, orgId, {
          keyId,
          principalId: id,
          organizationId: orgId,
          prefix: key.prefix,
          secretHash: key.secretHash,
          issuedAt: new Date().toISOString(),
        }),
      ],
      'no_stream',
    );
    return { id, key: key.secret };
  }

  async suspend(orgId: string, principalId: string): Promise<void> {
    await this.store.append(
      principalId,
      [
        identityEvent('warden.identity.principal.suspended.v1', principalId, orgId, {
          principalId,
          organizationId: orgId,
        }),
      ],
      'stream_exists',
    );
  }
}
