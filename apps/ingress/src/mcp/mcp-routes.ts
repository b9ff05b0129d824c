import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Resource } from '@warden/policy-engine';
import { DENIAL_STATUS, deny, type Denial } from '../pipeline/denial';
import type { Caller } from '../pipeline/ingress-request';
import { runListing, type IngressPipeline, type PipelinePorts } from '../pipeline/ingress-pipeline';
import type { UpstreamExchange } from '../pipeline/ports/upstream-exchange';
import { DECISION_ID_HEADER } from '../openai/openai-error';
import { clientGone, ingressHeaders } from '../openai/request-headers';
import { McpUpstreams } from './mcp-upstreams';

interface JsonRpcRequest {
  readonly jsonrpc?: unknown;
  readonly id?: string | number | null;
  readonly method?: unknown;
  readonly params?: { readonly name?: unknown; readonly arguments?: unknown };
}

/** Warden's reason code travels in the JSON-RPC error's message and `data.code`. */
const WARDEN_DENIED = -32001;

function rpcError(
  reply: FastifyReply,
  denial: Denial,
  id: JsonRpcRequest['id'],
  decisionId: string,
): FastifyReply {
  return reply
    .code(DENIAL_STATUS[denial.code])
    .header(DECISION_ID_HEADER, decisionId)
    .send({
      jsonrpc: '2.0',
      id: id ?? null,
      error: {
        code: WARDEN_DENIED,
        message: `${denial.code}: ${denial.message}`,
        data: { code: denial.code },
      },
    });
}

