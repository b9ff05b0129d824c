import type { OrganizationCreatedV1 } from '@warden/contracts';
import { event, type IdentityEvent } from '../identity-event';
import { conflict } from '../identity-rejection';

export interface OrganizationState {
  readonly exists: boolean;
  readonly organizationId?: string;
  readonly name?: string;
}

export const initialOrganization: OrganizationState = { exists: false };

export type OrganizationCommand = {
  readonly type: 'CreateOrganization';
  readonly data: OrganizationCreatedV1;
};

export type OrganizationEvent = IdentityEvent<
  'warden.identity.organization.created.v1' | 'warden.identity.organization.renamed.v1'
>;

export function decideOrganization(
  command: OrganizationCommand,
  state: OrganizationState,
): OrganizationEvent[] {
  switch (command.type) {
    case 'CreateOrganization':
      if (state.exists)
        throw conflict('organization_exists', `Organization ${state.organizationId} already exists`);
      return [event('warden.identity.organization.created.v1', command.data)];
  }
}

export function evolveOrganization(state: OrganizationState, e: OrganizationEvent): OrganizationState {
  switch (e.type) {
    case 'warden.identity.organization.created.v1':
      return { exists: true, organizationId: e.data.organizationId, name: e.data.name };
    case 'warden.identity.organization.renamed.v1':
      return { ...state, name: e.data.name };
  }
}
