import type { ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

/** The common agent-facing headers (API.md "Ingress"). */
export function ingressHeaders(request: FastifyRequest): {
  apiKey?: string;
  resourceId?: string;
  workflowId?: string;
  approvalId?: string;
  traceparent?: string;
} {
  const authorization = header(request, 'authorization');
  const apiKey = authorization?.toLowerCase().startsWith('bearer ')
    ? authorization.slice(7).trim()
    : undefined;
  const resourceId = header(request, 'x-warden-resource');
  const workflowId = header(request, 'x-warden-workflow');
  const approvalId = header(request, 'x-warden-approval');
  const traceparent = header(request, 'traceparent');
  return {
    ...(apiKey !== undefined && { apiKey }),
    ...(resourceId !== undefined && { resourceId }),
    ...(workflowId !== undefined && { workflowId: workflowId.slice(0, 256) }),
    ...(approvalId !== undefined && { approvalId }),
    ...(traceparent !== undefined &&
      /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/.test(traceparent) && { traceparent }),
  };
}

/** An AbortSignal that fires when the client goes away before the response was completely written. */
export function clientGone(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort(new Error('client disconnected'));
  });
  return controller.signal;
}
