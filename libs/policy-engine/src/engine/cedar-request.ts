import type { CedarContext, CedarValueJson, EntityJson } from '../cedar/cedar-runtime';
import type { EntityRead } from '../cedar/entity-reads';
import type { Uid } from '../cedar/policy-scope';
import { ORGANIZATION_ENTITY_TYPE, RESOURCE_ENTITY_TYPE, principalEntityType } from '../cedar/warden-schema';
import type { Attributes, PrincipalFacts, Resource } from '../domain/policy-model';
import type { DecisionInput } from './decision-types';

function labelsAndTags(attributes: Attributes): { labels: string[]; tags: Record<string, string> } {
  const tags: Record<string, string> = {};
  let labels: string[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'labels' && Array.isArray(value)) labels = [...(value as readonly string[])];
    else if (typeof value === 'string') tags[key] = value;
  }
  return { labels, tags };
}

export function organizationUid(orgId: string): Uid {
  return { type: ORGANIZATION_ENTITY_TYPE, id: orgId };
}

export function principalUid(principal: PrincipalFacts): Uid {
  return { type: principalEntityType(principal.kind), id: principal.id };
}

export function resourceUid(resourceId: string): Uid {
  return { type: RESOURCE_ENTITY_TYPE, id: resourceId };
}

export function principalEntity(principal: PrincipalFacts): EntityJson {
  const { labels, tags } = labelsAndTags(principal.attributes);
  return {
    uid: principalUid(principal),
    attrs: { status: principal.status, labels },
    parents: [organizationUid(principal.orgId)],
    tags,
  };
}

export function resourceEntity(resource: Resource): EntityJson {
  const { labels, tags } = labelsAndTags(resource.attributes);
  return {
    uid: resourceUid(resource.id),
    attrs: { kind: resource.kind, labels },
    parents: [organizationUid(resource.orgId)],
    tags,
  };
}

/** The entity cut down to what a policy set reads of it (see `entityReads`); the same entity when it reads all. */
export function prunedEntity(entity: EntityJson, read: EntityRead): EntityJson {
  if (read.all) return entity;
  const attrs: Record<string, CedarValueJson> = {};
  for (const name of read.attrs) {
    const value = entity.attrs[name];
    if (value !== undefined) attrs[name] = value;
  }
  return {
    uid: entity.uid,
    attrs,
    parents: read.parents ? entity.parents : [],
    ...(read.tags && entity.tags !== undefined && { tags: entity.tags }),
  };
}

/** The Cedar context of a request, shaped per action as Warden's schema declares it. */
export function cedarContext(input: DecisionInput): CedarContext {
  const c = input.context;
  const days = Math.floor(c.time / 86_400_000);
  const common: Record<string, CedarValueJson> = {
    target: input.target,
    // Flooring is exact for the integer bounds Cedar compares against (`trustScore >= n`).
    trustScore: Math.floor(c.trustScore ?? 0),
    estimatedCostMicros: Math.round((c.estimatedCost ?? 0) * 1_000_000),
    // UTC hour and weekday by arithmetic (no Date per decision); 1970-01-01 was a Thursday (4).
    time: {
      epochMillis: c.time,
      hourUtc: Math.floor((c.time - days * 86_400_000) / 3_600_000),
      weekdayUtc: (((days + 4) % 7) + 7) % 7,
    },
    findings: c.findings !== undefined ? [...c.findings] : [],
  };
  switch (input.action) {
    case 'model.chat':
    case 'model.embed':
      common['model'] = c.model ?? input.target;
      break;
    case 'mcp.tool':
      common['tool'] = c.tool ?? input.target;
      break;
    case 'http.request': {
      const space = input.target.indexOf(' ');
      common['method'] = space < 0 ? input.target : input.target.slice(0, space);
      common['path'] = space < 0 ? '' : input.target.slice(space + 1);
      break;
    }
    case 'data.read':
    case 'data.write':
      common['collection'] = input.target;
      break;
  }
  return common;
}
