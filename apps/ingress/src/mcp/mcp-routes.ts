import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OperationAction, Resource } from '@warden/policy-engine';
import { DENIAL_STATUS, deny, type Denial } from '../pipeline/denial';
import type { Caller } from '../pipeline/ingress-request';
import { runListing, type IngressPipeline, type PipelinePorts } from '../pipeline/ingress-pipeline';
import { DECISION_ID_HEADER } from '../openai/openai-error';
import { clientGone, ingressHeaders } from '../openai/request-headers';
import { mcpExchange } from './mcp-exchange';
import { governedCall, promptTarget, type GovernedResult, type McpParams } from './mcp-governed-calls';
import { McpUpstreams } from './mcp-upstreams';

interface JsonRpcRequest {
  readonly jsonrpc?: unknown;
  readonly id?: string | number | null;
  readonly method?: unknown;
  readonly params?: McpParams;
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

/** What the caller may see listed: allowed, approval-gated, or allowed once its argument constraints are met. */
function permitted(
  ports: PipelinePorts,
  caller: Caller,
  resourceId: string,
  action: OperationAction,
  target: string,
): boolean {
  const decision = ports.authorizer.authorize({
    caller,
    resourceId,
    action,
    target,
    ...(action === 'mcp.tool' && { tool: target }),
    time: Date.now(),
  });
  return decision.decision !== 'deny' || decision.reasons[0]?.code === 'argument_constraint';
}

/**
 * MCP over streamable HTTP at `/mcp/{resourceId}` (stateless). `tools/call`, `resources/read` and
 * `prompts/get` walk the whole pipeline before the SDK answers, so the decision is recorded first; every
 * other method is authenticated and recorded as a listing, and lists show only what the caller's
 * connections permit (tools as `mcp.tool`, resource URIs and `prompt:<name>` as `data.read`).
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
    const governed = governedCall(method, message.params);
    let answer: { result?: GovernedResult } | undefined;
    let denialForCall: Denial | undefined;
    let resource: Resource | undefined;
    let caller: Caller | undefined;
    let decisionId: string;

    if (governed !== undefined) {
      answer = {};
      const outcome = await pipeline.run(
        {
          requestId: String(request.id),
          surface: 'mcp',
          ...ingressHeaders(request),
          resourceId,
          action: governed.action,
          target: governed.target,
          arguments: governed.arguments,
          inputText: governed.inputText,
          receivedAt: new Date(),
        },
        mcpExchange(upstreams, governed, answer),
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

    const server = new Server(
      { name: 'warden-ingress', version: '0.1.0' },
      { capabilities: { tools: {}, resources: {}, prompts: {} } },
    );
    const listed = async () => {
      const [listedFor, listedBy] = [resource, caller];
      if (listedFor === undefined || listedBy === undefined)
        throw new McpError(ErrorCode.InvalidRequest, 'no resource');
      const visible = (action: OperationAction, target: string): boolean =>
        permitted(ports, listedBy, listedFor.id, action, target);
      return { client: await upstreams.client(listedFor), visible };
    };
    const governedAnswer = (): Promise<GovernedResult> => {
      if (denialForCall !== undefined) {
        throw new McpError(WARDEN_DENIED, `${denialForCall.code}: ${denialForCall.message}`, {
          code: denialForCall.code,
        });
      }
      if (answer?.result === undefined) throw new McpError(ErrorCode.InternalError, 'no result');
      return Promise.resolve(answer.result);
    };
    server.setRequestHandler(ListToolsRequestSchema, async () => {
      const { client, visible } = await listed();
      const { tools } = await client.listTools();
      return { tools: tools.filter((tool) => visible('mcp.tool', tool.name)) };
    });
    server.setRequestHandler(ListResourcesRequestSchema, async () => {
      const { client, visible } = await listed();
      if (client.getServerCapabilities()?.resources === undefined) return { resources: [] };
      const { resources } = await client.listResources();
      return { resources: resources.filter((r) => visible('data.read', r.uri)) };
    });
    server.setRequestHandler(ListPromptsRequestSchema, async () => {
      const { client, visible } = await listed();
      if (client.getServerCapabilities()?.prompts === undefined) return { prompts: [] };
      const { prompts } = await client.listPrompts();
      return { prompts: prompts.filter((p) => visible('data.read', promptTarget(p.name))) };
    });
    server.setRequestHandler(CallToolRequestSchema, governedAnswer);
    server.setRequestHandler(ReadResourceRequestSchema, governedAnswer);
    server.setRequestHandler(GetPromptRequestSchema, governedAnswer);
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
