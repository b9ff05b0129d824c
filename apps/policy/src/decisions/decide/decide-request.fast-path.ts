import { OPERATION_ACTIONS } from '@warden/policy-engine';
import type { DecideRequestDto } from './decide.request.dto';

const ACTIONS: ReadonlySet<string> = new Set(OPERATION_ACTIONS);
const REQUEST_KEYS: ReadonlySet<string> = new Set([
  'resourceId',
  'action',
  'target',
  'arguments',
  'content',
  'context',
]);
const CONTEXT_KEYS: ReadonlySet<string> = new Set(['model', 'tool', 'estimatedCost', 'findings']);
const RESOURCE_ID = /^res_[A-Za-z0-9]+$/;
// class-validator's @Length does not count surrogate pairs and variation selectors; without them, length is .length.
const NOT_COUNTED_BY_LENGTH = /[\uD800-\uDFFF]|\uFE0E|\uFE0F/;

function plainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

function stringOfLength(value: unknown, min: number, max: number): boolean {
  return (
    typeof value === 'string' &&
    value.length >= min &&
    value.length <= max &&
    !NOT_COUNTED_BY_LENGTH.test(value)
  );
}

function onlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key of Object.keys(value)) if (!allowed.has(key) || value[key] === null) return false;
  return true;
}

function validContext(value: unknown): boolean {
  if (!plainObject(value) || !onlyKeys(value, CONTEXT_KEYS)) return false;
  const { model, tool, estimatedCost, findings } = value;
  return (
    (model === undefined || stringOfLength(model, 1, 200)) &&
    (tool === undefined || stringOfLength(tool, 1, 200)) &&
    (estimatedCost === undefined ||
      (typeof estimatedCost === 'number' && Number.isFinite(estimatedCost) && estimatedCost >= 0)) &&
    (findings === undefined ||
      (Array.isArray(findings) && findings.every((f): f is string => typeof f === 'string')))
  );
}

/**
 * The decision route's fast path: true only for bodies that `DecideRequestDto`'s rules certainly accept
 * (the common, well-formed request), checked without class-transformer and class-validator, which cost
 * a large share of the route. Anything else — an error, a `null`, an unusual string — returns false and
 * goes through the platform's validation pipe, so rejections keep their exact messages.
 */
export function certainlyValidDecideRequest(body: unknown): body is DecideRequestDto {
  if (!plainObject(body) || !onlyKeys(body, REQUEST_KEYS)) return false;
  const { resourceId, action, target, arguments: args, content, context } = body;
  return (
    typeof resourceId === 'string' &&
    RESOURCE_ID.test(resourceId) &&
    typeof action === 'string' &&
    ACTIONS.has(action) &&
    stringOfLength(target, 1, 1024) &&
    (args === undefined || plainObject(args)) &&
    (content === undefined || typeof content === 'string') &&
    (context === undefined || validContext(context))
  );
}
