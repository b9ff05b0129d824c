import type {
  ActionConstraint,
  EntityUidJson,
  PolicyJson,
  PrincipalConstraint,
  ResourceConstraint,
} from './cedar-runtime';

export interface Uid {
  readonly type: string;
  readonly id: string;
}

/** What the engine knows of a request before calling Cedar: the uids and each entity's ancestors. */
export interface RequestScope {
  readonly principal: Uid;
  readonly principalAncestors: readonly Uid[];
  readonly action: Uid;
  readonly resource: Uid;
  readonly resourceAncestors: readonly Uid[];
}

function uidOf(json: EntityUidJson): Uid {
  return '__entity' in json ? json.__entity : json;
}

function same(a: Uid, b: Uid): boolean {
  return a.type === b.type && a.id === b.id;
}

function isIn(entity: Uid, ancestors: readonly Uid[], target: Uid): boolean {
  return same(entity, target) || ancestors.some((a) => same(a, target));
}

function entityScopeMayApply(
  constraint: PrincipalConstraint | ResourceConstraint,
  entity: Uid,
  ancestors: readonly Uid[],
): boolean {
  switch (constraint.op) {
    case 'All':
      return true;
    case '==':
      return 'entity' in constraint ? same(uidOf(constraint.entity), entity) : true;
    case 'in':
      return 'entity' in constraint ? isIn(entity, ancestors, uidOf(constraint.entity)) : true;
    case 'is':
      if (constraint.entity_type !== entity.type) return false;
      if (constraint.in === undefined || !('entity' in constraint.in)) return true;
      return isIn(entity, ancestors, uidOf(constraint.in.entity));
    default:
      return true;
  }
}

// Warden's schema declares no action groups, so `action in X` holds exactly when action == X.
function actionScopeMayApply(constraint: ActionConstraint, action: Uid): boolean {
  switch (constraint.op) {
    case 'All':
      return true;
    case '==':
      return 'entity' in constraint ? same(uidOf(constraint.entity), action) : true;
    case 'in':
      return 'entity' in constraint
        ? same(uidOf(constraint.entity), action)
        : constraint.entities.some((e) => same(uidOf(e), action));
    default:
      return true;
  }
}

/**
 * Whether a policy's scope can match the request. `false` is exact (Cedar would skip the policy), so
 * leaving the policy out of the set Cedar evaluates changes no decision; any shape not understood
 * here answers `true` and the policy stays in.
 */
export function scopeMayApply(policy: PolicyJson, scope: RequestScope): boolean {
  return (
    actionScopeMayApply(policy.action, scope.action) &&
    entityScopeMayApply(policy.principal, scope.principal, scope.principalAncestors) &&
    entityScopeMayApply(policy.resource, scope.resource, scope.resourceAncestors)
  );
}
