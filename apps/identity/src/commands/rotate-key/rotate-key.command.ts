export interface RotateKeyCommand {
  readonly organizationId: string;
  readonly principalId: string;
  readonly keyId: string;
  readonly gracePeriodSeconds: number;
}
