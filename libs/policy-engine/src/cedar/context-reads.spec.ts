import { policyToJson, type PolicyJson } from './cedar-runtime';
import { contextReads, equalityGuard, readKey } from './context-reads';

function json(text: string): PolicyJson {
  const answer = policyToJson(text);
  if (answer.type === 'failure') throw new Error(answer.errors[0]?.message);
  return answer.json;
}

describe('context reads', () => {
  it('Given comparisons, equalities and set tests against literals, When analysed, Then each path keeps the literals it is tested with', () => {
    const reads = contextReads([
      json(
        'forbid(principal, action, resource) when { context.trustScore < 50 && context.tool == "rm" && context.findings.contains("pii") };',
      ),
      json(
        'forbid(principal, action, resource) when { 20 <= context.trustScore && context.findings.containsAny(["secret", "pii"]) };',
      ),
    ]);

    expect(reads).toEqual([
      { path: ['trustScore'], use: 'compare', literals: [20, 50] },
      { path: ['tool'], use: 'match', literals: [/^rm$/] },
      { path: ['findings'], use: 'member', literals: ['pii', 'secret'] },
    ]);
  });

  it('Given a path used in two different ways, When analysed, Then its exact value is read', () => {
    const reads = contextReads([
      json('forbid(principal, action, resource) when { context.trustScore < 50 };'),
      json('forbid(principal, action, resource) when { context.trustScore == context.estimatedCostMicros };'),
    ]);

    expect(reads).toEqual([
      { path: ['trustScore'], use: 'value' },
      { path: ['estimatedCostMicros'], use: 'value' },
    ]);
  });

  it('Given `like` patterns and string equalities on the target, When targets are keyed, Then only which of them match matters', () => {
    const [read] = contextReads([
      json('forbid(principal, action, resource) when { context.target like "GET /v1/items/*" };'),
      json('forbid(principal, action, resource) when { context.target == "GET /v1/items/0" };'),
    ]);
    const key = (target: string): string => readKey(read, { target });

    expect(read?.use).toBe('match');
    expect(key('GET /v1/items/41')).toBe(key('GET /v1/items/42'));
    expect(key('GET /v1/items/0')).not.toBe(key('GET /v1/items/42'));
    expect(key('POST /v1/items/42')).not.toBe(key('GET /v1/items/42'));
  });

  it('Given thresholds 20 and 50, When trust scores are keyed, Then only their position among the thresholds matters', () => {
    const [read] = contextReads([
      json(
        'forbid(principal, action, resource) when { context.trustScore < 50 && context.trustScore >= 20 };',
      ),
    ]);
    const key = (trustScore: number): string => readKey(read, { trustScore });

    expect(key(21)).toBe(key(49));
    expect(new Set([key(19), key(20), key(21), key(50), key(51)]).size).toBe(5);
  });

  it('Given a first test `context.tool == "rm"`, When asked for its guard, Then it is found; a guard behind another test is not', () => {
    expect(
      equalityGuard(
        json('forbid(principal, action, resource) when { context.tool == "rm" && context.trustScore < 3 };'),
      ),
    ).toEqual({
      path: ['tool'],
      literal: 'rm',
    });
    expect(
      equalityGuard(
        json('forbid(principal, action, resource) when { context.trustScore < 3 && context.tool == "rm" };'),
      ),
    ).toBeUndefined();
    expect(
      equalityGuard(json('forbid(principal, action, resource) unless { context.tool == "rm" };')),
    ).toBeUndefined();
  });

  it('Given a record literal whose attribute names look like operators, When analysed, Then the context reads inside it are found', () => {
    const reads = contextReads([
      json('forbid(principal, action, resource) when { {Value: context.tool}.Value == "rm" };'),
    ]);

    expect(reads).toEqual([{ path: ['tool'], use: 'value' }]);
  });
});
