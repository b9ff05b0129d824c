import { Injectable } from '@nestjs/common';
import { generateKeySecret } from '@warden/identity-auth';
import { idForIdempotencyKey, newId } from '@warden/event-sourcing';
import { PrincipalStream } from '../../application/principal-stream';
import type { RequestContext } from '../../application/request-context';
import { callerId } from '@warden/identity-auth';
import type { Created, IssuedKeyResponse } from '../../http/responses';
import { issuedKeyResponse } from '../issue-key/issued-key-response';
import type { RotateKeyCommand } from './rotate-key.command';

@Injectable()
export class RotateKeyHandler {
  constructor(private readonly principals: PrincipalStream) {}

  async execute(command: RotateKeyCommand, ctx: RequestContext): Promise<Created<IssuedKeyResponse>> {
    const { organizationId, principalId, keyId } = command;
    const newKeyId =
      ctx.idempotencyKey !== undefined
        ? idForIdempotencyKey(
            'key',
            [callerId(ctx.caller), organizationId, principalId, keyId, 'rotate'],
            ctx.idempotencyKey,
          )
        : newId('key');
    const key = generateKeySecret();
    const result = await this.principals.change(
      organizationId,
      principalId,
      ctx,
      () => ({
        type: 'RotateKey',
        data: {
          keyId,
          newKeyId,
          newPrefix: key.prefix,
          newSecretHash: key.secretHash,
          gracePeriodSeconds: command.gracePeriodSeconds,
          now: ctx.now,
        },
      }),
      (state) => {
        const existing = state.keys[newKeyId];
        return existing?.rotatedFrom === keyId
          ? issuedKeyResponse(principalId, existing, undefined, state.keys[keyId])
          : undefined;
      },
    );
    if (result.replayed) return { body: result.answer, replayed: true };
    const issued = result.principal.keys[newKeyId];
    if (!issued) throw new Error('rotation produced no key');
    return {
      body: issuedKeyResponse(principalId, issued, key.secret, result.principal.keys[keyId]),
      replayed: false,
    };
  }
}
