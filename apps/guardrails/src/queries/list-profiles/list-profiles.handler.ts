import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@warden/platform';
import { profileResponse, type GuardrailProfileResponse, type Page } from '../../http/responses';
import { ProfileProjection } from '../../read-model/profile-projection';
import type { ListProfilesQuery } from './list-profiles.query';

/** Opaque cursor: the creation position of the last item returned. */
function encodeCursor(position: number): string {
  return Buffer.from(`p:${position}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^p:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1])
    throw new ValidationFailedError([{ field: 'cursor', message: 'is not a cursor this API returned' }]);
  return Number(match[1]);
}

@Injectable()
export class ListProfilesHandler {
  constructor(private readonly projection: ProfileProjection) {}

  async execute(query: ListProfilesQuery): Promise<Page<GuardrailProfileResponse>> {
    const after = decodeCursor(query.cursor);
    await this.projection.catchUp();
    const { items, more } = this.projection.list(query.organizationId, after, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((v) => profileResponse(v.profile, v.version)),
      nextCursor: more && last ? encodeCursor(last.position) : null,
    };
  }
}
