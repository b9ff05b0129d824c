import { Writable } from 'node:stream';
import { createLogger } from './create-logger';
import { PinoNestLogger } from './nest-logger.adapter';
import { isSecretKey, sanitize, scrubText } from './redaction';

const API_KEY = 'wk_live_9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm5fMSJ9.c2lnbmF0dXJlLWJ5dGVz';

function capturedLogger(level: 'info' | 'trace' = 'info') {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((l) => l.length > 0),
      );
      callback();
    },
  });
  const logger = createLogger({ logLevel: level, serviceName: 'test' }, sink);
  return { logger, lines, output: () => lines.join('\n') };
}

describe('logger redaction', () => {
  it('Given a wk_ key in the message, a nested object and a header, When logged, Then no line contains the secret', () => {
    const { logger, output, lines } = capturedLogger();

    logger.info(
      {
        request: { headers: { authorization: `Bearer ${API_KEY}`, 'x-custom': `key=${API_KEY}` } },
        deep: { a: { b: { c: { d: { note: `copied ${API_KEY} here` } } } } },
        list: [{ apiKey: API_KEY }, `trailing ${API_KEY}`],
      },
      `caller sent ${API_KEY}`,
    );

    expect(lines).toHaveLength(1);
    expect(output()).not.toContain(API_KEY);
    expect(output()).not.toContain('9f8e7d6c5b4a');
    const line = JSON.parse(lines[0] ?? '{}') as {
      msg: string;
      service: string;
      request: { headers: { authorization: string; 'x-custom': string } };
      deep: { a: { b: { c: { d: { note: string } } } } };
    };
    expect(line.service).toBe('test');
    expect(line.msg).toBe('caller sent wk_[REDACTED]');
    expect(line.request.headers.authorization).toBe('[REDACTED]');
    expect(line.request.headers['x-custom']).toBe('key=wk_[REDACTED]');
    expect(line.deep.a.b.c.d.note).toBe('copied wk_[REDACTED] here');
  });

  it('Given secret-named fields at several depths, When logged, Then their values are replaced and counters stay', () => {
    const { logger, output, lines } = capturedLogger();

    logger.info({
      password: 'hunter2-password',
      cfg: { db: { client_secret: 'cs-value-1', refreshToken: 'rt-value-2', Cookie: 'session=abc-value-3' } },
      usage: { inputTokens: 120, outputTokens: 48 },
    });

    for (const secret of ['hunter2-password', 'cs-value-1', 'rt-value-2', 'abc-value-3'])
      expect(output()).not.toContain(secret);
    const line = JSON.parse(lines[0] ?? '{}') as { usage: { inputTokens: number; outputTokens: number } };
    expect(line.usage).toEqual({ inputTokens: 120, outputTokens: 48 });
  });

  it('Given printf-style arguments and an Error carrying a key, When logged, Then both are scrubbed', () => {
    const { logger, output } = capturedLogger();

    logger.info('user %s used %s', 'alice', API_KEY);
    logger.error({ err: new Error(`upstream rejected ${API_KEY}`) }, 'failed');

    expect(output()).toContain('user alice used wk_[REDACTED]');
    expect(output()).toContain('upstream rejected wk_[REDACTED]');
    expect(output()).not.toContain(API_KEY);
  });

  it('Given a child logger bound to a token, When it logs, Then the binding is redacted', () => {
    const { logger, output } = capturedLogger();

    logger.child({ token: 'child-bound-secret', principal: `prn_1 ${API_KEY}` }).info('hello');

    expect(output()).not.toContain('child-bound-secret');
    expect(output()).not.toContain(API_KEY);
    expect(output()).toContain('prn_1');
  });

  it('Given the Nest adapter, When Nest logs with a context and an error stack, Then lines are JSON and scrubbed', () => {
    const { logger, lines } = capturedLogger('trace');
    const nest = new PinoNestLogger(logger);

    nest.log(`mapped route with ${API_KEY}`, 'RouterExplorer');
    nest.error('boom', `Error: boom\n at handler (${API_KEY})`, 'ExceptionsHandler');
    nest.verbose({ detail: 'structured' }, 'Ctx');

    const parsed = lines.map(
      (l) =>
        JSON.parse(l) as { level: string; msg?: string; context?: string; stack?: string; detail?: string },
    );
    expect(parsed[0]).toMatchObject({
      level: 'info',
      msg: 'mapped route with wk_[REDACTED]',
      context: 'RouterExplorer',
    });
    expect(parsed[1]).toMatchObject({ level: 'error', msg: 'boom', context: 'ExceptionsHandler' });
    expect(parsed[1]?.stack).toContain('wk_[REDACTED]');
    expect(parsed[2]).toMatchObject({ level: 'trace', detail: 'structured', context: 'Ctx' });
  });
});

describe('redaction helpers', () => {
  it.each([
    ['authorization', true],
    ['Proxy-Authorization', true],
    ['x-api-key', true],
    ['api_key', true],
    ['bootstrapToken', true],
    ['set-cookie', true],
    ['credentials', true],
    ['inputTokens', false],
    ['credentialRef', false],
    ['name', false],
  ])('Given key %s, When checked, Then secret is %s', (key, expected) => {
    expect(isSecretKey(key)).toBe(expected);
  });

  it('Given text with bearer tokens, JWTs and URL passwords, When scrubbed, Then only the secrets go', () => {
    expect(scrubText(`Authorization: Bearer ${JWT}`)).toBe('Authorization: Bearer [REDACTED]');
    expect(scrubText(`token ${JWT} end`)).toBe('token [REDACTED] end');
    expect(scrubText('postgres://app:s3cr3t@db:5432/warden')).toBe(
      'postgres://app:[REDACTED]@db:5432/warden',
    );
    expect(scrubText('connect failed: password=hunter2 host=db')).toBe(
      'connect failed: password=[REDACTED] host=db',
    );
    expect(scrubText('plain text with key_01hx id')).toBe('plain text with key_01hx id');
  });

  it('Given a cyclic object, When sanitized, Then the cycle is cut instead of overflowing', () => {
    const node: Record<string, unknown> = { name: 'n' };
    node.self = node;

    expect(sanitize(node)).toEqual({ name: 'n', self: '[Circular]' });
  });
});
