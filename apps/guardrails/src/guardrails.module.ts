import { Module } from '@nestjs/common';
import { AdminAuthModule } from '@warden/identity-auth';
import { eventSourcedRunnerProvider } from '@warden/event-sourcing';
import { ProfileStream } from './application/profile-stream';
import { ScanCallerGuard } from './auth/scan-caller.guard';
import { CreateProfileController } from './commands/create-profile/create-profile.controller';
import { CreateProfileHandler } from './commands/create-profile/create-profile.handler';
import { ScanContentController } from './commands/scan-content/scan-content.controller';
import { ScanContentHandler } from './commands/scan-content/scan-content.handler';
import { UpdateProfileController } from './commands/update-profile/update-profile.controller';
import { UpdateProfileHandler } from './commands/update-profile/update-profile.handler';
import { DEFAULT_GUARDRAILS_OPTIONS, GUARDRAILS_OPTIONS } from './guardrails.options';
import { GetProfileController } from './queries/get-profile/get-profile.controller';
import { GetProfileHandler } from './queries/get-profile/get-profile.handler';
import { ListProfilesController } from './queries/list-profiles/list-profiles.controller';
import { ListProfilesHandler } from './queries/list-profiles/list-profiles.handler';
import { ProfileProjection } from './read-model/profile-projection';

/**
 * The guardrails service: guardrail profiles per organization and the scan API around the detector engine.
 * Mounted as-is in standalone and distributed mode; EVENT_STORE, BUS and WARDEN_CONFIG come from the global
 * infrastructure and platform modules, authentication from the bus-fed AdminAuthModule.
 */
@Module({
  imports: [AdminAuthModule.forService()],
  controllers: [
    CreateProfileController,
    ListProfilesController,
    GetProfileController,
    UpdateProfileController,
    ScanContentController,
  ],
  providers: [
    { provide: GUARDRAILS_OPTIONS, useValue: DEFAULT_GUARDRAILS_OPTIONS },
    eventSourcedRunnerProvider(),
    ProfileStream,
    ProfileProjection,
    ScanCallerGuard,
    CreateProfileHandler,
    UpdateProfileHandler,
    GetProfileHandler,
    ListProfilesHandler,
    ScanContentHandler,
  ],
})
export class GuardrailsModule {}
