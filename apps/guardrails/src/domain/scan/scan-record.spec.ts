import { createHash } from 'node:crypto';
import { eventSchemas } from '@warden/contracts';
import { scan, type GuardrailProfile } from '@warden/detectors';
import { scanCompleted } from './scan-record';

const redactEmails: GuardrailProfile = {
  name: 'redact-emails',
  input: [],
  output: [{ type: 'pii', action: 'redact', options: { types: ['EMAIL'] } }],
};

describe('scan record', () => {
  const content = 'Write to jane.doe@gmail.com about the invoice.';
  const result = scan('output', content, redactEmails);
  const record = scanCompleted({
    scanId: 'scn_1',
    organizationId: 'org_a',
    principalId: 'prn_a',
    profileId: 'gpr_1',
    profileVersion: 1,
    direction: 'output',
    content,
    result,
  });

  it('Given a scan that found an email, Then the record keeps its span and score but not the address', () => {
    expect(record.findings).toEqual([
      expect.objectContaining({ type: 'EMAIL', detector: 'pii', action: 'redact', start: 9, end: 27 }),
    ]);
    expect(JSON.stringify(record)).not.toContain('jane.doe');
    expect(JSON.stringify(record)).not.toContain('invoice');
  });

  it('Given a scan, Then the record holds the content length and its SHA-256', () => {
    expect(record.contentLength).toBe(content.length);
    expect(record.contentBytes).toBe(Buffer.byteLength(content));
    expect(record.contentSha256).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('Given a scan record, Then it is valid against the event schema', () => {
    expect(eventSchemas().validateData('warden.guardrails.scan.completed.v1', record)).toEqual({ ok: true });
  });
});
