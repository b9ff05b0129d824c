/** Prefilter literals for rules whose pattern does not start with one (lowercase; any one must occur). */
export const MANUAL_HINTS: Readonly<Record<string, readonly string[]>> = {
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
export const MIN_RUN: Readonly<Record<string, number>> = {
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

/**
 * Characters every match of a rule contains, for rules whose keyword literals are common in prose:
 * each string lists alternatives of which one must occur, and every string must be satisfied.
 */
export const REQUIRED_CHARS: Readonly<Record<string, readonly string[]>> = {
  // keyword, then `=`/`:` (or `!=`, `==`), then a quoted value
  keyword_quoted_secret: [':=', '"\'`'],
  auth_quoted_secret: [':=', '"\''],
  // "key", "value" pairs
  keyword_pair_secret: [',', '"\''],
  // keyword, then `=` or a blank before a quote
  generic_keyword_secret: ['="\'`'],
  // `key: value` on one line, or `key:` then the value on the next
  yaml_keyword_secret: [':'],
  credential_next_line: [':'],
};
