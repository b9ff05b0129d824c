import type { AnalyticsClient } from '@warden/analytics';

/** Tables whose rows expire with the retention (the rollups keep their own, longer history). */
export const RETAINED_TABLES = [
  'events',
  'audit_decisions',
  'audit_authentications',
  'audit_guardrail_findings',
  'audit_spend',
  'audit_admin_changes',
] as const;

/**
 * Sets the TTL of the trail's tables to `days` (configuration, not a migration: retention differs per
 * deployment). The chain keeps its entries, so verification reports expired events as missing only inside
 * a window that reaches past the retention. Existing parts are not rewritten (materialize_ttl_after_modify=0):
 * they expire at their next merge.
 */
export async function applyRetention(client: AnalyticsClient, days: number): Promise<void> {
  if (!Number.isInteger(days) || days < 1)
    throw new Error(`retention must be a positive number of days: ${days}`);
  for (const table of RETAINED_TABLES) {
    await client.command({
      query: `ALTER TABLE ${table} MODIFY TTL toDateTime(time) + INTERVAL ${days} DAY`,
      clickhouse_settings: { materialize_ttl_after_modify: 0 },
    });
  }
}
