import type { Connection, Decision, Resource } from '@warden/policy-engine';
import type { Caller, IngressRequest } from '../src/pipeline/ingress-request';
import type { PipelinePorts } from '../src/pipeline/ingress-pipeline';
import type { Authenticator } from '../src/pipeline/ports/authenticator.port';
import type { Authorizer, AuthorizationInput } from '../src/pipeline/ports/authorizer.port';
import type { BudgetReserver } from '../src/pipeline/ports/budget-reserver.port';
import type { ConnectionDirectory } from '../src/pipeline/ports/connection-directory.port';
import type {
  ContentInspector,
  Inspection,
  InspectionDirection,
} from '../src/pipeline/ports/content-inspector.port';
import type { RateAdmission, RateLimiter } from '../src/pipeline/ports/rate-limiter.port';
import type { IngressRecords, RecordSink } from '../src/pipeline/ports/record-sink.port';
import type { CredentialResolver } from '../src/pipeline/ports/upstream-exchange';

/** In-memory fakes of the pipeline's ports, for unit tests of the pipeline and its stages. */
export const CALLER: Caller = {
  principalId: 'prn_agent',
  organizationId: 'org_1',
  keyId: 'key_1',
  kind: 'agent',
};
export const GOOD_KEY = 'wk_good';
export const RESOURCE: Resource = {
  id: 'res_llm',
  orgId: 'org_1',
  kind: 'model',
  name: 'llm',
  upstream: { baseUrl: 'http://upstream.test', credentialRef: 'env:TEST_UPSTREAM_KEY' },
  attributes: {},
};
export const CONNECTION: Connection = {
  id: 'con_1',
  orgId: 'org_1',
  principalId: CALLER.principalId,
  resourceId: RESOURCE.id,
  version: 1,
  status: 'active',
  operations: [{ action: 'model.chat', target: 'gpt-*' }],
  rateLimit: { requestsPerMinute: 2 },
  failMode: 'closed',
};

export class FakeAuthenticator implements Authenticator {
  stale = false;
  authenticate(secret: string | undefined): ReturnType<Authenticator['authenticate']> {
    if (this.stale) return { ok: false, reason: 'identity projection not current', stale: true };
    return secret === GOOD_KEY ? { ok: true, caller: CALLER } : { ok: false, reason: 'unknown' };
  }
}

export class FakeDirectory implements ConnectionDirectory {
  resolve(
    caller: Caller,
    _action: string,
    target: string,
    resourceId?: string,
  ): ReturnType<ConnectionDirectory['resolve']> {
    if (resourceId !== undefined && resourceId !== RESOURCE.id)
      return { found: false, reason: 'not_found', message: `resource ${resourceId} not found` };
    if (caller.principalId !== CALLER.principalId || !target.startsWith('gpt-')) {
      return { found: false, reason: 'no_connection', message: `no connection allows ${target}` };
    }
    return { found: true, resource: RESOURCE, connection: CONNECTION };
  }
  targets(): ReturnType<ConnectionDirectory['targets']> {
    return [{ target: 'gpt-*', resourceId: RESOURCE.id }];
  }
}

export class FakeAuthorizer implements Authorizer {
  readonly inputs: AuthorizationInput[] = [];
  next?: Decision;
  authorize(input: AuthorizationInput): Decision {
    this.inputs.push(input);
    return (
      this.next ?? {
        decision: 'allow',
        reasons: [{ code: 'permitted', message: 'permitted by con_1@v1#op0', policyIds: ['con_1@v1#op0'] }],
        obligations: { rateLimit: CONNECTION.rateLimit ?? {} },
        policyVersion: 'org_1/policies@v0+con_1@v1',
        connectionId: CONNECTION.id,
      }
    );
  }
}

