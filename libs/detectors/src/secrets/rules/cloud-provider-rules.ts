import { B, E, r, type SecretRule } from './secret-rule';

/** Cloud and hosting providers. */
export const CLOUD_PROVIDER_RULES: readonly SecretRule[] = [
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
];
