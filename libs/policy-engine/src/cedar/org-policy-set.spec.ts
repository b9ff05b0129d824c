import { PolicySetRejectedError } from '../errors';
import { validateOrgPolicySet } from './org-policy-set';

function rejection(text: string): PolicySetRejectedError {
  try {
    validateOrgPolicySet(text);
  } catch (error: unknown) {
    if (error instanceof PolicySetRejectedError) return error;
    throw error;
  }
  throw new Error('the policy set was accepted');
}

describe('validateOrgPolicySet', () => {
  it('Given valid forbids, When validated, Then each gets its @id or its positional id in text order', () => {
    const text = Array.from({ length: 12 }, (_, i) =>
      i === 3
        ? '@id("no-rm") forbid(principal, action == Warden::Action::"mcp.tool", resource) when { context.tool == "rm" };'
        : `forbid(principal, action, resource) when { context.findings.contains("f${i}") };`,
    ).join('\n');

    const parsed = validateOrgPolicySet(text);

    const byFinding = new Map(parsed.map((p) => [p.text, p.localId]));
    expect(
      byFinding.get('forbid(principal, action, resource) when { context.findings.contains("f11") };'),
    ).toBe('policy11');
    expect(
      byFinding.get('forbid(principal, action, resource) when { context.findings.contains("f2") };'),
    ).toBe('policy2');
    expect(parsed.map((p) => p.localId)).toContain('no-rm');
    expect(parsed).toHaveLength(12);
  });

  it('Given a syntax error, When validated, Then it is rejected with Cedar’s parse message', () => {
    const error = rejection('forbid(principal, action, resource) when { context.tool == };');

    expect(error.code).toBe('policy_set_invalid');
    expect(error.status).toBe(400);
    expect(error.details[0]).toMatch(/unexpected token `}`/);
  });

  it('Given an attribute the schema does not declare for the action, When validated, Then it is rejected with Cedar’s validation message', () => {
    const error = rejection(
      'forbid(principal, action == Warden::Action::"model.chat", resource) when { context.tool == "rm" };',
    );

    expect(error.details).toEqual([
      expect.stringContaining('attribute `tool` in context for Warden::Action::"model.chat" not found'),
    ]);
  });

  it('Given an unknown entity type, When validated, Then it is rejected with Cedar’s message', () => {
    const error = rejection('forbid(principal is Warden::Robot, action, resource);');

    expect(error.details.join(' ')).toMatch(/Warden::Robot/);
  });

  it('Given a permit, When validated, Then it is rejected: organization sets only forbid', () => {
    const error = rejection('permit(principal, action, resource);');

    expect(error.details).toEqual(['policy `policy0` is a permit: organization policy sets may only forbid']);
  });

  it('Given a template, When validated, Then it is rejected', () => {
    expect(rejection('forbid(principal == ?principal, action, resource);').details[0]).toMatch(/templates/);
  });

  it('Given the empty text, When validated, Then it is an empty, valid set', () => {
    expect(validateOrgPolicySet('')).toEqual([]);
  });
});
