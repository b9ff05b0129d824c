import type { Connection, Operation, OperationAction, PrincipalKind } from '../domain/policy-model';
import { cedarStringLiteral, globToCedarLike, isExactGlob } from '../domain/glob';
import { ACTION_ENTITY_TYPE, RESOURCE_ENTITY_TYPE, principalEntityType } from './warden-schema';

/** One Cedar permit compiled from one operation of one connection version. */
export interface CompiledPermit {
  /** `con_x@v3#op0`: names the connection, its version and the operation, so reasons name it. */
  readonly id: string;
  readonly operationIndex: number;
  readonly action: OperationAction;
  readonly text: string;
}

export function connectionPolicyId(connectionId: string, version: number, operationIndex: number): string {
  return `${connectionId}@v${version}#op${operationIndex}`;
}

/**
 * A connection compiles to one permit per operation, scoped to exactly its principal, action and
 * resource. The target glob becomes `context.target like "<glob>"` and `minTrust` becomes
 * `context.trustScore >= n`. Expiry, status and argument constraints are enforced by the engine
 * before Cedar is called (ADR 0006 says why); a revoked connection compiles to nothing.
 */
export function compileConnection(
  connection: Connection,
  principalKind: PrincipalKind,
): readonly CompiledPermit[] {
  if (connection.status !== 'active') return [];
  return connection.operations.map((operation, index) => ({
    id: connectionPolicyId(connection.id, connection.version, index),
    operationIndex: index,
    action: operation.action,
    text: permitText(connection, principalKind, operation),
  }));
}

function permitText(connection: Connection, principalKind: PrincipalKind, operation: Operation): string {
  const conditions: string[] = [];
  if (operation.target !== '*') {
    conditions.push(
      isExactGlob(operation.target)
        ? `context.target == ${cedarStringLiteral(operation.target)}`
        : `context.target like ${globToCedarLike(operation.target)}`,
    );
  }
  if (connection.minTrust !== undefined) conditions.push(`context.trustScore >= ${connection.minTrust}`);
  const scope =
    `principal == ${principalEntityType(principalKind)}::${cedarStringLiteral(connection.principalId)}, ` +
    `action == ${ACTION_ENTITY_TYPE}::${cedarStringLiteral(operation.action)}, ` +
    `resource == ${RESOURCE_ENTITY_TYPE}::${cedarStringLiteral(connection.resourceId)}`;
  const when = conditions.length > 0 ? ` when { ${conditions.join(' && ')} }` : '';
  return `permit(${scope})${when};`;
}
