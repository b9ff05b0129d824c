export interface ReactivatePrincipalCommand {
  readonly organizationId: string;
  readonly principalId: string;
}
