import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@warden/platform';
import {
  evolveConnection,
  initialConnection,
  type ConnectionEvent,
  type ConnectionState,
  type ExistingConnection,
} from '../domain/connection/connection.state';
import {
  evolveResource,
  initialResource,
  type ResourceEvent,
  type ResourceState,
} from '../domain/resource/resource';
import { EventSourcedRunner, type Loaded } from '@warden/event-sourcing';

export function connectionNotFound(): NotFoundError {
  return new NotFoundError('Connection not found.', 'connection_not_found');
}

export function resourceNotFound(): NotFoundError {
  return new NotFoundError('Resource not found.', 'resource_not_found');
}

/** Reads of one aggregate, org-scoped: another organization's object is not found, as if absent. */
@Injectable()
export class PolicyStreams {
  constructor(private readonly runner: EventSourcedRunner) {}

  async connection(orgId: string, connectionId: string): Promise<Loaded<ExistingConnection>> {
    if (!/^con_[A-Za-z0-9]+$/.test(connectionId)) throw connectionNotFound();
    const loaded = await this.runner.load<ConnectionState, ConnectionEvent>(
      connectionId,
      initialConnection,
      evolveConnection,
    );
    if (!loaded.state.exists || loaded.state.orgId !== orgId) throw connectionNotFound();
    return { ...loaded, state: loaded.state };
  }

  async resource(orgId: string, resourceId: string): Promise<Extract<ResourceState, { registered: true }>> {
    if (!/^res_[A-Za-z0-9]+$/.test(resourceId)) throw resourceNotFound();
    const loaded = await this.runner.load<ResourceState, ResourceEvent>(
      resourceId,
      initialResource,
      evolveResource,
    );
    if (!loaded.state.registered || loaded.state.orgId !== orgId) throw resourceNotFound();
    return loaded.state;
  }
}
