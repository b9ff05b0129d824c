import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@warden/platform';
import { principalFromView } from '../../http/principal-response';
import type { Page, PrincipalResponse } from '../../http/responses';
import { IdentityProjections } from '../../read-model/identity-projections';
import type { ListPrincipalsQuery } from './list-principals.query';

/** Opaque cursor: the registration position of the last item returned. */
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
export class ListPrincipalsHandler {
  constructor(private readonly projections: IdentityProjections) {}

  async execute(query: ListPrincipalsQuery, now: Date): Promise<Page<PrincipalResponse>> {
    const after = decodeCursor(query.cursor);
    await this.projections.catchUp();
    const filter = {
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.status ? { status: query.status } : {}),
    };
    const { items, more } = this.projections.readModel.listPrincipals(
      query.organizationId,
      filter,
      after,
      query.limit,
    );
    const last = items[items.length - 1];
    return {
      items: items.map((p) => principalFromView(p, now, false)),
      nextCursor: more && last ? encodeCursor(last.position) : null,
    };
  }
}
