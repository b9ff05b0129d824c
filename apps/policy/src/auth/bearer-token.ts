import { UnauthenticatedError } from '@warden/platform';

export function bearerToken(authorization: string | undefined): string {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!token)
    throw new UnauthenticatedError('An Authorization: Bearer credential is required.', 'unauthenticated');
  return token;
}
