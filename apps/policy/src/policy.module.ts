import { BUS, type Bus } from '@warden/bus';
import { WARDEN_CONFIG, type WardenConfig } from '@warden/platform';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ConnectionChange } from './application/connection-change';
import { eventSourcedRunnerProvider } from '@warden/event-sourcing';
import { GuardrailProfileLookup } from './application/guardrail-profile-lookup';
import { toHttpError } from './application/to-http-error';
import { PolicyStreams } from './application/streams';
import { ADMIN_AUTHORIZER } from './auth/admin-authorizer.port';
import { CredentialAdminAuthorizer } from './auth/credential-admin-authorizer';
import { PolicyAdminGuard } from './auth/policy-admin.guard';
import { CreateConnectionController } from './commands/create-connection/create-connection.controller';
import { CreateConnectionHandler } from './commands/create-connection/create-connection.handler';
import { PublishPolicySetController } from './commands/publish-policy-set/publish-policy-set.controller';
import { PublishPolicySetHandler } from './commands/publish-policy-set/publish-policy-set.handler';
import { RegisterResourceController } from './commands/register-resource/register-resource.controller';
import { RegisterResourceHandler } from './commands/register-resource/register-resource.handler';
import { RevokeConnectionController } from './commands/revoke-connection/revoke-connection.controller';
import { RevokeConnectionHandler } from './commands/revoke-connection/revoke-connection.handler';
import { RollbackConnectionController } from './commands/rollback-connection/rollback-connection.controller';
import { RollbackConnectionHandler } from './commands/rollback-connection/rollback-connection.handler';
import { UpdateConnectionController } from './commands/update-connection/update-connection.controller';
import { UpdateConnectionHandler } from './commands/update-connection/update-connection.handler';
import { ApiKeyDecisionCaller } from './decisions/api-key-decision-caller';
import { DecideController } from './decisions/decide/decide.controller';
import { DecideHandler } from './decisions/decide/decide.handler';
import { DecisionRecorder } from './decisions/decision-recorder';
import { DECISION_CALLER_AUTHENTICATOR } from './decisions/decision-caller.port';
import { DecisionEngineHolder } from './decisions/decision-engine.provider';
import { SimulatePolicySetController } from './decisions/simulate-policy-set/simulate-policy-set.controller';
import { SimulatePolicySetHandler } from './decisions/simulate-policy-set/simulate-policy-set.handler';
import { DEFAULT_POLICY_OPTIONS, POLICY_OPTIONS, type PolicyOptions } from './policy.options';
import { PolicyProjection } from './projection/policy-projection';
import { DiffConnectionVersionsController } from './queries/diff-connection-versions/diff-connection-versions.controller';
import { DiffConnectionVersionsHandler } from './queries/diff-connection-versions/diff-connection-versions.handler';
import { GetConnectionController } from './queries/get-connection/get-connection.controller';
import { ListConnectionVersionsController } from './queries/list-connection-versions/list-connection-versions.controller';
import { ListConnectionVersionsHandler } from './queries/list-connection-versions/list-connection-versions.handler';
import { ListPolicyVersionsController } from './queries/list-policy-versions/list-policy-versions.controller';
import { ListPolicyVersionsHandler } from './queries/list-policy-versions/list-policy-versions.handler';
import { CompositeSecretStore } from './secrets/composite-secret-store';
import { EnvSecretStore } from './secrets/env-secret-store';
import { FileSecretStore } from './secrets/file-secret-store';
import { SECRET_STORE } from './secrets/secret-store.port';

const controllers = [
  RegisterResourceController,
  CreateConnectionController,
  // Before the `:id` routes' siblings so `/versions`, `/diff`, `/rollback` are matched as written.
  ListConnectionVersionsController,
  DiffConnectionVersionsController,
  RollbackConnectionController,
  GetConnectionController,
  UpdateConnectionController,
  RevokeConnectionController,
  ListPolicyVersionsController,
  SimulatePolicySetController,
  PublishPolicySetController,
  DecideController,
];

function providers(options: PolicyOptions): Provider[] {
  return [
    { provide: POLICY_OPTIONS, useValue: options },
    {
      provide: SECRET_STORE,
      useValue: new CompositeSecretStore([new EnvSecretStore(), new FileSecretStore()]),
    },
    // Ports the lead may rebind to shared implementations (admin guard, ingress authentication).
    { provide: ADMIN_AUTHORIZER, useExisting: CredentialAdminAuthorizer },
    { provide: DECISION_CALLER_AUTHENTICATOR, useExisting: ApiKeyDecisionCaller },
    CredentialAdminAuthorizer,
    ApiKeyDecisionCaller,
    eventSourcedRunnerProvider(toHttpError),
    PolicyStreams,
    ConnectionChange,
    GuardrailProfileLookup,
    PolicyProjection,
    PolicyAdminGuard,
    DecisionEngineHolder,
    RegisterResourceHandler,
    CreateConnectionHandler,
    UpdateConnectionHandler,
    RollbackConnectionHandler,
    RevokeConnectionHandler,
    PublishPolicySetHandler,
    ListPolicyVersionsHandler,
    ListConnectionVersionsHandler,
    DiffConnectionVersionsHandler,
    DecideHandler,
    {
      provide: DecisionRecorder,
      inject: [BUS, WARDEN_CONFIG],
      useFactory: (bus: Bus, config: WardenConfig) =>
        new DecisionRecorder(bus, `warden.${config.serviceName}`),
    },
    SimulatePolicySetHandler,
  ];
}

/**
 * The policy service: resources, versioned connections, Cedar policy sets, the decision API on a projection fed
 * from the bus, and simulation. Mounted as-is in standalone and distributed mode; EVENT_STORE, BUS and
 * WARDEN_CONFIG come from the global infrastructure and platform modules.
 */
@Module({ controllers, providers: providers(DEFAULT_POLICY_OPTIONS) })
export class PolicyModule {
  /** The same module with other tunables (tests shorten the staleness bound and heartbeat). */
  static withOptions(options: Partial<PolicyOptions>): DynamicModule {
    return {
      module: PolicyModuleWithOptions,
      controllers,
      providers: providers({ ...DEFAULT_POLICY_OPTIONS, ...options }),
    };
  }

  /**
   * For a process where the ingress serves `POST /v1/decisions` (standalone): API.md places the decision API
   * at the ingress, which runs the whole pipeline (and records) around the same engine.
   */
  static withoutDecisionApi(): DynamicModule {
    return {
      module: PolicyModuleWithoutDecisionApi,
      controllers: controllers.filter((controller) => controller !== DecideController),
      providers: providers(DEFAULT_POLICY_OPTIONS),
    };
  }
}

@Module({})
class PolicyModuleWithOptions {}

@Module({})
class PolicyModuleWithoutDecisionApi {}
