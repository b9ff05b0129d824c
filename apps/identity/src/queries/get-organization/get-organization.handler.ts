import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@warden/platform';
import type { OrganizationResponse } from '../../http/responses';
import { IdentityProjections } from '../../read-model/identity-projections';

@Injectable()
export class GetOrganizationHandler {
  constructor(private readonly projections: IdentityProjections) {}

  async execute(organizationId: string): Promise<OrganizationResponse> {
    await this.projections.catchUp();
    const org = this.projections.readModel.organization(organizationId);
    if (!org) throw new NotFoundError('Organization not found.', 'organization_not_found');
    return { id: org.id, name: org.name, createdAt: org.createdAt };
  }
}
