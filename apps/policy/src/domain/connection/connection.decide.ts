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

function create(command: CreateConnection, state: ConnectionState): ConnectionEvent[] {
  if (state.exists)
    throw new PolicyRejection(
      'conflict',
      'connection_exists',
      `Connection ${command.connectionId} already exists.`,
    );
  const spec = specOf(command.spec);
  validateConnectionSpec(spec);
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
 * Pure: a connection command and the connection's state → the events that record it. Every change is a
 * new version carrying the full spec; a change that changes nothing records nothing.
 */
export function decideConnection(command: ConnectionCommand, state: ConnectionState): ConnectionEvent[] {
  if (command.type === 'CreateConnection') return create(command, state);
  if (!state.exists) throw notFound();
  switch (command.type) {
    case 'UpdateConnection': {
      mustBeActive(state);
      const spec = applyPatch(state.spec, command.patch);
      const changedFields = diffConnectionSpecs(state.spec, spec).map((c) => c.field);
      if (changedFields.length === 0) return [];
      validateConnectionSpec(spec);
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
