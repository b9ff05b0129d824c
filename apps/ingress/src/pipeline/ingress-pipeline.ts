import { randomUUID } from 'node:crypto';
import { buildRecords } from '../records/build-records';
import { deny, type Denial } from './denial';
import type { IngressRequest, PipelineContext, StageStatus } from './ingress-request';
import type { PipelineStageName } from './pipeline-stages';
import type { Authenticator } from './ports/authenticator.port';
import type { Authorizer } from './ports/authorizer.port';
import type { BudgetReserver } from './ports/budget-reserver.port';
import type { ConnectionDirectory } from './ports/connection-directory.port';
import { profileRefOf, type ContentInspector } from './ports/content-inspector.port';
import type { RateLimiter } from './ports/rate-limiter.port';
import type { RecordSink } from './ports/record-sink.port';
import type { CredentialResolver, UpstreamExchange, UpstreamResult } from './ports/upstream-exchange';
import { authenticateStage } from './stages/authenticate.stage';
import { authorizeStage } from './stages/authorize.stage';
import type { DecisionStage } from './stages/decision-stage';
import { inspectInputStage } from './stages/inspect-input.stage';
import { rateLimitStage } from './stages/rate-limit.stage';
import { reserveBudgetStage } from './stages/reserve-budget.stage';
import { resolveConnectionStage } from './stages/resolve-connection.stage';
import { upstreamDeadline } from './upstream-deadline';

export interface PipelinePorts {
  readonly authenticator: Authenticator;
  readonly directory: ConnectionDirectory;
  readonly authorizer: Authorizer;
  readonly rateLimiter: RateLimiter;
  readonly budget: BudgetReserver;
  readonly inspector: ContentInspector;
  readonly credentials: CredentialResolver;
  readonly records: RecordSink;
}

export interface PipelineOptions {
  /** Upstream timeout budget for one call, stream included. */
  readonly upstreamTimeoutMs: number;
  readonly clock?: () => Date;
  readonly newDecisionId?: () => string;
}

export interface PipelineOutcome {
  readonly context: PipelineContext;
  /** Why the request was refused or failed; undefined when it was allowed (and the upstream answered). */
  readonly denial?: Denial;
  readonly upstream?: UpstreamResult;
}

export function newDecisionId(): string {
  return `dec_${randomUUID().replace(/-/g, '')}`;
}

/**
 * The hot path as one ordered list of named stages (DESIGN §4). `run` with an exchange is the proxy;
 * without one it is the decision API — the same stages, the same records, no upstream call.
 */
export class IngressPipeline {
  readonly decisionStages: readonly DecisionStage[];
  private readonly clock: () => Date;
  private readonly nextDecisionId: () => string;

  constructor(
    private readonly ports: PipelinePorts,
    private readonly options: PipelineOptions,
  ) {
    this.decisionStages = [
      authenticateStage(ports.authenticator),
      resolveConnectionStage(ports.directory),
      authorizeStage(ports.authorizer),
      rateLimitStage(ports.rateLimiter),
      reserveBudgetStage(ports.budget),
      inspectInputStage(ports.inspector),
    ];
    this.clock = options.clock ?? (() => new Date());
    this.nextDecisionId = options.newDecisionId ?? newDecisionId;
  }

  newDecisionId(): string {
    return this.nextDecisionId();
  }

  async run(
    request: IngressRequest,
    exchange?: UpstreamExchange,
    clientSignal?: AbortSignal,
  ): Promise<PipelineOutcome> {
    const context: PipelineContext = { request, decisionId: this.nextDecisionId(), trace: [] };
    const denial = await this.decide(context);
    let upstream: UpstreamResult | undefined;
    if (denial === undefined && exchange !== undefined) {
      upstream = await this.callUpstream(context, exchange, clientSignal);
      if (upstream.denial !== undefined) context.denial = upstream.denial;
      await this.settle(context, upstream);
    }
    this.mark(context, 'record', 'passed');
    await this.ports.records.record(buildRecords(context, upstream, this.clock()));
    return {
      context,
      ...(context.denial !== undefined && { denial: context.denial }),
      ...(upstream !== undefined && { upstream }),
    };
  }

