import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { CREDENTIAL_RESOLVER, CredentialResolver, type CallerRequest } from '@warden/identity-auth';
import { ForbiddenError } from '@warden/platform';

/**
 * `POST /v1/scan`: every authenticated principal of an organization (agents and MCP servers included); what it
 * may use is scoped to its own organization by the handler. The bootstrap token belongs to no organization.
 */
@Injectable()
export class ScanCallerGuard implements CanActivate {
  constructor(@Inject(CREDENTIAL_RESOLVER) private readonly credentials: CredentialResolver) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<CallerRequest>();
    const caller = await this.credentials.resolve(request.headers.authorization, new Date());
    if (caller.kind !== 'principal') {
      throw new ForbiddenError(
        'Scanning needs the credential of a principal of an organization.',
        'forbidden',
      );
    }
    request.caller = caller;
    return true;
  }
}
