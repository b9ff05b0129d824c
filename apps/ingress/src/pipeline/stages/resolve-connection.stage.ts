import { deny } from '../denial';
import type { ConnectionDirectory } from '../ports/connection-directory.port';
import type { DecisionStage } from './decision-stage';

export function resolveConnectionStage(directory: ConnectionDirectory): DecisionStage {
  return {
    name: 'resolve_connection',
    run(context) {
      const { request } = context;
      const caller = context.caller;
      if (caller === undefined) return deny('unauthenticated', 'not authenticated');
      if (request.invalid !== undefined) return request.invalid;
      const resolution = directory.resolve(caller, request.action, request.target, request.resourceId);
      if (!resolution.found) {
        if (resolution.reason === 'not_found') return deny('not_found', resolution.message);
        return deny('forbidden', resolution.message, { detailCode: resolution.reason });
      }
      context.resource = resolution.resource;
      if (resolution.connection !== undefined) context.connection = resolution.connection;
      return undefined;
    },
  };
}
