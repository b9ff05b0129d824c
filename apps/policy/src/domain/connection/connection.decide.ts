import type { PolicyConnectionSpecV1 } from '@warden/contracts';
import {
  diffConnectionSpecs,
  rollbackConnection,
  specOf,
  validateConnectionSpec,
  type Connection,
} from '@warden/policy-engine';
import { PolicyRejection } from '../policy-rejection';
import type { ConnectionCommand, ConnectionSpecPatch, CreateConnection } from './connection.commands';
import {
  versionOf,
  type ConnectionEvent,
  type ConnectionState,
  type ExistingConnection,
} from './connection.state';

function notFound(): PolicyRejection {
  return new PolicyRejection('not_found', 'connection_not_found', 'Connection not found.');
}

/**
 * The guardrail profile ids of the connection's organization, as the service's projection of
 * `warden.guardrails.v1` has seen them: a lookup result the handler passes in, so `decide` stays pure.
 */
export type KnownGuardrailProfiles = ReadonlySet<string>;

export interface ConnectionLookups {
  readonly guardrailProfiles: KnownGuardrailProfiles;
}

/**
 * A version may only name a profile of the connection's own organization. Another organization's profile is
 * refused exactly as an unknown id (same code, same message), so the answer reveals nothing about it. The
 * check is as good as the projection: a profile created moments ago may not be known yet (retry).
 */
function mustNameKnownProfile(
  spec: PolicyConnectionSpecV1,
  lookups: ConnectionLookups,
  restoredVersion?: number,
): void {
  const id = spec.guardrailProfileId;
  if (id === undefined || lookups.guardrailProfiles.has(id)) return;
  const subject =
    restoredVersion === undefined
      ? 'The guardrail profile'
      : `The guardrail profile named by version ${restoredVersion}`;
  throw new PolicyRejection(
    'not_found',
    'guardrail_profile_not_found',
    `${subject} is not a profile of this organization. Profiles reach the policy service through ` +
      'warden.guardrails.v1: one created moments ago may not be known yet; retry shortly.',
  );
}

function mustBeActive(state: ExistingConnection): void {
  if (state.status === 'revoked') {
    throw new PolicyRejection(
      'conflict',
      'connection_revoked',
      'The connection is revoked; revocation is final.',
    );
  }
}

export function applyPatch(spec: PolicyConnectionSpecV1, patch: ConnectionSpecPatch): PolicyConnectionSpecV1 {
  const next: Record<string, unknown> = { ...spec };
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return specOf(next as unknown as PolicyConnectionSpecV1);
}

function asEngineConnection(
  state: ExistingConnection,
  version: number,
  spec: PolicyConnectionSpecV1,
): Connection {
  return {
    ...spec,
    id: state.id,
    orgId: state.orgId,
    principalId: state.principalId,
    resourceId: state.resourceId,
    version,
    status: state.status,
  };
}

function create(
  command: CreateConnection,
  state: ConnectionState,
  lookups: ConnectionLookups,
): ConnectionEvent[] {
  if (state.exists)
    throw new PolicyRejection(
      'conflict',
      'connection_exists',
      `Connection ${command.connectionId} already exists.`,
    );
  const spec = specOf(command.spec);
  validateConnectionSpec(spec);
  mustNameKnownProfile(spec, lookups);
  return [
    {
      type: 'warden.policy.connection.created.v1',
      data: {
        connectionId: command.connectionId,
        orgId: command.orgId,
        principalId: command.principalId,
        resourceId: command.resourceId,
        version: 1,
        spec,
      },
    },
  ];
}

/**
 * Pure: a connection command, the connection's state and what the handler looked up → the events that record
 * it. Every change is a new version carrying the full spec; a change that changes nothing records nothing.
 * A guardrail profile is checked when a version newly names it (creation, a patch or a rollback that changes
 * `guardrailProfileId`): a version that keeps its profile is not refused for it.
 */
export function decideConnection(
  command: ConnectionCommand,
  state: ConnectionState,
  lookups: ConnectionLookups,
): ConnectionEvent[] {
  if (command.type === 'CreateConnection') return create(command, state, lookups);
  if (!state.exists) throw notFound();
  switch (command.type) {
    case 'UpdateConnection': {
      mustBeActive(state);
      const spec = applyPatch(state.spec, command.patch);
      const changedFields = diffConnectionSpecs(state.spec, spec).map((c) => c.field);
      if (changedFields.length === 0) return [];
      validateConnectionSpec(spec);
      if (changedFields.includes('guardrailProfileId')) mustNameKnownProfile(spec, lookups);
      return [
        {
          type: 'warden.policy.connection.updated.v1',
          data: {
            connectionId: state.id,
            orgId: state.orgId,
            version: state.version + 1,
            previousVersion: state.version,
            spec,
            changedFields,
          },
        },
      ];
    }
    case 'RollbackConnection': {
      mustBeActive(state);
      const target = versionOf(state, command.toVersion);
      if (target === undefined || command.toVersion >= state.version) {
        throw new PolicyRejection(
          'invalid',
          'version_invalid',
          `toVersion must name an earlier version of the connection (1 to ${state.version - 1}).`,
        );
      }
      const rollback = rollbackConnection(
        asEngineConnection(state, state.version, state.spec),
        asEngineConnection(state, target.version, target.spec),
      );
      if (rollback.changedFields.includes('guardrailProfileId'))
        mustNameKnownProfile(rollback.spec, lookups, target.version);
      return [
        {
          type: 'warden.policy.connection.updated.v1',
          data: {
            connectionId: state.id,
            orgId: state.orgId,
            version: rollback.version,
            previousVersion: state.version,
            spec: rollback.spec,
            changedFields: rollback.changedFields,
            rolledBackToVersion: rollback.rolledBackToVersion,
          },
        },
      ];
    }
    case 'RevokeConnection': {
      if (state.status === 'revoked') return [];
      return [
        {
          type: 'warden.policy.connection.revoked.v1',
          data: {
            connectionId: state.id,
            orgId: state.orgId,
            version: state.version + 1,
            previousVersion: state.version,
            ...(command.reason !== undefined ? { reason: command.reason } : {}),
          },
        },
      ];
    }
  }
}
