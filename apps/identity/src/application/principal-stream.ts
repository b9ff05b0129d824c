import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@warden/platform';
import type { PrincipalCommand } from '../domain/principal/principal.commands';
import { decidePrincipal } from '../domain/principal/principal.decide';
import {
  evolvePrincipal,
  initialPrincipal,
  type PrincipalEvent,
  type PrincipalState,
  type RegisteredPrincipal,
} from '../domain/principal/principal.state';
import { EventSourcedRunner, type Loaded } from '@warden/event-sourcing';
import type { RequestContext } from './request-context';

export type PrincipalChange<R> =
  | {
      readonly replayed: false;
      readonly principal: RegisteredPrincipal;
      readonly version: number;
      readonly events: readonly PrincipalEvent[];
    }
  | { readonly replayed: true; readonly answer: R };

/** Runs a command on an existing principal's stream (keys included) — a principal of another organization is not found. */
@Injectable()
export class PrincipalStream {
  constructor(private readonly runner: EventSourcedRunner) {}

  async change<R = never>(
    organizationId: string,
    principalId: string,
    ctx: RequestContext,
    command: (state: RegisteredPrincipal) => PrincipalCommand,
    replay?: (state: RegisteredPrincipal, loaded: Loaded<PrincipalState>) => R | undefined,
  ): Promise<PrincipalChange<R>> {
    let decided: PrincipalEvent[] = [];
    const result = await this.runner.run<PrincipalState, PrincipalEvent>({
      streamId: principalId,
      initial: initialPrincipal,
      evolve: evolvePrincipal,
      replay: (loaded) =>
        loaded.state.registered && loaded.state.organizationId === organizationId
          ? replay?.(loaded.state, loaded)
          : undefined,
      guard: (loaded) => {
        if (!loaded.state.registered || loaded.state.organizationId !== organizationId) {
          throw new NotFoundError('Principal not found.', 'principal_not_found');
        }
      },
      decide: (state) => {
        decided = decidePrincipal(command(state as RegisteredPrincipal), state);
        return decided;
      },
      orgId: organizationId,
      ctx,
    });
    if (result.replayed) return { replayed: true, answer: result.answer as R };
    return {
      replayed: false,
      principal: result.state as RegisteredPrincipal,
      version: result.revision,
      events: decided,
    };
  }
}
