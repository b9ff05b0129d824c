import { Injectable } from '@nestjs/common';
import { ConnectionChange } from '../../application/connection-change';
import type { RequestContext } from '../../application/request-context';
import { connectionResponse, type ConnectionResponse } from '../../http/responses';

@Injectable()
export class RollbackConnectionHandler {
  constructor(private readonly change: ConnectionChange) {}

  async execute(
    orgId: string,
    connectionId: string,
    toVersion: number,
    ctx: RequestContext,
  ): Promise<ConnectionResponse> {
    return connectionResponse(
      await this.change.run(orgId, connectionId, ctx, { type: 'RollbackConnection', toVersion }),
    );
  }
}
