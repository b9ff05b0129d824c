import {
  Body,
  Controller,
  Get,
  HttpException,
  Inject,
  Module,
  Post,
  type DynamicModule,
  type OnModuleInit,
} from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsString, MaxLength } from 'class-validator';
import { Writable } from 'node:stream';
import { request } from 'undici';
import { loadConfig } from '../config/load-config';
import { WARDEN_CONFIG, type WardenConfig } from '../config/warden-config';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationFailedError,
} from '../errors/warden-error';
import { ReadinessRegistry } from '../health/readiness-registry';
import { createLogger } from '../logging/create-logger';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { PlatformModule } from '../platform.module';
import { platformRuntime } from '../platform-runtime';
import { createHttpApp, listenHttpApp } from './create-http-app';

const API_KEY = 'wk_test_0123456789abcdef0123456789abcdef';

class CreateWidgetDto {
  @IsString()
  @MaxLength(20)
  name!: string;
}

@Controller('test')
class ThrowingController {
  constructor(@Inject(WARDEN_CONFIG) private readonly config: WardenConfig) {}

  @Get('service') service(): { serviceName: string } {
    return { serviceName: this.config.serviceName };
  }
  @Get('not-found') notFound(): never {
    throw new NotFoundError('Widget w_1 does not exist.');
  }
  @Get('conflict') conflict(): never {
    throw new ConflictError('Stream revision moved on.', 'revision_conflict');
  }
  @Get('precondition') precondition(): never {
    throw new PreconditionFailedError();
  }
  @Get('validation') validation(): never {
    throw new ValidationFailedError([{ field: 'limit', message: 'must be positive' }]);
  }
  @Get('unauthenticated') unauthenticated(): never {
    throw new UnauthenticatedError();
  }
  @Get('forbidden') forbidden(): never {
    throw new ForbiddenError();
  }
  @Get('too-large') tooLarge(): never {
    throw new PayloadTooLargeError();
  }
  @Get('rate-limited') rateLimited(): never {
    throw new RateLimitedError('Slow down.', 30);
  }
  @Get('http-exception') httpException(): never {
    throw new HttpException('I am a teapot', 418);
  }
  @Get('boom') boom(): never {
    throw new Error(`database password=hunter2 at 10.1.2.3 with ${API_KEY}`);
  }
  @Post('widgets')
  @ApiProblems(400, 413)
  create(@Body() body: CreateWidgetDto): { name: string; isDto: boolean } {
    return { name: body.name, isDto: body instanceof CreateWidgetDto };
  }
}

const readiness = { healthy: true };

/** Imports PlatformModule itself, as a service module may: createHttpApp's import must not duplicate it. */
@Module({ controllers: [ThrowingController] })
class TestModule implements OnModuleInit {
  constructor(private readonly registry: ReadinessRegistry) {}

  static register(config: WardenConfig): DynamicModule {
    return { module: TestModule, imports: [PlatformModule.forRoot(config)] };
  }
  onModuleInit(): void {
    this.registry.register('test-dependency', () => readiness.healthy);
  }
}

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string }[];
}

