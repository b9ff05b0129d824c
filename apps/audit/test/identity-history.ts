import type { DeliveredMessage } from '@warden/bus';
import { envelope, type CloudEvent } from '@warden/contracts';
import fc from 'fast-check';

/** One step of a random identity/policy history (indices pick among the principals/keys/connections so far). */
export type HistoryStep =
  | { kind: 'register'; principalKind: 'human' | 'agent' | 'application' | 'mcp_server' }
  | { kind: 'suspend' | 'reactivate' | 'revoke'; principal: number }
  | { kind: 'issueKey'; principal: number; expiresInMin?: number }
  | { kind: 'rotateKey' | 'revokeKey'; key: number; graceMin: number }
  | { kind: 'connect'; principal: number; resource: number; actions: string[]; expiresInMin?: number }
  | { kind: 'updateConnection'; connection: number; actions: string[] }
  | { kind: 'deleteConnection'; connection: number };

const actions = fc.subarray(['model.chat', 'model.embed', 'mcp.tool', 'data.read'], { minLength: 1 });

export const historySteps = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant('register' as const),
      principalKind: fc.constantFrom(
        'human' as const,
        'agent' as const,
        'application' as const,
        'mcp_server' as const,
      ),
    }),
    fc.record({
      kind: fc.constantFrom('suspend' as const, 'reactivate' as const, 'revoke' as const),
      principal: fc.nat(20),
    }),
    fc.record({
      kind: fc.constant('issueKey' as const),
      principal: fc.nat(20),
      expiresInMin: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
    }),
    fc.record({
      kind: fc.constantFrom('rotateKey' as const, 'revokeKey' as const),
      key: fc.nat(20),
      graceMin: fc.integer({ min: 1, max: 60 }),
    }),
    fc.record({
      kind: fc.constant('connect' as const),
      principal: fc.nat(20),
      resource: fc.nat(3),
      actions,
      expiresInMin: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
    }),
    fc.record({ kind: fc.constant('updateConnection' as const), connection: fc.nat(20), actions }),
    fc.record({ kind: fc.constant('deleteConnection' as const), connection: fc.nat(20) }),
  ),
  { minLength: 1, maxLength: 40 },
);

/** Turns steps into envelopes one minute apart from `start`; steps naming nothing that exists yet are skipped. */
export function historyEvents(orgid: string, steps: readonly HistoryStep[], start: number): CloudEvent[] {
  const principals: string[] = [];
  const keys: { id: string; principalId: string }[] = [];
  const connections: string[] = [];
  const out: CloudEvent[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  steps.forEach((step, i) => {
    const time = start + i * 60_000;
    const emit = (type: string, subject: string, data: Record<string, unknown>) =>
      out.push(
        envelope({
          id: `evt_${orgid}_${i}`,
          source: 'warden/test',
          type,
          time: new Date(time),
          subject,
          orgid,
          data,
        }),
      );
    const pick = <T>(list: readonly T[], n: number): T | undefined =>
      list.length === 0 ? undefined : list[n % list.length];
    switch (step.kind) {
      case 'register': {
        const principalId = `prn_${orgid.replace(/[^A-Za-z0-9]/g, '')}${principals.length}`;
        principals.push(principalId);
        emit('warden.identity.principal.registered.v1', principalId, {
          principalId,
          organizationId: orgid,
          kind: step.principalKind,
          name: principalId,
          attributes: {},
          roles: [],
        });
        break;
      }
      case 'suspend':
      case 'reactivate':
      case 'revoke': {
        const principalId = pick(principals, step.principal);
        const verb =
          step.kind === 'suspend' ? 'suspended' : step.kind === 'reactivate' ? 'reactivated' : 'revoked';
        if (principalId)
          emit(`warden.identity.principal.${verb}.v1`, principalId, { principalId, organizationId: orgid });
        break;
      }
      case 'issueKey': {
        const principalId = pick(principals, step.principal);
        if (!principalId) break;
        const id = `key_${keys.length}x${i}`;
        keys.push({ id, principalId });
        emit('warden.identity.key.issued.v1', principalId, {
          keyId: id,
          principalId,
          organizationId: orgid,
          prefix: `wk_${String(keys.length).padStart(8, 'a')}`,
          secretHash: 'a'.repeat(64),
          issuedAt: iso(time),
          ...(step.expiresInMin !== undefined ? { expiresAt: iso(time + step.expiresInMin * 60_000) } : {}),
        });
        break;
      }
      case 'rotateKey':
      case 'revokeKey': {
        const key = pick(keys, step.key);
        if (!key) break;
        if (step.kind === 'revokeKey')
          emit('warden.identity.key.revoked.v1', key.principalId, {
            keyId: key.id,
            principalId: key.principalId,
            organizationId: orgid,
          });
        else
          emit('warden.identity.key.rotated.v1', key.principalId, {
            keyId: key.id,
            principalId: key.principalId,
            organizationId: orgid,
            replacedBy: `key_new${i}`,
            graceEndsAt: iso(time + step.graceMin * 60_000),
          });
        break;
      }
      case 'connect': {
        const principalId = pick(principals, step.principal);
        if (!principalId) break;
        const connectionId = `con_${connections.length}x${i}`;
        connections.push(connectionId);
        emit('warden.policy.connection.created.v1', connectionId, {
          connectionId,
          orgId: orgid,
          principalId,
          resourceId: `res_${step.resource}`,
          version: 1,
          spec: {
            operations: step.actions.map((action) => ({ action, target: '*' })),
            failMode: 'closed',
            ...(step.expiresInMin !== undefined ? { expiresAt: iso(time + step.expiresInMin * 60_000) } : {}),
          },
        });
        break;
      }
      case 'updateConnection': {
        const connectionId = pick(connections, step.connection);
        if (connectionId)
          emit('warden.policy.connection.updated.v1', connectionId, {
            connectionId,
            orgId: orgid,
            version: 2,
            previousVersion: 1,
            changedFields: ['operations'],
            spec: {
              operations: step.actions.map((action) => ({ action, target: 'gpt-*' })),
              failMode: 'closed',
            },
          });
        break;
      }
      case 'deleteConnection': {
        const connectionId = pick(connections, step.connection);
        if (connectionId)
          emit('warden.policy.connection.revoked.v1', connectionId, {
            connectionId,
            orgId: orgid,
            version: 2,
            previousVersion: 1,
          });
        break;
      }
    }
  });
  return out;
}

export function asDelivered(events: readonly CloudEvent[]): DeliveredMessage[] {
  return events.map((event, n) => ({
    topic: event.type.startsWith('warden.policy.') ? 'warden.policy.v1' : 'warden.identity.v1',
    partition: 0,
    offset: String(n),
    key: event.subject,
    event,
  }));
}
