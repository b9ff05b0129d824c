export interface SuspendPrincipalCommand {
  readonly organizationId: string;
  readonly principalId: string;
  readonly reason?: string;
}
