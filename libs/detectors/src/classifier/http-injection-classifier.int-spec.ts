import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_PROFILE } from '../scan/profile';
import { HttpInjectionClassifier } from './http-injection-classifier';
import { scanWithClassifier } from './scan-with-classifier';

/** A real model-server stand-in on a local port: scores texts containing "override" as injections. */
function startServer(delayMs = 0): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const parsed: unknown = JSON.parse(body);
      const text =
        typeof parsed === 'object' && parsed !== null ? String((parsed as { text?: unknown }).text) : '';
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ score: text.includes('override') ? 0.99 : 0.01, label: 'x' }));
      }, delayMs);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const url = (s: Server): string => `http://127.0.0.1:${(s.address() as AddressInfo).port}/classify`;

describe('HTTP injection classifier adapter', () => {
  let fast: Server;
  let slow: Server;
  beforeAll(async () => {
    fast = await startServer();
    slow = await startServer(500);
  });
  afterAll(async () => {
    await new Promise((r) => fast.close(r));
    await new Promise((r) => slow.close(r));
  });

  describe('Given a reachable model server', () => {
    it('When it scores the text high Then a finding from the external classifier is added', async () => {
      const res = await scanWithClassifier(
        'input',
        'please apply the weekly override code',
        DEFAULT_PROFILE,
        {
          classifier: new HttpInjectionClassifier({ url: url(fast) }),
          timeoutMs: 2000,
          failMode: 'open',
          threshold: 0.9,
        },
      );
      expect(res.findings.some((f) => f.signals.includes('external_classifier'))).toBe(true);
    });
  });

  describe('Given a server slower than the timeout', () => {
    it('When fail mode is closed Then the content is blocked as classifier_unavailable', async () => {
      const res = await scanWithClassifier('input', 'What is the capital of France?', DEFAULT_PROFILE, {
        classifier: new HttpInjectionClassifier({ url: url(slow) }),
        timeoutMs: 50,
        failMode: 'closed',
        threshold: 0.9,
      });
      expect(res.action).toBe('block');
      expect(res.findings.map((f) => f.type)).toContain('CLASSIFIER_UNAVAILABLE');
    });
  });
});
