import { Injectable } from '@nestjs/common';
import { PrincipalStream } from '../../application/principal-stream';
import type { RequestContext } from '../../application/request-context';
import { principalFromState } from '../../http/principal-response';
import type { PrincipalResponse } from '../../http/responses';
import type { RevokePrincipalCommand } from './revoke-principal.command';

@Injectable()
export class RevokePrincipalHandler {
  constructor(private readonly principals: PrincipalStream) {}

  async execute(command: RevokePrincipalCommand, ctx: RequestContext): Promise<PrincipalResponse> {
    const result = await this.principals.change(command.organizationId, command.principalId, ctx, () => ({
      type: 'RevokePrincipal',
      data: command.reason !== undefined ? { reason: command.reason } : {},
    }));
    if (result.replayed) throw new Error('revoke has no replay');
    return principalFromState(result.principal, result.version);
  }
}