  private async decide(context: PipelineContext): Promise<Denial | undefined> {
    for (const stage of this.decisionStages) {
      let denial: Denial | undefined;
      try {
        denial = await stage.run(context);
      } catch (error: unknown) {
        // A stage that cannot decide fails closed.
        denial = deny(
          'unavailable',
          `${stage.name} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (denial !== undefined) {
        context.denial = denial;
        this.mark(context, stage.name, 'denied');
        return denial;
      }
      const notEnforced = stage.name === 'reserve_budget' && context.budget?.enforced === false;
      this.mark(context, stage.name, notEnforced ? 'not_enforced' : 'passed');
    }
    return undefined;
  }

  private async callUpstream(
    context: PipelineContext,
    exchange: UpstreamExchange,
    clientSignal: AbortSignal | undefined,
  ): Promise<UpstreamResult> {
    const resource = context.resource;
    const started = this.clock().getTime();
    const failed = (denial: Denial): UpstreamResult => ({
      completion: 'upstream_failed',
      usage: { inputTokens: 0, outputTokens: 0, source: 'none' },
      denial,
      latencyMs: this.clock().getTime() - started,
    });
    if (resource === undefined) return failed(deny('forbidden', 'no resource resolved'));
    let credential: string | undefined;
    try {
      credential = await this.ports.credentials.resolve(resource.upstream.credentialRef);
    } catch {
      this.mark(context, 'call_upstream', 'denied');
      return failed(deny('upstream_error', `the upstream credential of ${resource.id} is unavailable`));
    }
    const deadline = upstreamDeadline(this.options.upstreamTimeoutMs, clientSignal);
    const signal = deadline.signal;
    const profile = profileRefOf(context);
    let result: UpstreamResult;
    try {
      result = await exchange({
        context,
        resource,
        ...(credential !== undefined && { credential }),
        signal,
        inspector: this.ports.inspector,
        ...(profile !== undefined && { profile }),
      });
    } catch (error: unknown) {
      result = failed(deny('upstream_error', error instanceof Error ? error.message : String(error)));
    } finally {
      deadline.dispose();
    }
    const upstreamFailed = result.completion === 'upstream_failed' || result.completion === 'timeout';
    this.mark(context, 'call_upstream', upstreamFailed ? 'denied' : 'passed');
    this.mark(context, 'inspect_output', result.completion === 'guardrail_blocked' ? 'denied' : 'passed');
    return result;
  }

  private async settle(context: PipelineContext, upstream: UpstreamResult): Promise<void> {
    const tokens = upstream.usage.inputTokens + upstream.usage.outputTokens;
    const connectionId = context.decision?.connectionId;
    try {
      if (context.rateLimit?.tokensPerMinute !== undefined && connectionId !== undefined && tokens > 0) {
        await this.ports.rateLimiter.consumeTokens({ connectionId, tokens, now: this.clock() });
      }
      if (context.budget !== undefined) {
        await this.ports.budget.settle({
          outcome: context.budget,
          usage: upstream.usage,
          decisionId: context.decisionId,
        });
      }
      this.mark(context, 'settle_usage', context.budget?.enforced === false ? 'not_enforced' : 'passed');
    } catch {
      // The usage record below still carries the tokens: settlement can be replayed from it.
      this.mark(context, 'settle_usage', 'denied');
    }
  }

  private mark(context: PipelineContext, stage: PipelineStageName, status: StageStatus): void {
    context.trace.push({ stage, status });
  }
}

/** A listing (GET /v1/models): authenticate only, then one decision record like any other request. */
export async function runListing<T>(
  pipeline: IngressPipeline,
  ports: Pick<PipelinePorts, 'authenticator' | 'records'>,
  request: IngressRequest,
  list: (context: PipelineContext) => Promise<T>,
  clock: () => Date = () => new Date(),
): Promise<{ context: PipelineContext; denial?: Denial; result?: T }> {
  const context: PipelineContext = { request, decisionId: pipeline.newDecisionId(), trace: [] };
  const denial = await pipeline.decisionStages[0]?.run(context);
  context.trace.push({ stage: 'authenticate', status: denial === undefined ? 'passed' : 'denied' });
  let result: T | undefined;
  if (denial !== undefined) context.denial = denial;
  else result = await list(context);
  context.trace.push({ stage: 'record', status: 'passed' });
  await ports.records.record(buildRecords(context, undefined, clock()));
  // The listing itself may refuse (e.g. an unknown resource) by setting context.denial.
  const refused = context.denial;
  return {
    context,
    ...(refused !== undefined && { denial: refused }),
    ...(result !== undefined && { result }),
  };
}
