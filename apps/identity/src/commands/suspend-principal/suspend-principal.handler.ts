import { Injectable } from '@nestjs/common';
import { PrincipalStream } from '../../application/principal-stream';
import type { RequestContext } from '../../application/request-context';
import { principalFromState } from '../../http/principal-response';
import type { PrincipalResponse } from '../../http/responses';
import type { SuspendPrincipalCommand } from './suspend-principal.command';

@Injectable()
export class SuspendPrincipalHandler {
  constructor(private readonly principals: PrincipalStream) {}

  async execute(command: SuspendPrincipalCommand, ctx: RequestContext): Promise<PrincipalResponse> {
    const result = await this.principals.change(command.organizationId, command.principalId, ctx, () => ({
      type: 'SuspendPrincipal',
      data: command.reason !== undefined ? { reason: command.reason } : {},
    }));
    if (result.replayed) throw new Error('suspend has no replay');
    return principalFromState(result.principal, result.version);
  }
}
