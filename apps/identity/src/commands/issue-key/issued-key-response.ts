import type { KeyState } from '../../domain/principal/principal.state';
import type { IssuedKeyResponse } from '../../http/responses';

/** The answer of a key creation; the secret only when this very request created the key. */
export function issuedKeyResponse(
  principalId: string,
  key: KeyState,
  secret: string | undefined,
  previous?: KeyState,
): IssuedKeyResponse {
  return {
    id: key.keyId,
    principalId,
    ...(key.name !== undefined ? { name: key.name } : {}),
    ...(secret !== undefined ? { secret } : {}),
    prefix: key.prefix,
    createdAt: key.issuedAt,
    ...(key.expiresAt !== undefined ? { expiresAt: key.expiresAt } : {}),
    ...(key.rotatedFrom !== undefined ? { rotatedFrom: key.rotatedFrom } : {}),
    ...(previous?.graceEndsAt !== undefined
      ? { previousKey: { id: previous.keyId, graceEndsAt: previous.graceEndsAt } }
      : {}),
  };
}
