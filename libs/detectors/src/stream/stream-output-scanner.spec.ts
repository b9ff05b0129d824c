import fc from 'fast-check';
import { DEFAULT_PROFILE, type GuardrailProfile } from '../scan/profile';
import { sseBlockedEvent, StreamOutputScanner } from './stream-output-scanner';

const SECRET = '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';

function run(
  chunks: readonly string[],
  profile: GuardrailProfile = DEFAULT_PROFILE,
): { released: string; blocked: boolean } {
  const scanner = new StreamOutputScanner(profile);
  let released = '';
  let blocked = false;
  for (const c of chunks) {
    const step = scanner.push(c);
    released += step.release;
    if (step.blocked) {
      blocked = true;
      break;
    }
  }
  if (!blocked) {
    const last = scanner.end();
    released += last.release;
    blocked = last.blocked !== undefined;
  }
  return { released, blocked };
}

describe('streaming output scanner', () => {
  describe('Given a clean streamed answer', () => {
    it('When all chunks are pushed Then everything is released unchanged', () => {
      const text = 'Sure! Here is how you sort a list in Python: use sorted(items) or items.sort(). '.repeat(
        5,
      );
      const chunks = text.match(/.{1,7}/gs) ?? [];
      expect(run(chunks)).toEqual({ released: text, blocked: false });
    });
  });

  describe('Given a secret split across SSE chunks', () => {
    it('When streamed Then the stream is blocked with a clear error and the secret never reaches the client', () => {
      const { released, blocked } = run([
        'Here is the token you asked for: ghp_wWPw5k4a',
        'XcaT4fNP0UcnZwJU',
        'VFk6LO0pINUx and more text',
      ]);
      expect(blocked).toBe(true);
      expect(released).not.toContain('ghp_');
      const scanner = new StreamOutputScanner(DEFAULT_PROFILE);
      const step = scanner.push(`token ${SECRET} `);
      const event = step.blocked ?? scanner.end().blocked;
      expect(event).toBeDefined();
      if (event)
        expect(sseBlockedEvent(event)).toMatch(/^event: error\ndata: \{"error":\{"code":"guardrail_blocked"/);
    });
  });

  describe('Property: a secret split at any position across chunks is still caught', () => {
    it('When the secret is cut at every position with random prefix/suffix Then the stream is blocked and no prefix of length >= 8 leaks', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: SECRET.length }),
          fc.stringMatching(/^[a-zA-Z ,.]{0,200}$/),
          fc.stringMatching(/^[a-zA-Z ,.]{0,200}$/),
          fc.integer({ min: 1, max: 64 }),
          (cutAt, before, after, chunkSize) => {
            const text = `${before} ${SECRET.slice(0, cutAt)}`;
            const rest = `${SECRET.slice(cutAt)} ${after}`;
            const split = (s: string): string[] => s.match(new RegExp(`[\\s\\S]{1,${chunkSize}}`, 'g')) ?? [];
            const { released, blocked } = run([...split(text), ...split(rest)]);
            expect(blocked).toBe(true);
            expect(released).not.toContain(SECRET.slice(0, 8));
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  describe('Given a redacting profile and an email split across chunks', () => {
    it('When streamed Then the client receives the placeholder only', () => {
      const profile: GuardrailProfile = { name: 'r', input: [], output: [{ type: 'pii', action: 'redact' }] };
      const { released, blocked } = run(
        ['Write to ana.si', 'lva@contoso.org today, or ana.silva@contoso.org tomorrow.'],
        profile,
      );
      expect(blocked).toBe(false);
      expect(released).toBe('Write to [EMAIL_1] today, or [EMAIL_1] tomorrow.');
    });
  });
});
