import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@warden/platform';
import { principalFromView } from '../../http/principal-response';
import type { PrincipalResponse } from '../../http/responses';
import { IdentityProjections } from '../../read-model/identity-projections';

@Injectable()
export class GetPrincipalHandler {
  constructor(private readonly projections: IdentityProjections) {}

  async execute(organizationId: string, principalId: string, now: Date): Promise<PrincipalResponse> {
    await this.projections.catchUp();
    const principal = this.projections.readModel.principal(organizationId, principalId);
    if (!principal) throw new NotFoundError('Principal not found.', 'principal_not_found');
    return principalFromView(principal, now, true);
  }
}
