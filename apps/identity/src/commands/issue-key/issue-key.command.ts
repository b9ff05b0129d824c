export interface IssueKeyCommand {
  readonly organizationId: string;
  readonly principalId: string;
  readonly name?: string;
  readonly expiresAt?: Date;
}
