import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { runListing, type IngressPipeline, type PipelinePorts } from '../pipeline/ingress-pipeline';
import { deny } from '../pipeline/denial';
import { INGRESS_PIPELINE, PIPELINE_PORTS } from '../ingress-tokens';
import { plainChatExchange, streamingChatExchange, type ChatBody } from './chat-exchange';
import { embeddingsExchange } from './embeddings-exchange';
import { ModelCatalog } from './model-catalog';
import { DECISION_ID_HEADER, sendOpenAiError } from './openai-error';
import { clientGone, ingressHeaders } from './request-headers';
import { contentText, countChatTokens, countTextTokens, embeddingInputs } from './tokens';

function isChatBody(body: unknown): body is ChatBody {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return typeof b.model === 'string' && Array.isArray(b.messages);
}

/** OpenAI-compatible routes: errors in the OpenAI shape, with Warden's reason code in `code`. */
@ApiTags('ingress')
@Controller('v1')
export class OpenAiController {
  private readonly catalog: ModelCatalog;

  constructor(
    @Inject(INGRESS_PIPELINE) private readonly pipeline: IngressPipeline,
    @Inject(PIPELINE_PORTS) private readonly ports: PipelinePorts,
  ) {
    this.catalog = new ModelCatalog(ports.credentials);
  }

  @Post('chat/completions')
  @ApiOperation({
    summary: 'OpenAI-compatible chat completion (plain or SSE), governed by the ingress pipeline',
  })
  async chat(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = request.body;
    if (!isChatBody(body)) {
      await sendOpenAiError(
        reply,
        deny('invalid_request', '`model` and `messages` are required'),
        'dec_none',
      );
      return;
    }
    const ingress = {
      requestId: String(request.id),
      surface: 'openai.chat' as const,
      ...ingressHeaders(request),
      action: 'model.chat' as const,
      target: body.model,
      inputText: body.messages.map((m) => contentText(m.content)).join('\n'),
      estimatedInputTokens: countChatTokens(body.messages),
      receivedAt: new Date(),
    };
    const signal = clientGone(reply.raw);
    if (body.stream === true) {
      let decisionId = '';
      const writer = {
        open: () => {
          if (!reply.raw.headersSent) {
            reply.hijack();
            reply.raw.writeHead(200, {
              'content-type': 'text/event-stream; charset=utf-8',
              'cache-control': 'no-cache',
              connection: 'keep-alive',
              'x-warden-request-id': String(request.id),
              [DECISION_ID_HEADER]: decisionId,
            });
          }
          return reply.raw;
        },
      };
      const exchange = streamingChatExchange(body, writer);
      const outcome = await this.pipeline.run(
        ingress,
        async (call) => {
          decisionId = call.context.decisionId;
          return exchange(call);
        },
        signal,
      );
      if (!reply.raw.headersSent) {
        await sendOpenAiError(
          reply,
          outcome.denial ?? deny('upstream_error', 'no answer'),
          outcome.context.decisionId,
        );
        return;
      }
      if (!reply.raw.writableEnded && !reply.raw.destroyed) {
        if (outcome.upstream?.completion === 'completed') reply.raw.write('data: [DONE]\n\n');
        reply.raw.end();
      }
      return;
    }
    const out: { response?: unknown } = {};
    const outcome = await this.pipeline.run(ingress, plainChatExchange(body, out), signal);
    if (outcome.denial !== undefined || out.response === undefined) {
      await sendOpenAiError(
        reply,
        outcome.denial ?? deny('upstream_error', 'no answer'),
        outcome.context.decisionId,
      );
      return;
    }
    await reply
      .header(DECISION_ID_HEADER, outcome.context.decisionId)
      .header('content-type', 'application/json')
      .send(out.response);
  }

  @Post('embeddings')
  @ApiOperation({ summary: 'OpenAI-compatible embeddings' })
  async embeddings(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const body = request.body as Record<string, unknown> | undefined;
    if (body === undefined || typeof body !== 'object' || typeof body.model !== 'string') {
      await sendOpenAiError(reply, deny('invalid_request', '`model` and `input` are required'), 'dec_none');
      return;
    }
    const inputs = embeddingInputs(body.input);
    const out: { response?: unknown } = {};
    const outcome = await this.pipeline.run(
      {
        requestId: String(request.id),
        surface: 'openai.embeddings',
        ...ingressHeaders(request),
        action: 'model.embed',
        target: body.model,
        inputText: inputs.join('\n'),
        estimatedInputTokens: inputs.reduce((n, t) => n + countTextTokens(t), 0),
        receivedAt: new Date(),
      },
      embeddingsExchange(body, out),
      clientGone(reply.raw),
    );
    if (outcome.denial !== undefined || out.response === undefined) {
      await sendOpenAiError(
        reply,
        outcome.denial ?? deny('upstream_error', 'no answer'),
        outcome.context.decisionId,
      );
      return;
    }
    await reply.header(DECISION_ID_HEADER, outcome.context.decisionId).send(out.response);
  }

  @Get('models')
  @ApiOperation({ summary: 'The models this key may use' })
  async models(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const listing = await runListing(
      this.pipeline,
      this.ports,
      {
        requestId: String(request.id),
        surface: 'openai.models',
        ...ingressHeaders(request),
        action: 'model.chat',
        target: '*',
        receivedAt: new Date(),
      },
      async (context) => {
        const caller = context.caller;
        if (caller === undefined) return [];
        const entries = [];
        for (const action of ['model.chat', 'model.embed'] as const) {
          for (const { target, resourceId } of this.ports.directory.targets(caller, action)) {
            const resolved = this.ports.directory.resolve(caller, action, target, resourceId);
            if (resolved.found) entries.push({ target, resource: resolved.resource });
          }
        }
        return this.catalog.allowed(entries);
      },
    );
    if (listing.denial !== undefined) {
      await sendOpenAiError(reply, listing.denial, listing.context.decisionId);
      return;
    }
    await reply.header(DECISION_ID_HEADER, listing.context.decisionId).send({
      object: 'list',
      data: (listing.result ?? []).map((id) => ({ id, object: 'model', created: 0, owned_by: 'warden' })),
    });
  }
}
