export interface CreateOrganizationCommand {
  readonly name: string;
}