describe('createHttpApp over HTTP', () => {
  let app: NestFastifyApplication;
  let base: string;
  let config: WardenConfig;
  const logLines: string[] = [];

  beforeAll(async () => {
    config = loadConfig({ PORT: '0', WARDEN_SERVICE_NAME: 'platform-test', LOG_LEVEL: 'debug' });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logLines.push(chunk.toString('utf8'));
        callback();
      },
    });
    platformRuntime(config, createLogger(config, sink));
    app = await createHttpApp(TestModule.register(config), config, {
      bodyLimitBytes: 1024,
      enableShutdownHooks: false,
    });
    const port = await listenHttpApp(app, config, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await app.close();
  });

  async function problemAt(path: string, init: Parameters<typeof request>[1] = {}) {
    const response = await request(`${base}${path}`, init);
    return {
      status: response.statusCode,
      headers: response.headers,
      body: (await response.body.json()) as Problem,
    };
  }

  it.each([
    ['/test/not-found', 404, 'not_found', 'Widget w_1 does not exist.'],
    ['/test/conflict', 409, 'revision_conflict', 'Stream revision moved on.'],
    [
      '/test/precondition',
      412,
      'precondition_failed',
      'The version given in If-Match is not the current one.',
    ],
    ['/test/validation', 400, 'validation_failed', 'The request is invalid.'],
    ['/test/unauthenticated', 401, 'unauthenticated', 'Authentication is required.'],
    ['/test/forbidden', 403, 'forbidden', 'The caller may not do this.'],
    ['/test/too-large', 413, 'payload_too_large', 'The request body is too large.'],
    ['/test/rate-limited', 429, 'rate_limited', 'Slow down.'],
    ['/test/http-exception', 418, 'bad_request', 'I am a teapot'],
    ['/nowhere', 404, 'not_found', 'Cannot GET /nowhere'],
  ])('Given GET %s, When it fails, Then problem+json %i %s', async (path, status, code, detail) => {
    const { status: actual, headers, body } = await problemAt(path);

    expect(actual).toBe(status);
    expect(headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(body).toMatchObject({ status, code, detail, type: `https://warden.dev/problems/${code}` });
    expect(typeof body.title).toBe('string');
    expect(headers['x-warden-request-id']).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it('Given a typed validation error, When answered, Then errors[] carries the field', async () => {
    expect((await problemAt('/test/validation')).body.errors).toEqual([
      { field: 'limit', message: 'must be positive' },
    ]);
  });

  it('Given a rate limit with a delay, When answered, Then Retry-After is sent', async () => {
    expect((await problemAt('/test/rate-limited')).headers['retry-after']).toBe('30');
  });

  it('Given an unexpected error, When answered, Then 500 internal leaks nothing and the log has the cause without secrets', async () => {
    const { status, body } = await problemAt('/test/boom');

    expect(status).toBe(500);
    expect(body.code).toBe('internal');
    expect(JSON.stringify(body)).not.toMatch(/hunter2|10\.1\.2\.3|wk_/);
    const logged = logLines.join('');
    expect(logged).toContain('request failed');
    expect(logged).toContain('10.1.2.3');
    expect(logged).not.toContain(API_KEY);
    expect(logged).not.toContain('hunter2');
  });

  it('Given a DTO body with a wrong type and an unknown property, When posted, Then 400 validation_failed names both', async () => {
    const { status, body } = await problemAt('/test/widgets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 42, colour: 'red' }),
    });

    expect(status).toBe(400);
    expect(body.code).toBe('validation_failed');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'must be a string' },
        { field: 'colour', message: 'is not allowed' },
      ]),
    );
  });

  it('Given a valid DTO body, When posted, Then the handler receives a DTO instance', async () => {
    const response = await request(`${base}/test/widgets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'gear' }),
    });

    expect(response.statusCode).toBe(201);
    expect(await response.body.json()).toEqual({ name: 'gear', isDto: true });
  });

  it('Given malformed JSON, When posted, Then 400 invalid_json', async () => {
    const { status, body, headers } = await problemAt('/test/widgets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });

    expect(status).toBe(400);
    expect(body.code).toBe('invalid_json');
    expect(headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(headers['x-warden-request-id']).toBeDefined();
  });

  it('Given a body that is not JSON, When posted, Then 415 unsupported_media_type', async () => {
    const { status, body } = await problemAt('/test/widgets', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<widget/>',
    });

    expect(status).toBe(415);
    expect(body.code).toBe('unsupported_media_type');
  });

  it('Given a body over the limit, When posted, Then 413 payload_too_large', async () => {
    const { status, body } = await problemAt('/test/widgets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(4096) }),
    });

    expect(status).toBe(413);
    expect(body.code).toBe('payload_too_large');
  });

  it('Given a caller request id, When valid it is echoed, When invalid a fresh one replaces it', async () => {
    const kept = await request(`${base}/healthz`, { headers: { 'x-warden-request-id': 'trace-abc.123' } });
    const replaced = await request(`${base}/healthz`, {
      headers: { 'x-warden-request-id': 'bad id with spaces' },
    });
    await kept.body.dump();
    await replaced.body.dump();

    expect(kept.headers['x-warden-request-id']).toBe('trace-abc.123');
    expect(replaced.headers['x-warden-request-id']).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it('Given a module importing PlatformModule too, When a controller injects WARDEN_CONFIG, Then it gets the one config', async () => {
    const response = await request(`${base}/test/service`);

    expect(await response.body.json()).toEqual({ serviceName: 'platform-test' });
  });

  it('Given the process is alive, When /healthz is called, Then 200', async () => {
    const response = await request(`${base}/healthz`);

    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({ status: 'ok' });
  });

  it('Given readiness checks, When one fails, Then /readyz answers 503 naming it, and 200 once it passes', async () => {
    readiness.healthy = false;
    const failing = await request(`${base}/readyz`);
    const failingBody = await failing.body.json();
    readiness.healthy = true;
    const passing = await request(`${base}/readyz`);
    const passingBody = await passing.body.json();

    expect(failing.statusCode).toBe(503);
    expect(failingBody).toEqual({
      status: 'not_ready',
      checks: [{ name: 'test-dependency', status: 'down' }],
    });
    expect(passing.statusCode).toBe(200);
    expect(passingBody).toEqual({ status: 'ready', checks: [{ name: 'test-dependency', status: 'up' }] });
  });

  it('Given traffic, When /metrics is scraped, Then default metrics and the duration histogram by route appear', async () => {
    await (await request(`${base}/test/not-found`)).body.dump();
    const response = await request(`${base}/metrics`);
    const text = await response.body.text();

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toMatch(
      /http_request_duration_seconds_count\{[^}]*route="\/test\/not-found"[^}]*method="GET"[^}]*status_code="404"[^}]*\} [1-9]/,
    );
  });

  it('Given the mounted controllers, When /openapi.json is fetched, Then it documents them and the operations routes', async () => {
    const response = await request(`${base}/openapi.json`);
    const document = (await response.body.json()) as {
      openapi: string;
      info: { title: string };
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('Warden platform-test');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/metrics', '/test/widgets']),
    );
    expect(document.components.schemas).toHaveProperty('ProblemDetailsDto');
    expect(document.paths['/test/widgets']).toMatchObject({
      post: {
        responses: {
          '413': {
            content: {
              'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } },
            },
          },
        },
      },
    });
  });
});

describe('createHttpApp shutdown', () => {
  it('Given a listening app, When it is closed, Then readiness turns off before the server goes away', async () => {
    const config = loadConfig({ PORT: '0', WARDEN_SERVICE_NAME: 'shutdown-test', LOG_LEVEL: 'silent' });
    const app = await createHttpApp(TestModule.register(config), config, { enableShutdownHooks: false });
    const port = await listenHttpApp(app, config, '127.0.0.1');
    const before = await request(`http://127.0.0.1:${port}/readyz`);
    await before.body.dump();

    await app.close();

    expect(before.statusCode).toBe(200);
    expect(await platformRuntime(config).readiness.report()).toMatchObject({ ready: false });
    await expect(request(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
