import { B, E, r, type SecretRule } from './secret-rule';

/** LLM providers. */
export const LLM_PROVIDER_RULES: readonly SecretRule[] = [
  r('anthropic_key', `${B}(sk-ant-(?:api|admin|sid)\\d{2}-[A-Za-z0-9_-]{80,})`, 0.98, 1),
  r(
    'openai_key',
    `${B}(sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,})${E}`,
    0.98,
    1,
  ),
  r('openai_key_modern', `${B}(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,})${E}`, 0.95, 1),
  r('openai_key_legacy', `${B}(sk-[A-Za-z0-9]{48})${E}`, 0.9, 1),
  r('huggingface_token', `${B}((?:hf_|api_org_)[A-Za-z]{34})${E}`, 0.95, 1),
  r('groq_key', `${B}(gsk_[A-Za-z0-9]{52})${E}`, 0.95, 1),
  r('tavily_key', `${B}(tvly-(?:dev-|prod-)?[A-Za-z0-9]{32})${E}`, 0.95, 1),
  r('firecrawl_key', `${B}(fc-[a-f0-9]{32})${E}`, 0.9, 1),
  r(
    'cohere_key',
    `(?<![A-Za-z])(?i:cohere|co_api)[\\w.-]{0,20}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([A-Za-z0-9]{40})${E}`,
    0.85,
    1,
    3.5,
  ),
  r('replicate_token', `${B}(r8_[A-Za-z0-9]{37})${E}`, 0.95, 1),
  r('perplexity_key', `${B}(pplx-[A-Za-z0-9]{48})${E}`, 0.95, 1),
];
