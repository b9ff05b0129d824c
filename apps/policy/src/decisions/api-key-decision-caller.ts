import { Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '@warden/platform';
import { bearerToken } from '../auth/bearer-token';
import { PolicyProjection } from '../projection/policy-projection';
import type { DecisionCaller, DecisionCallerAuthenticator } from './decision-caller.port';

/** API keys authenticated locally on the identity events the projection consumes (libs/identity-auth). */
@Injectable()
export class ApiKeyDecisionCaller implements DecisionCallerAuthenticator {
  constructor(private readonly projection: PolicyProjection) {}

  authenticate(authorization: string | undefined, now: Date): DecisionCaller {
    const result = this.projection.auth.authenticate(bearerToken(authorization), now);
    if (!result.ok)
      throw new UnauthenticatedError(`The API key was refused: ${result.reason}.`, `key_${result.reason}`);
    return { principalId: result.principal.principalId, orgId: result.principal.organizationId };
  }
}
