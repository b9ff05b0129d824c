import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@warden/eventstore';
import { DEFAULT_PROFILE, scan, type GuardrailProfile } from '@warden/detectors';
import { NotFoundError, WARDEN_CONFIG, type WardenConfig } from '@warden/platform';
import { commandEnvelope, newId } from '@warden/event-sourcing';
import { ProfileStream } from '../../application/profile-stream';
import type { RequestContext } from '../../application/request-context';
import { engineProfile } from '../../domain/profile/engine-profile';
import { scanCompleted } from '../../domain/scan/scan-record';
import type { ScanResponse } from '../../http/responses';
import { GUARDRAILS_OPTIONS, type GuardrailsOptions } from '../../guardrails.options';
import type { ScanContentCommand } from './scan-content.command';
import { ScanContentTooLargeError } from './scan-content-too-large.error';

interface ChosenProfile {
  readonly id: string;
  readonly version: number;
  readonly profile: GuardrailProfile;
}

@Injectable()
export class ScanContentHandler {
  constructor(
    private readonly profiles: ProfileStream,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WARDEN_CONFIG) private readonly config: WardenConfig,
    @Inject(GUARDRAILS_OPTIONS) private readonly options: GuardrailsOptions,
  ) {}

  async execute(command: ScanContentCommand, ctx: RequestContext): Promise<ScanResponse> {
    const bytes = Buffer.byteLength(command.content, 'utf8');
    if (bytes > this.options.maxContentBytes)
      throw new ScanContentTooLargeError(bytes, this.options.maxContentBytes);
    const organizationId = ctx.caller.organizationId;
    const chosen = await this.profileFor(organizationId, command.profileId);
    const result = scan(command.direction, command.content, chosen.profile);

    const scanId = newId('scn');
    const recorded = {
      type: 'warden.guardrails.scan.completed.v1',
      data: scanCompleted({
        scanId,
        organizationId,
        principalId: ctx.caller.principalId,
        profileId: chosen.id,
        profileVersion: chosen.version,
        direction: command.direction,
        content: command.content,
        result,
      }),
    };
    await this.store.append(
      scanId,
      [
        commandEnvelope(recorded, {
          source: this.config.serviceName,
          subject: scanId,
          orgId: organizationId,
          ctx,
          causationId: newId('evt'),
        }),
      ],
      'no_stream',
    );
    return {
      action: result.action,
      findings: result.findings.map((f) => ({ type: f.type, start: f.start, end: f.end, score: f.score })),
      ...(result.redacted !== undefined ? { redacted: result.redacted } : {}),
    };
  }

  private async profileFor(organizationId: string, profileId: string | undefined): Promise<ChosenProfile> {
    if (profileId === undefined) return { id: 'default', version: 0, profile: DEFAULT_PROFILE };
    const { state, revision: version } = await this.profiles.load(profileId);
    if (!state.exists || state.organizationId !== organizationId) {
      throw new NotFoundError('Guardrail profile not found.', 'guardrail_profile_not_found');
    }
    return { id: profileId, version, profile: engineProfile(state) };
  }
}
