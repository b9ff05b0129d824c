import { Injectable, type PipeTransform } from '@nestjs/common';
import { NotFoundError } from '@warden/platform';

const PROFILE_ID = /^gpr_[A-Za-z0-9]{1,64}$/;

/** A path id that cannot name a profile is simply not found (and never reaches the event store as a stream id). */
@Injectable()
export class ProfileIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!PROFILE_ID.test(value))
      throw new NotFoundError('Guardrail profile not found.', 'guardrail_profile_not_found');
    return value;
  }
}
