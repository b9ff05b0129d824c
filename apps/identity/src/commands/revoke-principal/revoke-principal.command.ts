export interface RevokePrincipalCommand {
  readonly organizationId: string;
  readonly principalId: string;
  readonly reason?: string;
}
