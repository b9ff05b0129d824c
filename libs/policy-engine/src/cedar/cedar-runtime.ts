/**
 * The one place that loads Cedar's WebAssembly build (the Node.js, CommonJS flavour). Everything else
 * imports Cedar's functions and types from here.
 */
export {
  isAuthorized,
  statefulIsAuthorized,
  preparsePolicySet,
  preparseSchema,
  validate,
  checkParseSchema,
  policySetTextToParts,
  policyToJson,
  getCedarVersion,
} from '@cedar-policy/cedar-wasm/nodejs';
export type {
  AuthorizationAnswer,
  AuthorizationCall,
  CedarValueJson,
  DetailedError,
  EntityJson,
  EntityUidJson,
  Expr,
  PolicyJson,
  PrincipalConstraint,
  ResourceConstraint,
  ActionConstraint,
  StatefulAuthorizationCall,
  Context as CedarContext,
} from '@cedar-policy/cedar-wasm/nodejs';
