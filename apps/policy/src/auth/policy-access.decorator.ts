import { SetMetadata } from '@nestjs/common';
import type { PolicyAccess } from './admin-caller';

export const POLICY_ACCESS = 'warden:policy:admin-access';

export const Access = (access: PolicyAccess): MethodDecorator => SetMetadata(POLICY_ACCESS, access);
