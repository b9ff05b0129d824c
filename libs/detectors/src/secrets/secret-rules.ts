import { expandCaseInsensitiveGroups } from './case-insensitive-groups';

/** A provider/format rule: `group` (when set) is the capture holding the secret value. */
export interface SecretRule {
  readonly id: string;
  readonly pattern: RegExp;
  readonly group?: number;
  /** Minimum entropy of the value (bits/char) when the format alone is weak. */
  readonly minEntropy?: number;
  readonly score: number;
  /** Lowercase literals of which at least one must occur in the text for the rule to run. */
  readonly hints?: readonly string[];
  /** The rule runs only when the text has a run of token characters (`[\w.+/=~-]`) this long. */
  readonly minRun?: number;
}

/**
 * Literal prefixes of a rule (after lookbehinds and group openers), used as a cheap prefilter.
 * Returns undefined when the pattern does not start with literals of 3+ characters.
 */
export function literalHints(src: string): string[] | undefined {
  const s = src.replace(/^(?:\(\?<![^()]*\))+/, '');
  if (!s.startsWith('(')) {
    const m = /^(?:[A-Za-z0-9_~ :=/-]|\\[.$|/-])+/.exec(s);
    if (m === null) return undefined;
    let lit = m[0].replace(/\\(.)/g, '$1');
    if (/^[?*{]/.test(s.slice(m[0].length))) lit = lit.slice(0, -1);
    return lit.length >= 3 ? [lit.toLowerCase()] : undefined;
  }
  if (s.startsWith('(?=') || s.startsWith('(?!')) return undefined;
  const open = s.startsWith('(?i:') ? 4 : s.startsWith('(?:') ? 3 : 1;
  const alts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = open;
  let close = -1;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) {
        alts.push(s.slice(start, i));
        close = i;
        break;
      }
    } else if (ch === '|' && depth === 1) {
      alts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  if (close < 0 || /^[?*{]/.test(s.slice(close + 1))) return undefined;
  const hints: string[] = [];
  for (const alt of alts) {
    const h = literalHints(alt);
    if (h === undefined) return undefined;
    hints.push(...h);
  }
  return hints;
}

const B = '(?<![A-Za-z0-9_.-])';
const E = '(?![A-Za-z0-9_-])';
const r = (id: string, src: string, score = 0.95, group?: number, minEntropy?: number): SecretRule => ({
  id,
  pattern: new RegExp(expandCaseInsensitiveGroups(src), 'g'),
  group,
  score,
  minEntropy,
  hints: literalHints(src),
});

/** Keyword prefix: a credential word, then an assignment, then an optional quote. */
const KW = (words: string): string =>
  `(?<![A-Za-z])(?:${words})(?![a-z])[\\w.-]{0,20}["']?[ \\t]*(?:[:?]{0,3}=>?|[ \\t](?=["'\`]))[ \\t]*["'\`]?`;

export const SECRET_RULES: readonly SecretRule[] = [
  // cloud
  r('aws_access_key_id', `${B}((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})${E}`, 0.95, 1),
  r(
    'aws_secret_access_key',
    `(?<![A-Za-z])(?i:aws|secret)[\\w.-]{0,30}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])`,
    0.9,
    1,
    3.5,
  ),
  r(
    'aws_session_token',
    `(?<![A-Za-z])(?i:aws_session_token|x-amz-security-token)["']?\\s*[:=]\\s*["']?([A-Za-z0-9/+=]{100,})`,
    0.9,
    1,
  ),
  r('gcp_api_key', `${B}(AIza[0-9A-Za-z_-]{35})${E}`, 0.9, 1),
  r('gcp_oauth_secret', `${B}(GOCSPX-[A-Za-z0-9_-]{28})${E}`, 0.95, 1),
  r('gcp_oauth_token', `${B}(ya29\\.[A-Za-z0-9_-]{30,})`, 0.9, 1),
  r('gcp_service_account', `"type"\\s*:\\s*"service_account"`, 0.85),
  r(
    'azure_storage_key',
    `(?<![A-Za-z])(?i:AccountKey|SharedAccessKey)\\s*=\\s*([A-Za-z0-9+/]{40,}={0,2})`,
    0.95,
    1,
  ),
  r('azure_client_secret', `${B}([A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34})${E}`, 0.9, 1),
  r('azure_sas', `[?&]sig=[A-Za-z0-9%+/]{30,}={0,2}`, 0.8),
  r('digitalocean_token', `${B}(do[opr]_v1_[a-f0-9]{64})${E}`, 0.95, 1),
  r('databricks_token', `${B}(dapi[a-f0-9]{32}(?:-\\d)?)${E}`, 0.9, 1),
  r('alibaba_key', `${B}(LTAI[A-Za-z0-9]{12,20})${E}`, 0.85, 1),
  r(
    'heroku_key',
    `(?<![A-Za-z])(?i:heroku)[\\w.-]{0,20}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`,
    0.85,
    1,
  ),
  r(
    'flyio_token',
    `${B}((?:fo1_[\\w-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3}|FlyV1 fm\\d[a-z]?_[\\w+/=,-]{20,}))`,
    0.9,
    1,
  ),
  r('scalingo_token', `${B}(tk-us-[\\w-]{48})${E}`, 0.9, 1),
  r('openshift_token', `${B}(sha256~[\\w-]{43})${E}`, 0.9, 1),
  r(
    'kubernetes_secret',
    `(?<![A-Za-z])(?i:kind:\\s*secret)[\\s\\S]{0,200}?(?:data|stringData):\\s*\\n\\s+[\\w.-]+:\\s*([A-Za-z0-9+/=]{8,})`,
    0.8,
    1,
  ),
  // VCS and CI
  r('github_token', `${B}((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255})${E}`, 0.97, 1),
  r('github_fine_grained_pat', `${B}(github_pat_[A-Za-z0-9_]{22,255})${E}`, 0.97, 1),
  r(
    'github_client_secret',
    `(?<![A-Za-z])(?i:github|gh)[\\w.-]{0,20}(?i:secret)["']?\\s*[:=]\\s*["']?([a-f0-9]{40})${E}`,
    0.85,
    1,
  ),
  r(
    'gitlab_token',
    `${B}((?:glpat|gldt|glft|glsoat|glrt|glcbt)-[A-Za-z0-9_-]{20,50}|glimt-[A-Za-z0-9_-]{25}|glptt-[0-9a-f]{40}|glagent-[A-Za-z0-9_-]{50,}|gloas-[A-Za-z0-9_-]{64}|glrt-t\\d_[A-Za-z0-9_-]{27,300}\\.[0-9a-z]{2}[0-9a-z]{7})${E}`,
    0.95,
    1,
    3.0,
  ),
  r('gitlab_runner_registration', `${B}(GR1348941[\\w-]{20,50})${E}`, 0.95, 1, 3.0),
  r(
    'bitbucket_secret',
    `(?<![A-Za-z])(?i:bitbucket)[\\w.-]{0,20}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([A-Za-z0-9_=-]{32,64})`,
    0.8,
    1,
    3.5,
  ),
  r('atlassian_token', `${B}(ATATT3[A-Za-z0-9_=-]{150,})`, 0.95, 1),
  r(
    'atlassian_api_token',
    `(?<![A-Za-z])(?i:atlassian|confluence|jira)[\\w.-]{0,20}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([A-Za-z0-9]{24})${E}`,
    0.8,
    1,
    3.5,
  ),
  r('npm_token', `${B}(npm_[A-Za-z0-9]{36})${E}`, 0.95, 1),
  r('npmrc_auth', `_authToken\\s*=\\s*([A-Za-z0-9_-]{20,}|[0-9a-f-]{36})`, 0.9, 1),
  // macaroon: "pypi-" + base64 of the issuer (pypi.org or test.pypi.org) + a long body
  r('pypi_token', `${B}(pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{70,})`, 0.97, 1),
  r('rubygems_key', `${B}(rubygems_[a-f0-9]{48})${E}`, 0.95, 1),
  r('nuget_key', `${B}(oy2[a-z0-9]{43})${E}`, 0.9, 1),
  r('dockerhub_pat', `${B}(dckr_pat_[A-Za-z0-9_-]{27})${E}`, 0.95, 1),
  r('sonar_token', `${B}((?:sq[pua]_[a-f0-9]{40}))${E}`, 0.95, 1),
  r(
    'sonar_legacy',
    `(?<![A-Za-z])(?i:sonar)[\\w.-]{0,30}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?((?:sq[pua]_)?[A-Za-z0-9]{40})${E}`,
    0.85,
    1,
  ),
  r(
    'snyk_token',
    `(?<![A-Za-z])(?i:snyk)[\\w.-]{0,30}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})`,
    0.9,
    1,
  ),
  r(
    'sourcegraph_token',
    `${B}((?:sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40})|sgs_[a-fA-F0-9]{40}|sgph_[a-fA-F0-9]{16}_[a-fA-F0-9]{40})${E}`,
    0.95,
    1,
    3.2,
  ),
  r(
    'sourcegraph_legacy',
    `(?<![A-Za-z])(?i:sourcegraph|src[_-]?(?:access[_-]?)?token)[\\w.-]{0,20}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([a-fA-F0-9]{40})${E}`,
    0.8,
    1,
  ),
  r('artifactory_key', `${B}(AKC[a-zA-Z0-9]{69,})${E}`, 0.9, 1),
  r('artifactory_password', `${B}(AP[0-9ABCDEF][a-zA-Z0-9]{8,})${E}`, 0.6, 1, 3.3),
  r(
    'jenkins_token',
    `(?<![A-Za-z])(?i:jenkins)[\\w.-]{0,30}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([0-9a-f]{32,34})${E}`,
    0.85,
    1,
  ),
  r(
    'codeclimate_token',
    `(?<![A-Za-z])(?i:codeclima)[\\w.-]{0,30}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([a-f0-9]{40,64})${E}`,
    0.85,
    1,
  ),
  r('terraform_cloud_token', `${B}([A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70})${E}`, 0.95, 1),
  r('vault_token', `${B}((?:hvs|hvb|hvr)\\.[A-Za-z0-9_-]{24,})`, 0.9, 1),
  r(
    'doppler_token',
    `${B}(dp\\.(?:pt|st|sa|ct|scim|audit)\\.(?:[a-z0-9_-]{1,20}\\.)?[A-Za-z0-9]{40,44})${E}`,
    0.95,
    1,
  ),
  r('sentry_token', `${B}((?:sntrys_eyJ[A-Za-z0-9+/=_-]{50,})|(?:sntryu_[a-f0-9]{64}))`, 0.95, 1),
  r('dtrack_key', `${B}(odt_[A-Za-z0-9]{32,})${E}`, 0.9, 1),
  r(
    'grafana_token',
    `${B}((?:glc_[A-Za-z0-9+/]{32,}={0,2})|(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})|(?:eyJrIjoi[A-Za-z0-9]{60,100}={0,2}))`,
    0.95,
    1,
  ),
  r('dynatrace_token', `${B}(dt0[a-z]\\d{2}\\.[A-Z0-9]{24}\\.[A-Z0-9]{64})${E}`, 0.95, 1),
  r('newrelic_key', `${B}((?:NRAK|NRJS|NRII|NRRA|NRAA|NRSP|NRIQ)-[A-Za-z0-9_-]{19,32})${E}`, 0.9, 1),
  r(
    'newrelic_license',
    `(?<![A-Za-z])(?i:newrelic|new_relic|nr_)[\\w.-]{0,30}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([a-f0-9]{40}|[A-Za-z0-9]{36}NRAL)${E}`,
    0.85,
    1,
  ),
  r('postman_key', `${B}(PMAK-[a-f0-9]{24}-[a-f0-9]{34})${E}`, 0.95, 1),
  r(
    'onepassword_secret_key',
    `${B}(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})${E}`,
    0.95,
    1,
  ),
  r('onepassword_service_token', `${B}(ops_eyJ[A-Za-z0-9+/]{250,}={0,3})`, 0.95, 1),
  r(
    'okta_token',
    `(?<![A-Za-z])(?i:okta)[\\w.-]{0,30}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?(00[A-Za-z0-9_-]{40})${E}`,
    0.9,
    1,
  ),
  r('linear_key', `${B}(lin_api_[A-Za-z0-9]{40})${E}`, 0.95, 1),
  r('notion_token', `${B}((?:ntn_\\d{11}[A-Za-z0-9]{32,35})|(?:secret_[A-Za-z0-9]{43}))${E}`, 0.9, 1),
  r('figma_token', `${B}(figd_[A-Za-z0-9_-]{40})${E}`, 0.95, 1),
  r('infracost_token', `${B}(ico-[A-Za-z0-9]{32})${E}`, 0.95, 1),
  r('intra42_secret', `${B}(s-s4t2(?:ud|af)-[a-f0-9]{64})${E}`, 0.95, 1),
  r('age_secret_key', `${B}(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})${E}`, 0.97, 1),
  r(
    'thingsboard_token',
    `(?<![A-Za-z])(?i:thingsboard|accessToken|tb_)[\\w.-]{0,20}["']?\\s*[:=/]\\s*["']?([A-Za-z0-9]{20})${E}`,
    0.8,
    1,
    3.3,
  ),
  r('truenas_key', `${B}(\\d+-[A-Za-z0-9]{64})${E}`, 0.8, 1, 4.0),
  // payment and commerce
  r('stripe_key', `${B}((?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,99})${E}`, 0.95, 1),
  r(
    'square_token',
    `${B}((?:sq0(?:atp|csp|idp)-[A-Za-z0-9_-]{22,43})|(?:EAAA[A-Za-z0-9_-]{60}))${E}`,
    0.95,
    1,
  ),
  r('shopify_token', `${B}(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})${E}`, 0.95, 1),
  r(
    'shopify_domain_token',
    `(?<![A-Za-z])(?i:shopify)[\\w.-]{0,30}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([a-f0-9]{32})${E}`,
    0.85,
    1,
  ),
  r('paypal_braintree', `${B}(access_token\\$production\\$[a-z0-9]{16}\\$[a-f0-9]{32})`, 0.95, 1),
  // messaging and SaaS
  r('slack_token', `${B}(xox[abposrce]-(?:\\d{6,}-)+[A-Za-z0-9-]{6,})${E}`, 0.95, 1, 2.5),
  r('slack_config_token', `${B}(xoxe(?:\\.xox[bp])?-\\d-[A-Z0-9]{146,166})${E}`, 0.95, 1),
  r('slack_app_token', `${B}(xapp-\\d-[A-Z0-9]+-\\d+-[a-z0-9]+)${E}`, 0.95, 1),
  r(
    'slack_webhook',
    `(https?://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,})`,
    0.95,
    1,
  ),
  r('discord_token', `${B}([A-Z][A-Za-z\\d_-]{23,25}\\.[A-Za-z\\d_-]{6}\\.[A-Za-z\\d_-]{27,38})${E}`, 0.9, 1),
  r(
    'discord_webhook',
    `(https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/\\d+/[A-Za-z0-9_-]{60,})`,
    0.95,
    1,
  ),
  r(
    'discord_secret',
    `(?<![A-Za-z])(?i:discord)[\\w.-]{0,20}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([a-f0-9]{64}|\\d{17,19}|[A-Za-z0-9=_-]{32})${E}`,
    0.85,
    1,
  ),
  r('telegram_bot_token', `${B}(\\d{8,10}:AA[A-Za-z0-9_-]{30,33})${E}`, 0.95, 1),
  r('twilio_key', `${B}((?:SK|AC)[0-9a-fA-F]{32})${E}`, 0.85, 1),
  r('sendgrid_key', `${B}(SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})${E}`, 0.97, 1),
  r('mailgun_key', `${B}(key-[0-9a-f]{32})${E}`, 0.9, 1),
  r('mailchimp_key', `${B}([0-9a-f]{32}-us\\d{1,2})${E}`, 0.9, 1),
  r(
    'postmark_token',
    `(?<![A-Za-z])(?i:postmark|x-postmark-server-token)[\\w.-]{0,20}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`,
    0.9,
    1,
  ),
  r(
    'sumologic_key',
    `(?<![A-Za-z])(?i:sumo(?:logic)?)(?![A-Za-z])[\\w.-]{0,30}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?((?:su[A-Za-z0-9]{12})|[A-Za-z0-9]{64})${E}`,
    0.85,
    1,
    3.0,
  ),
  r('facebook_token', `${B}(EAA[MC][A-Za-z0-9]{80,})`, 0.9, 1),
  r(
    'facebook_secret',
    `(?<![A-Za-z])(?i:facebook|fb)[\\w.-]{0,30}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([a-f0-9]{32})${E}`,
    0.85,
    1,
  ),
  r('twitter_bearer', `${B}(A{22}[A-Za-z0-9%]{80,})`, 0.9, 1),
  r(
    'twitter_secret',
    `(?<![A-Za-z])(?i:twitter)[\\w.-]{0,30}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([A-Za-z0-9]{35,50})${E}`,
    0.85,
    1,
    3.5,
  ),
  r(
    'linkedin_secret',
    `(?<![A-Za-z])(?i:linkedin)[\\w.-]{0,30}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([A-Za-z0-9]{14,16})${E}`,
    0.8,
    1,
    3.2,
  ),
  r(
    'twitch_token',
    `(?<![A-Za-z])(?i:twitch)[\\w.-]{0,30}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([a-z0-9]{30})${E}`,
    0.85,
    1,
    3.2,
  ),
  r('mapbox_secret', `${B}((?:sk|tk)\\.eyJ[A-Za-z0-9_-]{50,}\\.[A-Za-z0-9_-]{20,})`, 0.95, 1),
  r(
    'particle_token',
    `(?<![A-Za-z])(?i:particle)[\\w.-]{0,30}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([a-f0-9]{40})${E}`,
    0.85,
    1,
  ),
  r('salesforce_token', `${B}(00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{80,})`, 0.9, 1),
  r('stackhawk_key', `${B}(hawk\\.[A-Za-z0-9_-]{20}\\.[A-Za-z0-9_-]{20})${E}`, 0.95, 1),
  r(
    'blynk_token',
    `(?<![A-Za-z])(?i:blynk|auth)[\\w.-]{0,30}["']?\\s*[:=,(]\\s*["']?([A-Za-z0-9_-]{32})${E}`,
    0.8,
    1,
    3.5,
  ),
  r('nasa_key', `(?<![A-Za-z])(?i:api\\.nasa\\.gov\\S*api_key=)([A-Za-z0-9]{40})`, 0.9, 1),
  r('kagi_token', `${B}([A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})${E}`, 0.7, 1, 4.0),
  // LLM providers
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
  // generic formats
  r('jwt', `${B}(eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}(?:\\.[A-Za-z0-9_-]{10,})?)`, 0.9, 1),
  r(
    'private_key_any',
    `(-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----\\s*[^\\s][\\s\\S]{19,4000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)`,
    0.9,
    1,
  ),
  r(
    'private_key',
    `(-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----\\s*(?:[A-Za-z0-9-]+:[^\\n]*\\n)*\\s*[A-Za-z0-9+/=\\s\\\\]{40,}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)`,
    0.98,
    1,
  ),
  r(
    'private_key_header',
    `(-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----\\s*(?:[A-Za-z0-9-]+:[^\\n]*\\n)*\\s*[A-Za-z0-9+/]{40,})`,
    0.9,
    1,
  ),
  r('putty_private_key', `(PuTTY-User-Key-File-\\d: [\\s\\S]{0,400}?Private-Lines: \\d+)`, 0.9, 1),
  r(
    'wireguard_private_key',
    `(?<![A-Za-z])(?i:PrivateKey|PresharedKey)\\s*=\\s*([A-Za-z0-9+/]{43}=)`,
    0.95,
    1,
  ),
  r(
    'connection_string_url',
    `((?:mongodb(?:\\+srv)?|postgres(?:ql)?|mysql|mariadb|redis|rediss|amqps?|mssql|sqlserver|jdbc:[a-z]+|ldaps?|ftp|sftp|smtp|couchdb|neo4j|clickhouse|cockroachdb|snowflake)://[^\\s:/@"'\`]+:([^\\s@/"'\`]{3,})@[^\\s"'\`]+)`,
    0.9,
    2,
  ),
  r('url_credentials', `(https?://[^\\s:/@"'\`]+:([^\\s@/"'\`]{6,})@[A-Za-z0-9.-]+)`, 0.8, 2),
  r(
    'odbc_password',
    `(?<=[;"'])[ \\t]*(?i:(?:pwd|password)[ \\t]*=[ \\t]*)([^;\\s"']{4,})(?=;|"|'|\\s|$)`,
    0.8,
    1,
  ),
  r(
    'basic_auth_header',
    `(?<![A-Za-z])(?i:authorization["']?\\s*[:=]\\s*["']?basic\\s+)([A-Za-z0-9+/]{12,}={0,2})`,
    0.9,
    1,
  ),
  r('bearer_header', `(?<![A-Za-z])(?i:bearer\\s+)([A-Za-z0-9._~+/-]{20,}={0,2})`, 0.85, 1, 3.0),
  // an explicit Authorization header is evidence enough for a short RFC 6750 token
  r(
    'authorization_bearer',
    `(?<![A-Za-z])(?i:authorization["']?\\s*[:=]\\s*["']?bearer\\s+)([A-Za-z0-9._~+/-]{8,}={0,2})`,
    0.85,
    1,
    3.0,
  ),
  r('curl_user', `curl\\b[\\s\\S]{0,200}?\\s(?:-u|--user)\\s+["']?([^\\s:"']*:([^\\s"']{3,}))`, 0.85, 2, 2.5),
  r(
    'curl_header_key',
    `curl\\b[\\s\\S]{0,200}?\\s(?:-H|--header)\\s+["'](?i:[\\w-]*(?:api-?key|token|secret|auth)[\\w-]*)\\s*:\\s*(?!Bearer\\s*<)(?:(?:Bearer|Token|Basic)\\s+)?([^"'\\s<]{8,})`,
    0.85,
    1,
  ),
  r('psexec_password', `(?<![A-Za-z])(?i:psexec)[^\\n]*?\\s-p\\s+["']?([^\\s"']{3,})`, 0.85, 1),
  r('netrc_password', `(?<![A-Za-z])(?i:machine\\s+\\S+\\s+login\\s+\\S+\\s+password\\s+)(\\S{3,})`, 0.9, 1),
  r('bcrypt_hash', `(\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53})`, 0.85, 1),
  r(
    'crypt_hash',
    `(\\$(?:1|5|6|7|8|9|apr1|sha1|y|md5)\\$(?:rounds=\\d+\\$)?[./A-Za-z0-9]{8,}\\$[./A-Za-z0-9]{20,})`,
    0.85,
    1,
  ),
  r('kerberos_asrep', `(\\$krb5(?:asrep|tgs)\\$\\d+\\$[^\\s]{20,})`, 0.9, 1),
  r('django_secret', `(?<![A-Za-z])(?i:SECRET_KEY)\\s*=\\s*["']([^"'\\s]{30,})["']`, 0.85, 1, 3.5),
  r(
    'react_app_secret',
    `(?<![A-Za-z])(?i:REACT_APP_[A-Z_]*(?:KEY|SECRET|TOKEN|PASSWORD|PASS)[A-Z_]*)\\s*=\\s*["']?([^\\s"'$]{6,})`,
    0.85,
    1,
  ),
  r(
    'gradle_credential',
    `(?<![A-Za-z])(?i:(?:signing|storePassword|keyPassword|[a-z]*Password|[a-z]*Token)[ \\t]*=[ \\t]*)(?!\\$|System)([^\\s"']{6,})`,
    0.6,
    1,
    2.5,
  ),
  r(
    'sidekiq_secret',
    `(?<![A-Za-z])(?i:BUNDLE_(?:ENTERPRISE__CONTRIBSYS__COM|GEMS__CONTRIBSYS__COM))\\s*[:=]\\s*["']?([a-f0-9]{8}:[a-f0-9]{8})`,
    0.95,
    1,
  ),
  r('sidekiq_url', `(https?://[a-f0-9]{8}:[a-f0-9]{8}@(?:gems|enterprise)\\.contribsys\\.com)`, 0.95, 1),
  r('adafruit_key', `${B}(aio_[A-Za-z0-9]{28})${E}`, 0.95, 1),
  r(
    'vmware_password',
    `(?<![A-Za-z])(?i:vmware|vsphere|vcenter)[\\w.-]{0,20}[^\\n]{0,40}?(?i:password|passwd|pwd)["']?\\s*[:=]\\s*["']?([^\\s"']{6,})`,
    0.8,
    1,
  ),
  r('thingsboard_url_token', `thingsboard\\.cloud/api/v1/([A-Za-z0-9]{20})/`, 0.9, 1),
  r(
    'vault_legacy_token',
    `(?<![A-Za-z])(?i:vault)[\\w.-]{0,20}["']?[ \\t:=]+["']?(s\\.[A-Za-z0-9_-]{24,})`,
    0.9,
    1,
  ),
  r(
    'figma_header_token',
    `(?<![A-Za-z])(?i:figma)[\\w.-]{0,20}["']?[ \\t]*[:=][ \\t]*["']?(\\d{3,6}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`,
    0.9,
    1,
  ),
  r(
    'codeclimate_reporter_id',
    `(?<![A-Za-z])(?i:CC_TEST_REPORTER_ID)["']?[ \\t]*[:=][ \\t]*["']?([a-f0-9]{64})`,
    0.9,
    1,
  ),
  r('azure_devops_pat', `${B}([A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4})${E}`, 0.95, 1),
  r('powershell_password_arg', `(?<![A-Za-z])(?i:-Password)[ \\t]+["']?([^\\s"'$][^\\s"']{4,})`, 0.8, 1),
  r('facebook_app_token', `${B}(\\d{15,16}\\|[A-Za-z0-9_-]{27})${E}`, 0.9, 1),
  r('okta_ssws', `SSWS\\s+(00[A-Za-z0-9_-]{40})`, 0.9, 1),
  r('twitch_stream_key', `${B}(live_\\d{6,12}_[A-Za-z0-9]{30})${E}`, 0.9, 1),
  r('vault_unseal_key', `vault operator unseal\\s+([A-Za-z0-9+/=]{20,})`, 0.9, 1),
  r('kubernetes_bootstrap_token', `(?<![\\w.])([a-z0-9]{6}\\.[a-z0-9]{16})(?![\\w.])`, 0.8, 1, 3.0),
  r('newrelic_license_suffix', `${B}([a-z0-9]{36}NRAL)${E}`, 0.85, 1, 3.0),
  r(
    'ldap_directory_entry',
    `DirectoryEntry\\(\\s*"LDAP://[^"\\n]*"\\s*,\\s*"[^"\\n]*"\\s*,\\s*"([^"\\n]{3,})"`,
    0.85,
    1,
  ),
  r(
    'terraform_variable_default',
    `variable\\s+"[\\w-]*(?i:token|secret|password|passwd|api[_-]?key|private[_-]?key|access[_-]?key)[\\w-]*"\\s*\\{[^}]{0,200}?default\\s*=\\s*"([^"\\s]{8,200})"`,
    0.85,
    1,
    3.0,
  ),
  // a credential announced on one line and printed alone on the next (installer output, CLI banners)
  r(
    'credential_next_line',
    `(?<![A-Za-z])(?i:password|passphrase|token|secret|api[ _-]?key)\\b[^\\n]{0,80}:[ \\t]*\\r?\\n(?:[ \\t]*\\r?\\n)?[ \\t]*([A-Za-z0-9+/=_-]{20,128})[ \\t]*(?=\\r?\\n|$)`,
    0.8,
    1,
    3.3,
  ),
  // ("API_KEY", "value") argument pairs: setters, headers, buildConfigField, dict items
  r(
    'keyword_pair_secret',
    `(?<![\\w.-])["']?([\\w.-]*(?i:password|passwd|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|login)[\\w.-]{0,16})["'][ \\t]*,[ \\t]*["']{1,2}([A-Za-z0-9+/_=.-]{16,200})(?:["']|(?![A-Za-z0-9+/_=.-]))`,
    0.75,
    2,
    3.3,
  ),
  r(
    'auth_quoted_secret',
    `(?<![\\w.-])([\\w.-]*(?i:auth))["'\\]]*[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*(["'])([A-Za-z0-9+/=_.-]{16,200})\\2`,
    0.75,
    3,
    3.5,
  ),
  // YAML / .env style `secret: value` with the value alone up to the end of the line (or a flow-mapping `,`)
  r(
    'yaml_keyword_secret',
    `(?<![A-Za-z])(?:(?i:password|passwd|pass|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|client[_-]?secret|private[_-]?key|credentials?|session[_-]?key|signing[_-]?key|encryption[_-]?key|master[_-]?key))(?![a-z])[\\w.-]{0,20}[ \\t]*:[ \\t]+([^\\s"'\`;,]{8,200})(?=,?[ \\t]*(?:#[^\\n]*)?(?:\\r?\\n|$))`,
    0.7,
    1,
    3.0,
  ),
  // a model or a person handing over a credential in prose: "Here is your API key: 8f14e45f…"
  r(
    'prose_credential_disclosure',
    `(?<![A-Za-z])(?i:api[ _-]?key|access[ _-]?(?:key|token)|secret[ _-]?key|auth(?:entication|orization)?[ _-]?token|bearer[ _-]?token|refresh[ _-]?token|client[ _-]?secret|password|passphrase|token|secret)(?![A-Za-z])[^\\n]{0,30}?(?:\\b(?i:is)\\b[ \\t]*:?|:)[ \\t]*["'\`]?((?=[\\w+/=.~-]*\\d)(?=[\\w+/=.~-]*[A-Za-z])[\\w+/=.~-]{15,199}[\\w+/=~-])(?![\\w+/=~-])`,
    0.8,
    1,
    3.5,
  ),
  // Infrastructure identifiers: not credentials, so scored below the default threshold (0.5) and
  // acted on only by a profile that asks for them (`threshold: 0.4`). See `INFRASTRUCTURE_RULES`.
  r(
    's3_bucket_host',
    `(?<![\\w.-])([a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\\.s3(?:[.-][a-z0-9-]+)?\\.amazonaws\\.com)`,
    0.4,
    1,
  ),
  r(
    's3_bucket_path',
    `(?<![\\w.-])(s3(?:[.-][a-z0-9-]+)?\\.amazonaws\\.com/[a-z0-9][a-z0-9._-]{1,61}[a-z0-9])(?![\\w.-])`,
    0.4,
    1,
  ),
  r(
    'gcs_bucket_host',
    `(?<![\\w.-])([a-z0-9](?:[a-z0-9._-]{0,220}[a-z0-9])?\\.storage\\.googleapis\\.com)`,
    0.4,
    1,
  ),
  r(
    'gcs_bucket_path',
    `(?<![\\w.-])(storage\\.googleapis\\.com/[a-z0-9][a-z0-9._-]{1,220}[a-z0-9])(?![\\w.-])`,
    0.4,
    1,
  ),
  r('bucket_uri', `(?<![\\w.-])((?:s3|gs)://[a-z0-9][a-z0-9._-]{1,221}[a-z0-9])`, 0.4, 1),
  r('aws_s3_arn', `(arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9._-]{1,61}[a-z0-9])`, 0.4, 1),
  r('aws_account_arn', `(arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\\d{12}:[^\\s"'\`<>,;)]+)`, 0.4, 1),
  r(
    'aws_account_id',
    `(?<![A-Za-z])(?i:aws)[\\w.-]{0,10}?(?i:account)[_.-]?(?i:id)["']?[ \\t]*[:=][ \\t]*["']?(\\d{12})(?!\\d)`,
    0.4,
    1,
  ),
  // C++/Java/Qt direct initialization of a credential-named string: `std::string secret("…")`
  r(
    'string_init_secret',
    `(?<![\\w:])(?:std::)?(?:w?string|String|QString|CString)[ \\t]+\\w*?(?i:password|passwd|secret|token|api_?key|private_?key)[ \\t]*[({][ \\t]*"([^"\\n]{4,200})"[ \\t]*[)}]`,
    0.75,
    1,
  ),
  r(
    'natural_language_password',
    `(?<![A-Za-z])(?i:password|passcode|passphrase|secret)\\b[^.\\n]{0,40}?\\bis\\s*:?\\s*(["'])([^"'\\n]{3,64})\\1`,
    0.75,
    2,
  ),
  r(
    'keyword_quoted_secret',
    `(?<![\\w.-])([\\w.-]*(?i:password|passwd|pwd|pass|secrete?|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|credentials?)[\\w]{0,16})["'\\]]*[ \\t]*(?:[:?]{0,3}=>?|:|!==?|===?)[ \\t]*@?(["'\`])((?:(?!\\2)[^\\n]){4,200})\\2`,
    0.75,
    3,
  ),
  r(
    'keyword_reverse_compare',
    `(["'])([^"'\\n]{6,200})\\1\\s*[!=]==?\\s*[\\w.]*(?i:password|passwd|secret|api_?key|private_key|token)`,
    0.75,
    2,
  ),
  r(
    'generic_keyword_secret',
    KW(
      '(?i:password|passwd|pwd|pass|pat|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|client[_-]?secret|private[_-]?key|credentials?|bearer|session[_-]?key|signing[_-]?key|encryption[_-]?key|master[_-]?key|key)',
    ) + `([^\\s"'\`;,]{6,200})`,
    0.7,
    1,
    2.8,
  ),
];

/** Prefilter literals for rules whose pattern does not start with one (lowercase; any one must occur). */
const MANUAL_HINTS: Readonly<Record<string, readonly string[]>> = {
  gcp_service_account: ['service_account'],
  azure_client_secret: ['q~'],
  azure_sas: ['sig='],
  digitalocean_token: ['_v1_'],
  github_client_secret: ['github', 'gh'],
  sonar_token: ['sqp_', 'squ_', 'sqa_'],
  terraform_cloud_token: ['.atlasv1.'],
  stripe_key: ['sk_', 'rk_'],
  telegram_bot_token: [':aa'],
  mailchimp_key: ['-us'],
  facebook_secret: ['facebook', 'fb'],
  twitter_bearer: ['aaaaaaaaaaaaaaaaaaaaa'],
  mapbox_secret: ['sk.eyj', 'tk.eyj'],
  odbc_password: ['pwd', 'password'],
  basic_auth_header: ['basic'],
  bearer_header: ['bearer'],
  bcrypt_hash: ['$2'],
  crypt_hash: ['$1$', '$5$', '$6$', '$7$', '$8$', '$9$', '$apr1$', '$sha1$', '$y$', '$md5'],
  react_app_secret: ['react_app_'],
  gradle_credential: ['password', 'token', 'signing'],
  sidekiq_secret: ['bundle_'],
  facebook_app_token: ['|'],
  keyword_quoted_secret: ['pass', 'pwd', 'secret', 'token', 'key', 'credential'],
  keyword_reverse_compare: ['==', '!='],
  keyword_pair_secret: ['pass', 'secret', 'token', 'key', 'login'],
  auth_quoted_secret: ['auth'],
  string_init_secret: ['string'],
  s3_bucket_host: ['amazonaws.com'],
  s3_bucket_path: ['amazonaws.com'],
  gcs_bucket_host: ['storage.googleapis.com'],
  gcs_bucket_path: ['storage.googleapis.com'],
  bucket_uri: ['s3://', 'gs://'],
  aws_s3_arn: ['arn:aws'],
  aws_account_arn: ['arn:aws'],
  newrelic_license_suffix: ['nral'],
  discord_token: ['.'],
  kubernetes_bootstrap_token: ['.'],
  kagi_token: ['.'],
};

/**
 * Rules without a usable literal need a long token in the text (shortest possible match length):
 * prose has none, so on most texts these regexes, which otherwise try every position, never run.
 */
const MIN_RUN: Readonly<Record<string, number>> = {
  flyio_token: 24,
  artifactory_password: 11,
  truenas_key: 66,
  twilio_key: 34,
  azure_devops_pat: 84,
  kagi_token: 66,
  kubernetes_bootstrap_token: 23,
  discord_token: 59,
  facebook_app_token: 15,
  telegram_bot_token: 32,
  mailchimp_key: 35,
  azure_client_secret: 37,
};

export const SECRET_RULES_WITH_HINTS: readonly SecretRule[] = SECRET_RULES.map((rule) => ({
  ...rule,
  hints: rule.hints ?? MANUAL_HINTS[rule.id],
  minRun: MIN_RUN[rule.id],
}));
