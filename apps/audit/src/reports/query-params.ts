import { toClickHouseTime } from '@warden/analytics';
import { ValidationFailedError } from '@warden/platform';

/** Raw query-string values as Fastify hands them over. */
export type RawQuery = Readonly<Record<string, string | string[] | undefined>>;

const MAX_FILTER_LENGTH = 256;

/** One value of a query parameter; repeated parameters and over-long values are rejected, never truncated. */
export function optionalString(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (Array.isArray(value)) throw invalid(name, 'must be given at most once');
  if (value.length > MAX_FILTER_LENGTH)
    throw invalid(name, `must be at most ${MAX_FILTER_LENGTH} characters`);
  return value;
}

export function requiredString(query: RawQuery, name: string): string {
  const value = optionalString(query, name);
  if (value === undefined) throw invalid(name, 'is required');
  return value;
}

/** An RFC 3339 timestamp → ClickHouse DateTime64(3) text; anything else is a 400. */
export function optionalTime(query: RawQuery, name: string): string | undefined {
  const value = optionalString(query, name);
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value))
    throw invalid(name, 'must be an RFC 3339 timestamp');
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalid(name, 'must be an RFC 3339 timestamp');
  return toClickHouseTime(date);
}

export function optionalInteger(query: RawQuery, name: string, min: number, max: number): number | undefined {
  const value = optionalString(query, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw invalid(name, `must be an integer from ${min} to ${max}`);
  return Number(value);
}

export function oneOf<T extends string>(query: RawQuery, name: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(query, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw invalid(name, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function invalid(field: string, message: string): ValidationFailedError {
  return new ValidationFailedError([{ field, message }]);
}

/** ClickHouse DateTime64(3) text (UTC) → RFC 3339. */
export function toRfc3339(clickhouseTime: string): string {
  return `${clickhouseTime.replace(' ', 'T')}Z`;
}

export function daysBefore(time: Date, days: number): Date {
  return new Date(time.getTime() - days * 24 * 60 * 60 * 1000);
}
