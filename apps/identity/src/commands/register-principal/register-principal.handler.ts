import { Inject, Injectable } from '@nestjs/common';
import type { PrincipalAttributes } from '@warden/contracts';
import { ConflictError, ValidationFailedError, WARDEN_CONFIG, type WardenConfig } from '@warden/platform';
import { EventSourcedRunner, type Loaded, idForIdempotencyKey, newId } from '@warden/event-sourcing';
import { IdempotencyKeyReusedError } from '../../application/idempotency-key-reused.error';
import type { RequestContext } from '../../application/request-context';
import { callerId } from '@warden/identity-auth';
import type { OwnerFacts } from '../../domain/principal/principal.commands';
import { decidePrincipal } from '../../domain/principal/principal.decide';
import {
  evolvePrincipal,
  initialPrincipal,
  type PrincipalEvent,
  type PrincipalState,
} from '../../domain/principal/principal.state';
import { principalFromState } from '../../http/principal-response';
import type { Created, PrincipalResponse } from '../../http/responses';
import { IdentityProjections } from '../../read-model/identity-projections';
import type { RegisterPrincipalCommand } from './register-principal.command';

@Injectable()
export class RegisterPrincipalHandler {
  constructor(
    private readonly runner: EventSourcedRunner,
    private readonly projections: IdentityProjections,
    @Inject(WARDEN_CONFIG) private readonly config: WardenConfig,
  ) {}

  async execute(command: RegisterPrincipalCommand, ctx: RequestContext): Promise<Created<PrincipalResponse>> {
    await this.projections.catchUp();
    const model = this.projections.readModel;
    const { caller } = ctx;
    const ownerId =
      command.ownerId ??
      (command.kind !== 'human' && caller.kind === 'principal' && caller.principalKind === 'human'
        ? caller.principalId
        : undefined);
    const ownerView = ownerId !== undefined ? model.principal(command.organizationId, ownerId) : undefined;
    const owner: OwnerFacts | undefined = ownerView && {
      principalId: ownerView.id,
      organizationId: ownerView.organizationId,
      kind: ownerView.kind,
      status: ownerView.status,
    };

    const id =
      ctx.idempotencyKey !== undefined
        ? idForIdempotencyKey(
            'prn',
            [callerId(caller), command.organizationId, 'principals'],
            ctx.idempotencyKey,
          )
        : newId('prn');
    const result = await this.runner.run<PrincipalState, PrincipalEvent>({
      streamId: id,
      initial: initialPrincipal,
      evolve: evolvePrincipal,
      replay: (loaded) =>
        ctx.idempotencyKey !== undefined && loaded.revision > 0 ? firstResponse(loaded, command) : undefined,
      decide: (state) => {
        // After the replay check: a replayed registration must not trip over its own OIDC binding.
        const oidc = this.oidcBinding(command.oidcSubject);
        return decidePrincipal(
          {
            type: 'RegisterPrincipal',
            data: {
              principalId: id,
              organizationId: command.organizationId,
              kind: command.kind,
              name: command.name,
              attributes: command.attributes,
              ...(ownerId !== undefined ? { ownerId } : {}),
              ...(owner ? { owner } : {}),
              roles: command.roles,
              ...(oidc ? { oidc } : {}),
            },
          },
          state,
        );
      },
      orgId: command.organizationId,
      ctx,
    });
    if (result.replayed) return { body: result.answer as PrincipalResponse, replayed: true };
    if (!result.state.registered) throw new Error('registration produced no principal');
    return { body: principalFromState(result.state, result.revision), replayed: false };
  }

  private oidcBinding(subject: string | undefined): { issuer: string; subject: string } | undefined {
    if (subject === undefined) return undefined;
    if (!this.config.oidc) {
      throw new ValidationFailedError(
        [{ field: 'oidcSubject', message: 'needs OIDC_ISSUER to be configured' }],
        'OIDC is not configured.',
        'oidc_not_configured',
      );
    }
    const issuer = this.config.oidc.issuer;
    if (this.projections.auth.principalIdForOidc(issuer, subject) !== undefined) {
      throw new ConflictError('This OIDC identity is already bound to a principal.', 'oidc_already_bound');
    }
    return { issuer, subject };
  }
}

/** The response of the first request, rebuilt from the events that request appended (one causation). */
function firstResponse(
  loaded: Loaded<PrincipalState>,
  command: RegisterPrincipalCommand,
): PrincipalResponse | undefined {
  const first = loaded.stored[0]?.event;
  if (
    !first ||
    first.type !== 'warden.identity.principal.registered.v1' ||
    first.orgid !== command.organizationId
  ) {
    return undefined;
  }
  const d = first.data as {
    principalId: string;
    organizationId: string;
    kind: PrincipalResponse['kind'];
    name: string;
    attributes: PrincipalAttributes;
    ownerId?: string;
    roles: PrincipalResponse['roles'];
  };
  if (d.kind !== command.kind || d.name !== command.name) throw new IdempotencyKeyReusedError();
  const version = loaded.stored.filter((s) => s.event.causationid === first.causationid).length;
  return {
    id: d.principalId,
    organizationId: d.organizationId,
    kind: d.kind,
    name: d.name,
    status: 'active',
    attributes: d.attributes,
    ...(d.ownerId !== undefined ? { ownerId: d.ownerId } : {}),
    roles: d.roles,
    version,
  };
}
