import { Injectable } from '@nestjs/common';
import { PrincipalStream } from '../../application/principal-stream';
import type { RequestContext } from '../../application/request-context';
import { principalFromState } from '../../http/principal-response';
import type { PrincipalResponse } from '../../http/responses';
import type { ReactivatePrincipalCommand } from './reactivate-principal.command';

@Injectable()
export class ReactivatePrincipalHandler {
  constructor(private readonly principals: PrincipalStream) {}

  async execute(command: ReactivatePrincipalCommand, ctx: RequestContext): Promise<PrincipalResponse> {
    const result = await this.principals.change(command.organizationId, command.principalId, ctx, () => ({
      type: 'ReactivatePrincipal',
      data: {},
    }));
    if (result.replayed) throw new Error('reactivate has no replay');
    return principalFromState(result.principal, result.version);
  }
}