/** Counts requests per connection, no window: enough to exercise the stage. */
export class CountingRateLimiter implements RateLimiter {
  readonly requests = new Map<string, number>();
  readonly tokens = new Map<string, number>();
  unavailable = false;
  async admit(input: Parameters<RateLimiter['admit']>[0]): Promise<RateAdmission> {
    if (this.unavailable)
      return {
        admitted: false,
        reason: 'unavailable',
        message: 'rate-limit state unavailable',
        retryAfterSeconds: 1,
      };
    const count = (this.requests.get(input.connectionId) ?? 0) + 1;
    this.requests.set(input.connectionId, count);
    const max = input.limit.requestsPerMinute;
    if (max !== undefined && count > max) {
      return {
        admitted: false,
        reason: 'requests',
        message: `more than ${max} requests per minute`,
        retryAfterSeconds: 60,
      };
    }
    return { admitted: true, windowStart: input.now };
  }
  async consumeTokens(input: Parameters<RateLimiter['consumeTokens']>[0]): Promise<void> {
    this.tokens.set(input.connectionId, (this.tokens.get(input.connectionId) ?? 0) + input.tokens);
  }
}

export class UnmeteredFake implements BudgetReserver {
  readonly settled: number[] = [];
  async reserve(): ReturnType<BudgetReserver['reserve']> {
    return { ok: true, outcome: { enforced: false, reason: 'metering_not_deployed' } };
  }
  async settle(input: Parameters<BudgetReserver['settle']>[0]): Promise<void> {
    this.settled.push(input.usage.inputTokens + input.usage.outputTokens);
  }
}

/** Blocks any content containing BLOCKME, redacts SECRET. */
export class KeywordInspector implements ContentInspector {
  inspect(_direction: InspectionDirection, content: string): Inspection {
    if (content.includes('BLOCKME'))
      return { action: 'block', findingTypes: ['test.block'], profile: 'test' };
    if (content.includes('SECRET'))
      return {
        action: 'redact',
        findingTypes: ['test.secret'],
        profile: 'test',
        redacted: content.replace(/SECRET/g, '[REDACTED]'),
      };
    return { action: 'allow', findingTypes: [], profile: 'test' };
  }
  stream(): ReturnType<ContentInspector['stream']> {
    let blocked = false;
    return {
      push: (chunk) => {
        blocked ||= chunk.includes('BLOCKME');
        return { release: blocked ? '' : chunk, blocked };
      },
      end: () => ({ release: '', blocked }),
      outcome: () => ({
        action: blocked ? 'block' : 'allow',
        findingTypes: blocked ? ['test.block'] : [],
        profile: 'test',
      }),
    };
  }
}

export class MapCredentials implements CredentialResolver {
  constructor(
    private readonly values: Readonly<Record<string, string>> = { 'env:TEST_UPSTREAM_KEY': 'sk-upstream' },
  ) {}
  async resolve(ref: string | undefined): Promise<string | undefined> {
    if (ref === undefined) return undefined;
    const value = this.values[ref];
    if (value === undefined) throw new Error(`no credential ${ref}`);
    return value;
  }
}

export class CollectingRecordSink implements RecordSink {
  readonly records: IngressRecords[] = [];
  async record(records: IngressRecords): Promise<void> {
    this.records.push(records);
  }
}

export interface FakePorts extends PipelinePorts {
  readonly authenticator: FakeAuthenticator;
  readonly authorizer: FakeAuthorizer;
  readonly rateLimiter: CountingRateLimiter;
  readonly budget: UnmeteredFake;
  readonly records: CollectingRecordSink;
}

export function fakePorts(): FakePorts {
  return {
    authenticator: new FakeAuthenticator(),
    directory: new FakeDirectory(),
    authorizer: new FakeAuthorizer(),
    rateLimiter: new CountingRateLimiter(),
    budget: new UnmeteredFake(),
    inspector: new KeywordInspector(),
    credentials: new MapCredentials(),
    records: new CollectingRecordSink(),
  };
}

export const T0 = new Date('2026-11-26T12:00:00.000Z');

export function chatRequest(overrides: Partial<IngressRequest> = {}): IngressRequest {
  return {
    requestId: 'req_1',
    surface: 'openai.chat',
    apiKey: GOOD_KEY,
    action: 'model.chat',
    target: 'gpt-4o-mini',
    inputText: 'Say hello',
    estimatedInputTokens: 3,
    receivedAt: T0,
    ...overrides,
  };
}
