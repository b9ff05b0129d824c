import { Injectable } from '@nestjs/common';
import type { ConnectionUpdatedV1 } from '@warden/contracts';
import { PolicyStreams } from '../../application/streams';
import { paginate } from '../../http/paging';
import type { ConnectionVersionResponse, Page } from '../../http/responses';

/** Every version with who made it and when (from the event envelope) and what changed. */
@Injectable()
export class ListConnectionVersionsHandler {
  constructor(private readonly streams: PolicyStreams) {}

  async execute(
    orgId: string,
    connectionId: string,
    limit?: number,
    cursor?: string,
  ): Promise<Page<ConnectionVersionResponse>> {
    const { state, stored } = await this.streams.connection(orgId, connectionId);
    const items = state.versions.map((v, i): ConnectionVersionResponse => {
      const event = stored[i]?.event;
      const updated =
        event?.type === 'warden.policy.connection.updated.v1'
          ? (event.data as ConnectionUpdatedV1)
          : undefined;
      const change =
        event?.type === 'warden.policy.connection.created.v1'
          ? 'created'
          : event?.type === 'warden.policy.connection.revoked.v1'
            ? 'revoked'
            : updated?.rolledBackToVersion !== undefined
              ? 'rolled_back'
              : 'updated';
      return {
        version: v.version,
        status: v.status,
        actor: event?.principalid ?? 'unknown',
        at: event?.time ?? '',
        change,
        changedFields: updated?.changedFields ?? [],
        ...(updated?.rolledBackToVersion !== undefined
          ? { rolledBackToVersion: updated.rolledBackToVersion }
          : {}),
        spec: v.spec,
      };
    });
    return paginate(items, limit, cursor);
  }
}
