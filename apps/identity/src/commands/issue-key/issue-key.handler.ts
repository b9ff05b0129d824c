import { Injectable } from '@nestjs/common';
import { generateKeySecret } from '@warden/identity-auth';
import { IdempotencyKeyReusedError } from '../../application/idempotency-key-reused.error';
import { idForIdempotencyKey, newId } from '@warden/event-sourcing';
import { PrincipalStream } from '../../application/principal-stream';
import type { RequestContext } from '../../application/request-context';
import { callerId } from '@warden/identity-auth';
import type { Created, IssuedKeyResponse } from '../../http/responses';
import type { IssueKeyCommand } from './issue-key.command';
import { issuedKeyResponse } from './issued-key-response';

@Injectable()
export class IssueKeyHandler {
  constructor(private readonly principals: PrincipalStream) {}

  async execute(command: IssueKeyCommand, ctx: RequestContext): Promise<Created<IssuedKeyResponse>> {
    const { organizationId, principalId } = command;
    const keyId =
      ctx.idempotencyKey !== undefined
        ? idForIdempotencyKey(
            'key',
            [callerId(ctx.caller), organizationId, principalId, 'keys'],
            ctx.idempotencyKey,
          )
        : newId('key');
    const key = generateKeySecret();
    const result = await this.principals.change(
      organizationId,
      principalId,
      ctx,
      () => ({
        type: 'IssueKey',
        data: {
          keyId,
          prefix: key.prefix,
          secretHash: key.secretHash,
          now: ctx.now,
          ...(command.name !== undefined ? { name: command.name } : {}),
          ...(command.expiresAt !== undefined ? { expiresAt: command.expiresAt } : {}),
        },
      }),
      // A replay gets the first response without the secret: it is shown once, and it is not stored.
      (state) => {
        const existing = state.keys[keyId];
        if (!existing) return undefined;
        if (existing.name !== command.name) throw new IdempotencyKeyReusedError();
        return issuedKeyResponse(principalId, existing, undefined);
      },
    );
    if (result.replayed) return { body: result.answer, replayed: true };
    const issued = result.principal.keys[keyId];
    if (!issued) throw new Error('key issuance produced no key');
    return { body: issuedKeyResponse(principalId, issued, key.secret), replayed: false };
  }
}
