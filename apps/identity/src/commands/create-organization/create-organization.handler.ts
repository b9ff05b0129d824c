import { Injectable } from '@nestjs/common';
import {
  decideOrganization,
  evolveOrganization,
  initialOrganization,
  type OrganizationEvent,
  type OrganizationState,
} from '../../domain/organization/organization';
import { EventSourcedRunner, type Loaded, idForIdempotencyKey, newId } from '@warden/event-sourcing';
import { IdempotencyKeyReusedError } from '../../application/idempotency-key-reused.error';
import type { RequestContext } from '../../application/request-context';
import { callerId } from '@warden/identity-auth';
import type { Created, OrganizationResponse } from '../../http/responses';
import type { CreateOrganizationCommand } from './create-organization.command';

@Injectable()
export class CreateOrganizationHandler {
  constructor(private readonly runner: EventSourcedRunner) {}

  async execute(
    command: CreateOrganizationCommand,
    ctx: RequestContext,
  ): Promise<Created<OrganizationResponse>> {
    const id =
      ctx.idempotencyKey !== undefined
        ? idForIdempotencyKey('org', [callerId(ctx.caller), 'orgs'], ctx.idempotencyKey)
        : newId('org');
    const result = await this.runner.run<OrganizationState, OrganizationEvent>({
      streamId: id,
      initial: initialOrganization,
      evolve: evolveOrganization,
      replay: (loaded: Loaded<OrganizationState>) =>
        ctx.idempotencyKey !== undefined && loaded.revision > 0 ? firstResponse(loaded, command) : undefined,
      decide: (state) =>
        decideOrganization(
          { type: 'CreateOrganization', data: { organizationId: id, name: command.name } },
          state,
        ),
      orgId: id,
      ctx,
    });
    if (result.replayed) return { body: result.answer as OrganizationResponse, replayed: true };
    return { body: { id, name: command.name, createdAt: ctx.now.toISOString() }, replayed: false };
  }
}

function firstResponse(
  loaded: Loaded<OrganizationState>,
  command: CreateOrganizationCommand,
): OrganizationResponse | undefined {
  const created = loaded.stored[0]?.event;
  if (!created) return undefined;
  const data = created.data as { organizationId: string; name: string };
  if (data.name !== command.name) throw new IdempotencyKeyReusedError();
  return { id: data.organizationId, name: data.name, createdAt: created.time };
}
