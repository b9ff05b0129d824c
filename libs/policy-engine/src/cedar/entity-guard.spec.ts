import { policyToJson, type EntityJson, type PolicyJson } from './cedar-runtime';
import { entityGuard, entityGuardFails } from './entity-guard';

function json(text: string): PolicyJson {
  const answer = policyToJson(text);
  if (answer.type === 'failure') throw new Error(answer.errors[0]?.message);
  return answer.json;
}

const RESOURCE: EntityJson = {
  uid: { type: 'Warden::Resource', id: 'res_1' },
  attrs: { kind: 'model', labels: ['internal'] },
  parents: [],
};

describe('entity guards', () => {
  it('Given a forbid whose first test reads the resource, When the resource fails it, Then the forbid can be left out', () => {
    const labels = entityGuard(
      json(
        'forbid(principal, action, resource) when { resource.labels.contains("pii") && context.trustScore < 50 };',
      ),
    );
    const kind = entityGuard(
      json('forbid(principal, action, resource) when { "mcp_server" == resource.kind };'),
    );

    expect(labels).toEqual({ entity: 'resource', attr: 'labels', test: 'contains', literal: 'pii' });
    expect(kind).toEqual({ entity: 'resource', attr: 'kind', test: 'equals', literal: 'mcp_server' });
    expect(labels && entityGuardFails(labels, RESOURCE)).toBe(true);
    expect(kind && entityGuardFails(kind, RESOURCE)).toBe(true);
  });

  it('Given a test that holds, or an attribute the entity lacks, When checked, Then the forbid stays for Cedar', () => {
    const internal = entityGuard(
      json('forbid(principal, action, resource) when { resource.labels.contains("internal") };'),
    );
    const missing = entityGuard(json('forbid(principal, action, resource) when { resource.team == "a" };'));

    expect(internal && entityGuardFails(internal, RESOURCE)).toBe(false);
    expect(missing && entityGuardFails(missing, RESOURCE)).toBe(false);
  });

  it('Given a first test that is not on an entity attribute, or an unless clause, When analysed, Then there is no guard', () => {
    expect(
      entityGuard(json('forbid(principal, action, resource) when { context.tool == "rm" };')),
    ).toBeUndefined();
    expect(
      entityGuard(json('forbid(principal, action, resource) unless { resource.labels.contains("pii") };')),
    ).toBeUndefined();
  });
});
