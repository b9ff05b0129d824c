import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@warden/platform';
import { ConnectionChange } from '../../application/connection-change';
import { GuardrailProfileLookup } from '../../application/guardrail-profile-lookup';
import type { RequestContext } from '../../application/request-context';
import { assertSpecShape } from '../../application/spec-shape';
import type { ConnectionSpecPatch } from '../../domain/connection/connection.commands';
import { connectionResponse, type ConnectionResponse } from '../../http/responses';

@Injectable()
export class UpdateConnectionHandler {
  constructor(
    private readonly change: ConnectionChange,
    private readonly profiles: GuardrailProfileLookup,
  ) {}

  async execute(
    orgId: string,
    connectionId: string,
    patch: ConnectionSpecPatch,
    ctx: RequestContext,
  ): Promise<ConnectionResponse> {
    const required = (['operations', 'failMode'] as const).filter(
      (field) => (patch as Record<string, unknown>)[field] === null,
    );
    if (required.length > 0) {
      throw new ValidationFailedError(required.map((field) => ({ field, message: 'cannot be removed' })));
    }
    assertSpecShape({ ...patch });
    await this.profiles.awaitNamed(orgId, patch.guardrailProfileId);
    return connectionResponse(
      await this.change.run(orgId, connectionId, ctx, { type: 'UpdateConnection', patch }),
    );
  }
}
