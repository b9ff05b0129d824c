import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { envelope } from '@warden/contracts';
import { AuthProjection, generateKeySecret } from '@warden/identity-auth';
import { IdentityRejection } from '../identity-rejection';
import type { PrincipalCommand } from './principal.commands';
import { decidePrincipal } from './principal.decide';
import { evolvePrincipal, initialPrincipal, isKeyExpired, type PrincipalState } from './principal.state';

type Step =
  | { kind: 'issue'; principal: number; expiresInSeconds: number | null }
  | { kind: 'rotate'; principal: number; key: number; graceSeconds: number }
  | { kind: 'revokeKey'; principal: number; key: number }
  | { kind: 'suspend' | 'reactivate' | 'revoke'; principal: number }
  | { kind: 'advance'; seconds: number };

const PRINCIPALS = 3;
const principalIndex = fc.integer({ min: 0, max: PRINCIPALS - 1 });
const keyIndex = fc.integer({ min: 0, max: 7 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('issue' as const),
    principal: principalIndex,
    expiresInSeconds: fc.option(fc.integer({ min: 1, max: 600 })),
  }),
  fc.record({
    kind: fc.constant('rotate' as const),
    principal: principalIndex,
    key: keyIndex,
    graceSeconds: fc.integer({ min: 0, max: 300 }),
  }),
  fc.record({ kind: fc.constant('revokeKey' as const), principal: principalIndex, key: keyIndex }),
  fc.record({
    kind: fc.constantFrom('suspend' as const, 'reactivate' as const, 'revoke' as const),
    principal: principalIndex,
  }),
  fc.record({ kind: fc.constant('advance' as const), seconds: fc.integer({ min: 1, max: 400 }) }),
);

function deterministicSecret(seed: string) {
  return generateKeySecret(() => createHash('sha256').update(seed).digest());
}

describe('property: random command sequences', () => {
  it('never let a revoked principal, a suspended principal, or a revoked or expired key authenticate — and keep every other key working', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let now = new Date('2026-11-26T00:00:00.000Z');
        let seq = 0;
        const projection = new AuthProjection();
        const states: PrincipalState[] = [];
        const secrets = new Map<string, { principal: number; secret: string }>();

        const run = (principal: number, command: PrincipalCommand): void => {
          let events;
          try {
            events = decidePrincipal(command, states[principal] ?? initialPrincipal);
          } catch (error) {
            if (error instanceof IdentityRejection) return;
            throw error;
          }
          for (const e of events) {
            states[principal] = evolvePrincipal(states[principal] ?? initialPrincipal, e);
            seq += 1;
            projection.apply(
              envelope({
                id: `evt_${seq}`,
                source: 'prop',
                type: e.type,
                time: now,
                subject: `prn_${principal}`,
                data: e.data,
                orgid: 'org_p',
              }),
              seq,
            );
          }
        };
        const keyIds = (principal: number): string[] => {
          const s = states[principal];
          return s?.registered ? Object.keys(s.keys) : [];
        };

        for (let p = 0; p < PRINCIPALS; p++) {
          run(p, {
            type: 'RegisterPrincipal',
            data: {
              principalId: `prn_${p}`,
              organizationId: 'org_p',
              kind: 'agent',
              name: `a${p}`,
              attributes: {},
              roles: [],
            },
          });
        }
        for (const s of steps) {
          switch (s.kind) {
            case 'advance':
              now = new Date(now.getTime() + s.seconds * 1000);
              break;
            case 'issue': {
              const keyId = `key_${seq + 1}`;
              const key = deterministicSecret(keyId);
              secrets.set(keyId, { principal: s.principal, secret: key.secret });
              const expiresAt =
                s.expiresInSeconds === null ? undefined : new Date(now.getTime() + s.expiresInSeconds * 1000);
              run(s.principal, {
                type: 'IssueKey',
                data: {
                  keyId,
                  prefix: key.prefix,
                  secretHash: key.secretHash,
                  now,
                  ...(expiresAt ? { expiresAt } : {}),
                },
              });
              break;
            }
            case 'rotate': {
              const keyId = keyIds(s.principal)[s.key];
              if (!keyId) break;
              const newKeyId = `key_${seq + 1}`;
              const key = deterministicSecret(newKeyId);
              secrets.set(newKeyId, { principal: s.principal, secret: key.secret });
              run(s.principal, {
                type: 'RotateKey',
                data: {
                  keyId,
                  newKeyId,
                  newPrefix: key.prefix,
                  newSecretHash: key.secretHash,
                  gracePeriodSeconds: s.graceSeconds,
                  now,
                },
              });
              break;
            }
            case 'revokeKey': {
              const keyId = keyIds(s.principal)[s.key];
              if (keyId) run(s.principal, { type: 'RevokeKey', data: { keyId } });
              break;
            }
            case 'suspend':
              run(s.principal, { type: 'SuspendPrincipal', data: {} });
              break;
            case 'reactivate':
              run(s.principal, { type: 'ReactivatePrincipal', data: {} });
              break;
            case 'revoke':
              run(s.principal, { type: 'RevokePrincipal', data: {} });
              break;
          }

          for (const [keyId, { principal, secret }] of secrets) {
            const state = states[principal];
            const key = state?.registered ? state.keys[keyId] : undefined;
            const result = projection.authenticate(secret, now);
            if (!state?.registered || !key) {
              expect(result.ok).toBe(false); // a rejected issue/rotation leaves no key behind
              continue;
            }
            const mustFail = state.status !== 'active' || key.status === 'revoked' || isKeyExpired(key, now);
            expect(result.ok).toBe(!mustFail);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
