import { r, type SecretRule } from './secret-rule';

/**
 * Infrastructure identifiers: not credentials, so scored below the default threshold (0.5) and
 * acted on only by a profile that asks for them (`threshold: 0.4`). See `INFRASTRUCTURE_RULES` in
 * secrets-detector.ts.
 */
export const INFRASTRUCTURE_IDENTIFIER_RULES: readonly SecretRule[] = [
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
];
