import { decider } from '@warden/testing';
import {
  decideOrganization,
  evolveOrganization,
  initialOrganization,
  type OrganizationEvent,
} from './organization';

const spec = decider(decideOrganization, evolveOrganization, initialOrganization);
const created: OrganizationEvent = {
  type: 'warden.identity.organization.created.v1',
  data: { organizationId: 'org_a', name: 'Acme' },
};

describe('organization decisions', () => {
  it('given nothing, when creating an organization, then organization.created', () => {
    spec
      .given([])
      .when({ type: 'CreateOrganization', data: { organizationId: 'org_a', name: 'Acme' } })
      .then([created]);
  });
  it('given an existing organization, when creating it again, then rejected', () => {
    spec
      .given([created])
      .when({ type: 'CreateOrganization', data: { organizationId: 'org_a', name: 'Acme' } })
      .thenRejects('organization_exists');
  });
  it('given a created then renamed organization, then its state has the new name', () => {
    spec
      .given([
        created,
        {
          type: 'warden.identity.organization.renamed.v1',
          data: { organizationId: 'org_a', name: 'Acme 2' },
        },
      ])
      .thenState((s) => expect(s).toEqual({ exists: true, organizationId: 'org_a', name: 'Acme 2' }));
  });
});
