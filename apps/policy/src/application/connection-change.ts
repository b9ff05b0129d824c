import { Injectable } from '@nestjs/common';
import type { ConnectionCommand } from '../domain/connection/connection.commands';
import { decideConnection } from '../domain/connection/connection.decide';
import {
  evolveConnection,
  initialConnection,
  type ConnectionEvent,
  type ConnectionState,
  type ExistingConnection,
} from '../domain/connection/connection.state';
import { EventSourcedRunner } from '@warden/event-sourcing';
import { GuardrailProfileLookup } from './guardrail-profile-lookup';
import type { RequestContext } from './request-context';
import { connectionNotFound } from './streams';

/** Runs a command on an existing connection of the org in the path; If-Match is compared with its version. */
@Injectable()
export class ConnectionChange {
  constructor(
    private readonly runner: EventSourcedRunner,
    private readonly profiles: GuardrailProfileLookup,
  ) {}

  async run(
    orgId: string,
    connectionId: string,
    ctx: RequestContext,
    command: ConnectionCommand,
  ): Promise<ExistingConnection> {
    if (!/^con_[A-Za-z0-9]+$/.test(connectionId)) throw connectionNotFound();
    const result = await this.runner.run<ConnectionState, ConnectionEvent>({
      streamId: connectionId,
      initial: initialConnection,
      evolve: evolveConnection,
      guard: (loaded) => {
        if (!loaded.state.exists || loaded.state.orgId !== orgId) throw connectionNotFound();
      },
      versionOf: (state) => (state.exists ? state.version : 0),
      decide: (state) => decideConnection(command, state, this.profiles.of(orgId)),
      orgId,
      ctx,
    });
    if (result.replayed || !result.state.exists) throw new Error('a connection change never replays');
    return result.state;
  }
}
