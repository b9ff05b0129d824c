import { Injectable } from '@nestjs/common';
import { PrincipalStream } from '../../application/principal-stream';
import type { RequestContext } from '../../application/request-context';
import type { RevokeKeyCommand } from './revoke-key.command';

@Injectable()
export class RevokeKeyHandler {
  constructor(private readonly principals: PrincipalStream) {}

  async execute(command: RevokeKeyCommand, ctx: RequestContext): Promise<void> {
    await this.principals.change(command.organizationId, command.principalId, ctx, () => ({
      type: 'RevokeKey',
      data: { keyId: command.keyId },
    }));
  }
}
