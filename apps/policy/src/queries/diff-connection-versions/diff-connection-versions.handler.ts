import { Injectable } from '@nestjs/common';
import { diffConnectionSpecs, type FieldChange } from '@warden/policy-engine';
import { NotFoundError } from '@warden/platform';
import { PolicyStreams } from '../../application/streams';
import { versionOf } from '../../domain/connection/connection.state';

export interface ConnectionDiffResponse {
  readonly from: number;
  readonly to: number;
  readonly changes: readonly FieldChange[];
  readonly statusBefore: 'active' | 'revoked';
  readonly statusAfter: 'active' | 'revoked';
}

@Injectable()
export class DiffConnectionVersionsHandler {
  constructor(private readonly streams: PolicyStreams) {}

  async execute(
    orgId: string,
    connectionId: string,
    from: number,
    to: number,
  ): Promise<ConnectionDiffResponse> {
    const { state } = await this.streams.connection(orgId, connectionId);
    const before = versionOf(state, from);
    const after = versionOf(state, to);
    if (before === undefined || after === undefined) {
      throw new NotFoundError(`The connection has versions 1 to ${state.version}.`, 'version_not_found');
    }
    return {
      from,
      to,
      changes: diffConnectionSpecs(before.spec, after.spec),
      statusBefore: before.status,
      statusAfter: after.status,
    };
  }
}
