import { eventSchemas, type PolicyConnectionSpecV1 } from '@warden/contracts';
import { ValidationFailedError } from '@warden/platform';

const PLACEHOLDER: PolicyConnectionSpecV1 = {
  operations: [{ action: 'model.chat', target: 'placeholder' }],
  failMode: 'closed',
};

/**
 * Checks the shape of (part of) a connection spec against the event's JSON Schema before any domain code reads
 * it, so a malformed body is a 400 naming the problem. Present fields are checked; `null` (removal) is skipped.
 */
export function assertSpecShape(fields: Readonly<Record<string, unknown>>): void {
  const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null));
  const result = eventSchemas().validateData('warden.policy.connection.created.v1', {
    connectionId: 'con_shape',
    orgId: 'org_shape',
    principalId: 'prn_shape',
    resourceId: 'res_shape',
    version: 1,
    spec: { ...PLACEHOLDER, ...present },
  });
  if (!result.ok) {
    throw new ValidationFailedError(
      [],
      `The connection is invalid: ${result.reason.replace(/\/spec/g, '')}`,
      'connection_invalid',
    );
  }
}
