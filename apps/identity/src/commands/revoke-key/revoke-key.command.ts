export interface RevokeKeyCommand {
  readonly organizationId: string;
  readonly principalId: string;
  readonly keyId: string;
}
