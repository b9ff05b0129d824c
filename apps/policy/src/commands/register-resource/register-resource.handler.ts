import { Inject, Injectable } from '@nestjs/common';
import { ConflictError, ValidationFailedError } from '@warden/platform';
import { EventSourcedRunner, idForIdempotencyKey, newId } from '@warden/event-sourcing';
import type { RequestContext } from '../../application/request-context';
import {
  decideResource,
  evolveResource,
  initialResource,
  type RegisterResource,
  type ResourceEvent,
  type ResourceState,
} from '../../domain/resource/resource';
import { resourceResponse, type Created, type ResourceResponse } from '../../http/responses';
import { SECRET_STORE, type SecretStore } from '../../secrets/secret-store.port';

export type RegisterResourceCommand = Omit<RegisterResource, 'type' | 'resourceId'>;

@Injectable()
export class RegisterResourceHandler {
  constructor(
    private readonly runner: EventSourcedRunner,
    @Inject(SECRET_STORE) private readonly secrets: SecretStore,
  ) {}

  async execute(command: RegisterResourceCommand, ctx: RequestContext): Promise<Created<ResourceResponse>> {
    const ref = command.upstream.credentialRef;
    if (ref !== undefined && !(await this.secrets.exists(ref))) {
      // The reference is named, never its value.
      throw new ValidationFailedError(
        [
          {
            field: 'upstream.credentialRef',
            message: 'does not resolve: env:NAME must be set, file:/path must be a readable file',
          },
        ],
        `The credential reference ${ref} does not resolve.`,
        'credential_ref_unresolved',
      );
    }
    const resourceId =
      ctx.idempotencyKey !== undefined
        ? idForIdempotencyKey('res', [ctx.caller.principalId, command.orgId, 'resources'], ctx.idempotencyKey)
        : newId('res');
    const result = await this.runner.run<ResourceState, ResourceEvent>({
      streamId: resourceId,
      initial: initialResource,
      evolve: evolveResource,
      replay: (loaded) => {
        if (!loaded.state.registered) return undefined;
        if (loaded.state.orgId !== command.orgId)
          throw new ConflictError(
            'The Idempotency-Key was used for another request.',
            'idempotency_key_reused',
          );
        return resourceResponse(loaded.state);
      },
      decide: (state) => decideResource({ type: 'RegisterResource', resourceId, ...command }, state),
      orgId: command.orgId,
      ctx,
    });
    if (result.replayed) return { replayed: true, body: result.answer as ResourceResponse };
    if (!result.state.registered) throw new Error('resource not registered after its registration');
    return { replayed: false, body: resourceResponse(result.state) };
  }
}
