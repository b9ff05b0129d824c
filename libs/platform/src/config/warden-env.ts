import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Minimum length of WARDEN_BOOTSTRAP_TOKEN: it can create organizations and their owners. */
export const MIN_BOOTSTRAP_TOKEN_LENGTH = 16;

const PORT_MESSAGE = 'must be an integer port number between 0 and 65535';

const BROKER = /^[A-Za-z0-9.-]+:(\d{1,5})$/;

function isUrlWithProtocol(value: unknown, protocols: readonly string[]): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function IsUrlWithProtocol(protocols: readonly string[], options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isUrlWithProtocol',
      validator: {
        validate: (value: unknown) => isUrlWithProtocol(value, protocols),
        defaultMessage: () =>
          `must be a URL with scheme ${protocols.map((p) => p.replace(/:$/, '')).join(' or ')}`,
      },
    },
    options,
  );
}

function IsBrokerList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBrokerList',
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) &&
          value.length > 0 &&
          value.every((broker) => {
            const match = typeof broker === 'string' ? BROKER.exec(broker) : null;
            const port = match ? Number(match[1]) : 0;
            return port >= 1 && port <= 65535;
          }),
        defaultMessage: () => 'must be a comma-separated list of host:port (e.g. 127.0.0.1:9092)',
      },
    },
    options,
  );
}

/** Empty strings count as unset, so `FOO=` in a .env file means "use the default". */
const blankToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const toInteger = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return undefined;
  return /^-?\d+$/.test(text) ? Number(text) : value;
};

const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() !== ''
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
    : undefined;

/**
 * The environment as Warden reads it (API.md "Operations"). Property names are the variable names,
 * so every validation message names the variable.
 */
export class WardenEnv {
  @IsOptional()
  @Transform(toInteger)
  @Max(65535, { message: PORT_MESSAGE })
  @Min(0, { message: PORT_MESSAGE })
  @IsInt({ message: PORT_MESSAGE })
  PORT?: number;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  WARDEN_DATA_DIR?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MinLength(MIN_BOOTSTRAP_TOKEN_LENGTH, {
    message: `must be at least ${MIN_BOOTSTRAP_TOKEN_LENGTH} characters`,
  })
  WARDEN_BOOTSTRAP_TOKEN?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsUrlWithProtocol(['postgres:', 'postgresql:'])
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(toList)
  @IsBrokerList()
  KAFKA_BROKERS?: string[];

  @IsOptional()
  @Transform(blankToUndefined)
  @IsUrlWithProtocol(['http:', 'https:'])
  CLICKHOUSE_URL?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsUrlWithProtocol(['https:', 'http:'])
  OIDC_ISSUER?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(512, { message: 'must be at most 512 characters' })
  OIDC_AUDIENCE?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: (typeof LOG_LEVELS)[number];

  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(100, { message: 'must be at most 100 characters' })
  @Matches(/^[A-Za-z0-9._-]+$/, {
    message: 'may contain only letters, digits, ".", "_" and "-" (Kafka topic characters)',
  })
  WARDEN_TOPIC_PREFIX?: string;

  @IsOptional()
  @Transform(blankToUndefined)
  @IsString()
  @MaxLength(64, { message: 'must be at most 64 characters' })
  @Matches(/^[a-z0-9][a-z0-9._-]*$/, { message: 'must be lowercase letters, digits, ".", "_" or "-"' })
  WARDEN_SERVICE_NAME?: string;
}

export const ENV_VARIABLES: readonly (keyof WardenEnv)[] = [
  'PORT',
  'WARDEN_DATA_DIR',
  'WARDEN_BOOTSTRAP_TOKEN',
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'CLICKHOUSE_URL',
  'OIDC_ISSUER',
  'OIDC_AUDIENCE',
  'LOG_LEVEL',
  'WARDEN_TOPIC_PREFIX',
  'WARDEN_SERVICE_NAME',
];
