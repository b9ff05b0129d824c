import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore, type EventStore } from '@warden/eventstore';
import { NotFoundError, PreconditionFailedError, ValidationFailedError } from '@warden/platform';
import { PgliteSqlClient } from '@warden/sql';
import type { CommandContext } from './command-context';
import { DomainRejection } from './domain-rejection';
import { EventSourcedRunner, type RunOptions } from './event-sourced-runner';
import { newId } from './ids';

// PGlite boots a WASM PostgreSQL per open: slow on a loaded machine.
jest.setTimeout(120_000);

interface Renamed {
  readonly type: 'warden.identity.organization.renamed.v1';
  readonly data: { readonly organizationId: string; readonly name: string };
}
interface Org {
  readonly names: readonly string[];
}

const ctx: CommandContext = {
  caller: { kind: 'principal', principalId: 'prn_actor' },
  now: new Date('2026-11-26T08:00:00Z'),
  requestId: 'req_1',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
};

describe('EventSourcedRunner on the PGlite event store', () => {
  let dir: string;
  let sql: PgliteSqlClient;
  let store: EventStore;
  let runner: EventSourcedRunner;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-runner-'));
    sql = await PgliteSqlClient.open(join(dir, 'pg'));
    store = await createEventStore(sql);
    runner = new EventSourcedRunner(store, { source: 'warden/test' });
  });

  afterAll(async () => {
    await store.close();
    await sql.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function rename(orgId: string, name: string, over: Partial<RunOptions<Org, Renamed>> = {}) {
    return runner.run<Org, Renamed>({
      streamId: orgId,
      orgId,
      ctx,
      initial: { names: [] },
      evolve: (state, event) => ({ names: [...state.names, event.data.name] }),
      decide: () => [
        { type: 'warden.identity.organization.renamed.v1', data: { organizationId: orgId, name } },
      ],
      ...over,
    });
  }

  it('Given a command, When it runs, Then its events are appended in envelopes naming actor, source and stream', async () => {
    const orgId = newId('org');
    const result = await rename(orgId, 'Acme');
    expect(result).toMatchObject({ replayed: false, revision: 1, state: { names: ['Acme'] } });
    const [stored] = await store.readStream(orgId);
    expect(stored?.event).toMatchObject({
      type: 'warden.identity.organization.renamed.v1',
      source: 'warden/test',
      subject: orgId,
      orgid: orgId,
      principalid: 'prn_actor',
      correlationid: 'req_1',
      traceparent: ctx.traceparent,
    });
  });

  it('Given a stale If-Match, When it runs, Then 412 and nothing is written', async () => {
    const orgId = newId('org');
    await rename(orgId, 'one');
    await expect(rename(orgId, 'two', { ctx: { ...ctx, expectedVersion: 0 } })).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect(await store.readStream(orgId)).toHaveLength(1);
  });

  it('Given racing commands without If-Match, When they run at once, Then each is retried and all land', async () => {
    const orgId = newId('org');
    const results = await Promise.all(['a', 'b', 'c'].map((name) => rename(orgId, name)));
    expect(results.every((r) => !r.replayed)).toBe(true);
    const stored = await store.readStream(orgId);
    expect(stored.map((e) => (e.event.data as { name: string }).name).sort()).toEqual(['a', 'b', 'c']);
  });

  it('Given a decided event that breaks its schema, When it runs, Then 400 and nothing is written', async () => {
    const orgId = newId('org');
    await expect(rename(orgId, '')).rejects.toBeInstanceOf(ValidationFailedError);
    expect(await store.readStream(orgId)).toHaveLength(0);
  });

  it('Given a replay answer, When it runs, Then the answer comes back and nothing is written', async () => {
    const orgId = newId('org');
    const result = await rename(orgId, 'x', { replay: () => ({ first: true }) });
    expect(result).toEqual({ replayed: true, answer: { first: true } });
    expect(await store.readStream(orgId)).toHaveLength(0);
  });

  it('Given a domain rejection, When it runs, Then it becomes the problem+json error of its kind', async () => {
    const orgId = newId('org');
    const refused = rename(orgId, 'x', {
      decide: () => {
        throw new DomainRejection('not_found', 'organization_not_found', 'Organization not found.');
      },
    });
    await expect(refused).rejects.toBeInstanceOf(NotFoundError);
    await expect(refused).rejects.toMatchObject({ code: 'organization_not_found' });
  });
});
