import { Injectable } from '@nestjs/common';
import { ConnectionChange } from '../../application/connection-change';
import type { RequestContext } from '../../application/request-context';

@Injectable()
export class RevokeConnectionHandler {
  constructor(private readonly change: ConnectionChange) {}

  /** Final; revoking a revoked connection records nothing and succeeds (DELETE is idempotent). */
  async execute(orgId: string, connectionId: string, ctx: RequestContext): Promise<void> {
    await this.change.run(orgId, connectionId, ctx, { type: 'RevokeConnection' });
  }
}
