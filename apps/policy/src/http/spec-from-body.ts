import type { PolicyConnectionSpecV1 } from '@warden/contracts';
import { CONNECTION_SPEC_FIELDS } from '@warden/policy-engine';
import type { ConnectionSpecPatch } from '../domain/connection/connection.commands';
import type { ConnectionSpecFieldsDto } from './connection-spec.dto';

/** The spec fields the body carries (a DTO instance → a plain object; absent fields stay absent). */
export function patchFromBody(body: ConnectionSpecFieldsDto): ConnectionSpecPatch {
  const patch: Record<string, unknown> = {};
  for (const field of CONNECTION_SPEC_FIELDS) {
    const value: unknown = body[field];
    if (value !== undefined) patch[field] = value;
  }
  return patch;
}

/** For creation: `null` means absent. */
export function specFromBody(
  body: ConnectionSpecFieldsDto,
): Omit<PolicyConnectionSpecV1, 'operations' | 'failMode'> {
  const spec: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(patchFromBody(body))) {
    if (value !== null && field !== 'operations' && field !== 'failMode') spec[field] = value;
  }
  return spec;
}
