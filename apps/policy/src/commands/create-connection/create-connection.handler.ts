import { Injectable } from '@nestjs/common';
import type { PolicyConnectionSpecV1 } from '@warden/contracts';
import { ConflictError, NotFoundError } from '@warden/platform';
import { EventSourcedRunner, idForIdempotencyKey, newId } from '@warden/event-sourcing';
import { GuardrailProfileLookup } from '../../application/guardrail-profile-lookup';
import type { RequestContext } from '../../application/request-context';
import { assertSpecShape } from '../../application/spec-shape';
import { PolicyStreams } from '../../application/streams';
import { decideConnection } from '../../domain/connection/connection.decide';
import {
  evolveConnection,
  initialConnection,
  type ConnectionEvent,
  type ConnectionState,
} from '../../domain/connection/connection.state';
import { connectionResponse, type ConnectionResponse, type Created } from '../../http/responses';
import { PolicyProjection } from '../../projection/policy-projection';

export interface CreateConnectionCommand {
  readonly orgId: string;
  readonly principalId: string;
  readonly resourceId: string;
  readonly spec: PolicyConnectionSpecV1;
}

@Injectable()
export class CreateConnectionHandler {
  constructor(
    private readonly runner: EventSourcedRunner,
    private readonly streams: PolicyStreams,
    private readonly projection: PolicyProjection,
    private readonly profiles: GuardrailProfileLookup,
  ) {}

  async execute(command: CreateConnectionCommand, ctx: RequestContext): Promise<Created<ConnectionResponse>> {
    assertSpecShape({ ...command.spec });
    await this.streams.resource(command.orgId, command.resourceId);
    // The principal is known here through the identity topic; one of another organization is not found.
    // One not known yet (lag) is accepted: the engine denies a principal it does not know.
    const principal = this.projection.state.principals.get(command.principalId);
    if (principal !== undefined && principal.orgId !== command.orgId) {
      throw new NotFoundError('Principal not found.', 'principal_not_found');
    }
    await this.profiles.awaitNamed(command.orgId, command.spec.guardrailProfileId);
    const connectionId =
      ctx.idempotencyKey !== undefined
        ? idForIdempotencyKey(
            'con',
            [ctx.caller.principalId, command.orgId, 'connections'],
            ctx.idempotencyKey,
          )
        : newId('con');
    const result = await this.runner.run<ConnectionState, ConnectionEvent>({
      streamId: connectionId,
      initial: initialConnection,
      evolve: evolveConnection,
      replay: (loaded) => {
        if (!loaded.state.exists) return undefined;
        if (loaded.state.orgId !== command.orgId)
          throw new ConflictError(
            'The Idempotency-Key was used for another request.',
            'idempotency_key_reused',
          );
        return connectionResponse({ ...loaded.state, ...firstVersion(loaded.state) });
      },
      decide: (state) =>
        decideConnection(
          { type: 'CreateConnection', connectionId, ...command },
          state,
          this.profiles.of(command.orgId),
        ),
      orgId: command.orgId,
      ctx,
    });
    if (result.replayed) return { replayed: true, body: result.answer as ConnectionResponse };
    if (!result.state.exists) throw new Error('connection missing after its creation');
    return { replayed: false, body: connectionResponse(result.state) };
  }
}

/** A replayed creation answers what the first call answered: version 1. */
function firstVersion(state: Extract<ConnectionState, { exists: true }>): {
  version: number;
  status: 'active';
  spec: PolicyConnectionSpecV1;
} {
  const v1 = state.versions[0];
  return { version: 1, status: 'active', spec: v1 ? v1.spec : state.spec };
}
