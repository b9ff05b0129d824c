import { globToRegExp, type Connection, type OperationAction, type PolicyState } from '@warden/policy-engine';
import type { Caller } from '../pipeline/ingress-request';
import type { ConnectionDirectory, ResourceResolution } from '../pipeline/ports/connection-directory.port';
import type { PolicyProjection } from './policy-projection';

interface Index {
  readonly state: PolicyState;
  readonly byPrincipal: ReadonlyMap<string, readonly Connection[]>;
}

const patterns = new Map<string, RegExp>();
function matches(glob: string, target: string): boolean {
  let re = patterns.get(glob);
  if (re === undefined) {
    re = globToRegExp(glob);
    patterns.set(glob, re);
  }
  return re.test(target);
}

/** Resolves where a request goes from the policy projection (rebuilding its per-principal index per snapshot). */
export class PolicyConnectionDirectory implements ConnectionDirectory {
  private index?: Index;

  constructor(private readonly projection: PolicyProjection) {}

  resolve(caller: Caller, action: OperationAction, target: string, resourceId?: string): ResourceResolution {
    const state = this.projection.state;
    if (resourceId !== undefined) {
      const resource = state.resources.get(resourceId);
      // Another organization's resource answers exactly like one that does not exist.
      if (resource === undefined || resource.orgId !== caller.organizationId) {
        return { found: false, reason: 'not_found', message: `resource ${resourceId} not found` };
      }
      const connection = this.connectionsOf(caller.principalId).find(
        (c) =>
          c.resourceId === resourceId &&
          c.operations.some((o) => o.action === action && matches(o.target, target)),
      );
      return { found: true, resource, ...(connection !== undefined && { connection }) };
    }
    for (const connection of this.connectionsOf(caller.principalId)) {
      if (!connection.operations.some((o) => o.action === action && matches(o.target, target))) continue;
      const resource = state.resources.get(connection.resourceId);
      if (resource !== undefined && resource.orgId === caller.organizationId)
        return { found: true, resource, connection };
    }
    return {
      found: false,
      reason: 'no_connection',
      message: `no connection of this key allows ${action} on "${target}"`,
    };
  }

  targets(caller: Caller, action: OperationAction): ReadonlyArray<{ target: string; resourceId: string }> {
    const out: { target: string; resourceId: string }[] = [];
    for (const connection of this.connectionsOf(caller.principalId)) {
      for (const operation of connection.operations) {
        if (operation.action === action)
          out.push({ target: operation.target, resourceId: connection.resourceId });
      }
    }
    return out;
  }

  private connectionsOf(principalId: string): readonly Connection[] {
    const state = this.projection.state;
    if (this.index?.state !== state) {
      const byPrincipal = new Map<string, Connection[]>();
      for (const connection of state.connections.values()) {
        if (connection.status !== 'active') continue;
        const list = byPrincipal.get(connection.principalId) ?? [];
        list.push(connection);
        byPrincipal.set(connection.principalId, list);
      }
      this.index = { state, byPrincipal };
    }
    return this.index.byPrincipal.get(principalId) ?? [];
  }
}
