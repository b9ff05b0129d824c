export interface ListProfilesQuery {
  readonly organizationId: string;
  readonly limit: number;
  readonly cursor?: string;
}