function textOf(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

function toolExchange(
  upstreams: McpUpstreams,
  name: string,
  args: Record<string, unknown>,
  out: { result?: CallToolResult },
): UpstreamExchange {
  return async (call) => {
    const started = performance.now();
    const usage = { inputTokens: 0, outputTokens: 0, source: 'none' as const };
    try {
      const client = await upstreams.client(call.resource);
      const result = (await client.callTool({ name, arguments: args }, undefined, {
        signal: call.signal,
      })) as CallToolResult;
      const inspection = call.inspector.inspect('output', textOf(result), call.profileId);
      const outputGuardrail = {
        action: inspection.action,
        findingTypes: inspection.findingTypes,
        profile: inspection.profile,
      };
      if (inspection.action === 'block') {
        return {
          completion: 'guardrail_blocked',
          usage,
          outputGuardrail,
          denial: deny(
            'guardrail_blocked',
            `the tool result was blocked by the guardrails (${inspection.findingTypes.join(', ')})`,
          ),
          latencyMs: performance.now() - started,
        };
      }
      out.result =
        inspection.action === 'redact'
          ? {
              ...result,
              content: result.content.map((c) =>
                c.type === 'text'
                  ? {
                      ...c,
                      text: call.inspector.inspect('output', c.text, call.profileId).redacted ?? c.text,
                    }
                  : c,
              ),
            }
          : result;
      return { completion: 'completed', usage, outputGuardrail, latencyMs: performance.now() - started };
    } catch (error: unknown) {
      upstreams.forget(call.resource);
      return {
        completion: 'upstream_failed',
        usage,
        denial: deny(
          'upstream_error',
          `the MCP upstream failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
        latencyMs: performance.now() - started,
      };
    }
  };
}

/** Tools the caller may see: allowed, approval-gated, or allowed once its argument constraints are met. */
function permittedTools(
  tools: readonly Tool[],
  ports: PipelinePorts,
  caller: Caller,
  resourceId: string,
): Tool[] {
  const time = Date.now();
  return tools.filter((tool) => {
    const decision = ports.authorizer.authorize({
      caller,
      resourceId,
      action: 'mcp.tool',
      target: tool.name,
      tool: tool.name,
      time,
    });
    return decision.decision !== 'deny' || decision.reasons[0]?.code === 'argument_constraint';
  });
}

/**
 * MCP over streamable HTTP at `/mcp/{resourceId}` (stateless). `tools/call` walks the whole pipeline
 * before the SDK answers, so the decision is recorded first; every other method is authenticated and
 * recorded as a listing. `tools/list` shows only the tools the caller's connections permit.
 */
export function registerMcpRoutes(
  fastify: FastifyInstance,
  pipeline: IngressPipeline,
  ports: PipelinePorts,
): McpUpstreams {
  const upstreams = new McpUpstreams(ports.credentials);
  fastify.post('/mcp/:resourceId', async (request: FastifyRequest, reply: FastifyReply) => {
    const { resourceId } = request.params as { resourceId: string };
    const message = (request.body ?? {}) as JsonRpcRequest;
    const method = typeof message.method === 'string' ? message.method : 'unknown';
    let toolResult: { result?: CallToolResult } | undefined;
    let denialForCall: Denial | undefined;
    let resource: Resource | undefined;
    let caller: Caller | undefined;
    let decisionId: string;

    if (method === 'tools/call') {
      const name = typeof message.params?.name === 'string' ? message.params.name : '';
      const args =
        typeof message.params?.arguments === 'object' && message.params.arguments !== null
          ? (message.params.arguments as Record<string, unknown>)
          : {};
      toolResult = {};
      const outcome = await pipeline.run(
        {
          requestId: String(request.id),
          surface: 'mcp',
          ...ingressHeaders(request),
          resourceId,
          action: 'mcp.tool',
          target: name,
          arguments: args,
          inputText: JSON.stringify(args),
          receivedAt: new Date(),
        },
        toolExchange(upstreams, name, args, toolResult),
        clientGone(reply.raw),
      );
      decisionId = outcome.context.decisionId;
      if (outcome.denial?.code === 'unauthenticated' || outcome.denial?.code === 'not_found')
        return rpcError(reply, outcome.denial, message.id, decisionId);
      denialForCall = outcome.denial;
    } else {
      const listing = await runListing(
        pipeline,
        ports,
        {
          requestId: String(request.id),
          surface: 'mcp',
          ...ingressHeaders(request),
          resourceId,
          action: 'mcp.tool',
          target: `mcp:${method}`,
          receivedAt: new Date(),
        },
        (context) => {
          const found =
            context.caller === undefined
              ? undefined
              : ports.directory.resolve(context.caller, 'mcp.tool', '*', resourceId);
          if (found?.found === true) {
            resource = found.resource;
            caller = context.caller;
          } else {
            context.denial = deny('not_found', `resource ${resourceId} not found`);
          }
          return Promise.resolve(found?.found === true);
        },
      );
      decisionId = listing.context.decisionId;
      if (listing.denial !== undefined) return rpcError(reply, listing.denial, message.id, decisionId);
      if (resource === undefined)
        return rpcError(reply, deny('not_found', `resource ${resourceId} not found`), message.id, decisionId);
    }

    const server = new Server({ name: 'warden-ingress', version: '0.1.0' }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => {
      if (resource === undefined || caller === undefined)
        throw new McpError(ErrorCode.InvalidRequest, 'no resource');
      const client = await upstreams.client(resource);
      const { tools } = await client.listTools();
      return { tools: permittedTools(tools, ports, caller, resource.id) };
    });
    server.setRequestHandler(CallToolRequestSchema, () => {
      if (denialForCall !== undefined) {
        throw new McpError(WARDEN_DENIED, `${denialForCall.code}: ${denialForCall.message}`, {
          code: denialForCall.code,
        });
      }
      if (toolResult?.result === undefined) throw new McpError(ErrorCode.InternalError, 'no result');
      return Promise.resolve(toolResult.result);
    });
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    reply.raw.setHeader(DECISION_ID_HEADER, decisionId);
    reply.raw.setHeader('x-warden-request-id', String(request.id));
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    reply.hijack();
    await transport.handleRequest(request.raw, reply.raw, request.body);
    return reply;
  });
  const notAllowed = async (_request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> =>
    reply
      .code(405)
      .header('allow', 'POST')
      .send({
        jsonrpc: '2.0',
        id: null,
        error: { code: ErrorCode.ConnectionClosed, message: 'stateless server: POST only' },
      });
  fastify.get('/mcp/:resourceId', notAllowed);
  fastify.delete('/mcp/:resourceId', notAllowed);
  return upstreams;
}
