import { CLOUD_PROVIDER_RULES } from './rules/cloud-provider-rules';
import { GENERIC_FORMAT_RULES } from './rules/generic-format-rules';
import { INFRASTRUCTURE_IDENTIFIER_RULES } from './rules/infrastructure-rules';
import { KEYWORD_ASSIGNMENT_RULES, KEYWORD_LAYOUT_RULES } from './rules/keyword-rules';
import { LLM_PROVIDER_RULES } from './rules/llm-provider-rules';
import { MESSAGING_SAAS_RULES } from './rules/messaging-saas-rules';
import { PAYMENT_RULES } from './rules/payment-rules';
import { MANUAL_HINTS, MIN_RUN, REQUIRED_CHARS } from './rules/prefilter-hints';
import type { SecretRule } from './rules/secret-rule';
import { VCS_CI_RULES } from './rules/vcs-ci-rules';

export type { SecretRule } from './rules/secret-rule';
export { literalHints } from './rules/literal-hints';

/** Every rule, in the order the detector runs them (the order decides ties between overlapping findings). */
export const SECRET_RULES: readonly SecretRule[] = [
  ...CLOUD_PROVIDER_RULES,
  ...VCS_CI_RULES,
  ...PAYMENT_RULES,
  ...MESSAGING_SAAS_RULES,
  ...LLM_PROVIDER_RULES,
  ...GENERIC_FORMAT_RULES,
  ...KEYWORD_LAYOUT_RULES,
  ...INFRASTRUCTURE_IDENTIFIER_RULES,
  ...KEYWORD_ASSIGNMENT_RULES,
];

export const SECRET_RULES_WITH_HINTS: readonly SecretRule[] = SECRET_RULES.map((rule) => ({
  ...rule,
  hints: rule.hints ?? MANUAL_HINTS[rule.id],
  minRun: MIN_RUN[rule.id],
  requiredChars: REQUIRED_CHARS[rule.id],
}));
