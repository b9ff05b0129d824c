import { policyToJson, type PolicyJson } from './cedar-runtime';
import { entityReads } from './entity-reads';

function json(text: string): PolicyJson {
  const answer = policyToJson(text);
  if (answer.type === 'failure') throw new Error(answer.errors[0]?.message);
  return answer.json;
}

function reads(...texts: string[]): ReturnType<typeof entityReads> {
  return entityReads(texts.map(json));
}

describe('entity reads', () => {
  it('Given policies reading only uids and the context, When analysed, Then no entity is needed', () => {
    expect(
      reads(
        'permit(principal == Warden::Agent::"a", action == Warden::Action::"mcp.tool", resource == Warden::Resource::"r") when { context.target like "read_*" };',
        'forbid(principal is Warden::Agent, action, resource) when { context.tool == "rm" };',
      ),
    ).toEqual({ principal: undefined, resource: undefined });
  });

  it('Given attribute, has and tag reads, When analysed, Then exactly those parts of each entity are read', () => {
    const answer = reads(
      'forbid(principal, action, resource) when { resource.labels.contains("pii") && principal has status };',
      'forbid(principal, action, resource) when { principal.hasTag("team") && principal.getTag("team") == "ops" };',
    );

    expect(answer.principal).toMatchObject({ all: false, attrs: ['status'], tags: true, parents: false });
    expect(answer.resource).toMatchObject({ all: false, attrs: ['labels'], tags: false, parents: false });
  });

  it('Given an `in` scope, When analysed, Then the ancestors are read', () => {
    expect(
      reads('forbid(principal in Warden::Organization::"o", action, resource);').principal,
    ).toMatchObject({
      all: false,
      attrs: [],
      parents: true,
    });
  });

  it('Given a use the analysis does not model (`in` in a condition, an entity literal), When analysed, Then the whole entity is read', () => {
    expect(
      reads('forbid(principal, action, resource) when { principal in Warden::Organization::"o" };').principal
        ?.all,
    ).toBe(true);
    const literal = reads(
      'forbid(principal, action, resource) when { Warden::Agent::"a".status == "active" };',
    );
    expect([literal.principal?.all, literal.resource?.all]).toEqual([true, true]);
  });
});
