import type { FastifyReply } from 'fastify';
import type { Created } from './responses';

/** Marks idempotent replays so clients can tell them apart; the status and body are those of the first call. */
export function sendCreated<T>(reply: FastifyReply, created: Created<T>): T {
  if (created.replayed) void reply.header('idempotent-replayed', 'true');
  return created.body;
}

export function withVersion<T extends { version: number }>(reply: FastifyReply, body: T): T {
  void reply.header('etag', `"${body.version}"`);
  return body;
}
