import type { DeliveredMessage } from '@warden/bus';
import { envelope, type CloudEvent } from '@warden/contracts';

/**
 * Fixture envelopes of the decision, usage and guardrail types the audit views expect (docs/analytics.md);
 * the catalog does not have them yet, so tests hand them to the projector as delivered messages.
 */
export function decisionEvent(
  n: number,
  orgid: string,
  options: { principalId?: string; resourceId?: string; outcome?: 'allow' | 'deny'; time?: Date } = {},
): CloudEvent {
  const time = options.time ?? new Date(Date.UTC(2026, 10, 26, 9, 0, 0) + n * 1000);
  const principalId = options.principalId ?? `prn_${n % 7}`;
  const outcome = options.outcome ?? (n % 4 === 0 ? 'deny' : 'allow');
  return envelope({
    id: `evt_dec_${orgid}_${n}`,
    source: 'warden/ingress',
    type: 'warden.decisions.decision.recorded.v1',
    time,
    subject: `dec_${n}`,
    orgid,
    principalid: principalId,
    data: {
      decisionId: `dec_${n}`,
      requestId: `req_${n}`,
      mode: 'proxy',
      surface: 'openai.chat',
      organizationId: orgid,
      principalId,
      resourceId: options.resourceId ?? `res_${n % 3}`,
      connectionId: `con_${n % 5}`,
      action: 'model.chat',
      target: 'gpt-4o',
      outcome,
      reasonCode: outcome === 'allow' ? 'permitted' : 'forbidden',
      reasons: [],
      policyVersion: '3',
      stages: [{ stage: 'authorize', status: outcome === 'allow' ? 'passed' : 'denied' }],
      guardrails: { input: { action: 'flag', findingTypes: ['pii.email'], profile: 'default' } },
      workflowId: `wf_${n % 2}`,
      decidedAt: time.toISOString(),
      durationMs: 3,
    },
  });
}

export function usageEvent(n: number, orgid: string): CloudEvent {
  return envelope({
    id: `evt_use_${orgid}_${n}`,
    source: 'warden/metering',
    type: 'warden.metering.usage.settled.v1',
    time: new Date(Date.UTC(2026, 10, 26, 9, 0, 0) + n * 1000),
    subject: `dec_${n}`,
    orgid,
    principalid: `prn_${n % 7}`,
    data: {
      decisionId: `dec_${n}`,
      principalId: `prn_${n % 7}`,
      connectionId: `con_${n % 5}`,
      resourceId: `res_${n % 3}`,
      workflow: `wf_${n % 2}`,
      model: n % 2 === 0 ? 'gpt-4o' : 'claude',
      inputTokens: 100 + n,
      outputTokens: 10 + (n % 13),
      cost: `0.00${(n % 97) + 100}`,
      currency: 'USD',
    },
  });
}

export function guardrailEvent(n: number, orgid: string): CloudEvent {
  return envelope({
    id: `evt_grd_${orgid}_${n}`,
    source: 'warden/guardrails',
    type: 'warden.guardrails.scan.completed.v1',
    time: new Date(Date.UTC(2026, 10, 26, 9, 0, 0) + n * 1000),
    subject: `dec_${n}`,
    orgid,
    data: {
      decisionId: `dec_${n}`,
      direction: 'input',
      action: 'redact',
      findings: [
        { type: 'email', start: n % 50, end: (n % 50) + 12, score: 0.99 },
        { type: 'credit_card', start: 70, end: 86, score: 0.9 },
      ],
    },
  });
}

export function delivered(
  event: CloudEvent,
  offset: number,
  topic = 'warden.decisions.v1',
): DeliveredMessage {
  return { topic, partition: 0, offset: String(offset), key: event.subject, event };
}
