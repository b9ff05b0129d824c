import { createTestDatabase, type TestDatabase } from '@warden/testing';
import { Client } from 'pg';
import { waitUntil } from '../../test-support/collect';
import { PgAdvisoryRelayLock } from './relay-lock';

describe('PgAdvisoryRelayLock', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('bus_relay_lock');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('Given a relay holding the lock, When a second one asks, Then it waits until the first releases', async () => {
    const first = new PgAdvisoryRelayLock(db.url, '0x5744000000000010', 50);
    const second = new PgAdvisoryRelayLock(db.url, '0x5744000000000010', 50);
    await first.acquire(() => false);
    let secondHolds = false;
    const waiting = second
      .acquire(() => false)
      .then(() => {
        secondHolds = true;
      });

    await new Promise((resolve) => setTimeout(resolve, 500));
    const heldWhileFirstHeld = secondHolds;
    await first.release();
    await waiting;

    expect(heldWhileFirstHeld).toBe(false);
    expect(secondHolds).toBe(true);
    await second.release();
  });

  it('Given a held lock, When its connection is killed, Then the relay is told the lock is lost', async () => {
    const lock = new PgAdvisoryRelayLock(db.url, '0x5744000000000011', 50);
    await lock.acquire(() => false);
    let lost: Error | undefined;
    lock.onLost((error) => {
      lost = error;
    });

    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1::bigint % 4294967296`,
      [BigInt('0x5744000000000011').toString()],
    );
    await admin.end();
    await waitUntil(() => lost !== undefined, 10_000);

    expect(lost).toBeInstanceOf(Error);
    await lock.release();
  });
});
