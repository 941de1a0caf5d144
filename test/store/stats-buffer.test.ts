import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { StatsBuffer, type StatDelta } from '../../src/store/stats-buffer';
import { createStore } from '../../src/store';
import type { SqliteStore } from '../../src/store/sqlite';

const SECRET = 'Ud3_CjdBanZw0TF97cUF_I2VNBpNs2Nd7xOqcRi_JkQ';
const AT = new Date('2026-03-01T10:00:00Z');

describe('StatsBuffer', () => {
  test('adds events up and writes one batch of totals per flush', async () => {
    const writes: StatDelta[][] = [];
    const buf = new StatsBuffer({ write: (d) => { writes.push(d); }, flushMs: 60_000 });
    await buf.add('scanned', '', AT);
    await buf.add('scanned', '', AT);
    await buf.add('acknowledged', 'intended', AT);
    await buf.add('scanned', '', new Date('2026-03-02T00:00:00Z'));
    expect(writes).toHaveLength(0);
    expect(buf.size).toBe(4);
    await buf.flush();
    expect(buf.size).toBe(0);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toEqual(expect.arrayContaining([
      { day: '2026-03-01', event: 'scanned', reason: '', count: 2 },
      { day: '2026-03-01', event: 'acknowledged', reason: 'intended', count: 1 },
      { day: '2026-03-02', event: 'scanned', reason: '', count: 1 },
    ]));
    await buf.flush();
    expect(writes).toHaveLength(1);
    buf.stop();
  });

  test('flushes by itself when maxEvents are pending, and after flushMs', async () => {
    const writes: StatDelta[][] = [];
    const buf = new StatsBuffer({ write: (d) => { writes.push(d); }, flushMs: 20, maxEvents: 3 });
    for (let i = 0; i < 3; i++) await buf.add('allowed', '', AT);
    expect(writes).toEqual([[{ day: '2026-03-01', event: 'allowed', reason: '', count: 3 }]]);
    await buf.add('warned', '', AT);
    await new Promise((r) => setTimeout(r, 200));
    expect(writes[1]).toEqual([{ day: '2026-03-01', event: 'warned', reason: '', count: 1 }]);
    buf.stop();
  });

  test('flushMs 0 writes through on every event', async () => {
    const writes: StatDelta[][] = [];
    const buf = new StatsBuffer({ write: (d) => { writes.push(d); }, flushMs: 0 });
    await buf.add('held', '', AT);
    expect(writes).toEqual([[{ day: '2026-03-01', event: 'held', reason: '', count: 1 }]]);
  });

  test('a failed write keeps the counts for the next flush', async () => {
    let fail = true;
    const writes: StatDelta[][] = [];
    const buf = new StatsBuffer({ write: (d) => { if (fail) throw new Error('disk full'); writes.push(d); }, flushMs: 60_000 });
    await buf.add('blocked', '', AT);
    await expect(buf.flush()).rejects.toThrow('disk full');
    await buf.add('blocked', '', AT);
    expect(buf.size).toBe(2);
    fail = false;
    await buf.flush();
    expect(writes).toEqual([[{ day: '2026-03-01', event: 'blocked', reason: '', count: 2 }]]);
    buf.stop();
  });

  test('addNow counts without waiting; a batch it fills is written in the background, a failed one kept', async () => {
    let fail = true;
    const writes: StatDelta[][] = [];
    const errors: unknown[] = [];
    const buf = new StatsBuffer({ write: (d) => { if (fail) throw new Error('disk full'); writes.push(d); }, flushMs: 60_000, maxEvents: 2, onError: (e) => errors.push(e) });
    expect(buf.addNow('scanned', '')).toBeUndefined();
    expect(buf.size).toBe(1);
    buf.addNow('scanned', '');
    await new Promise((r) => setImmediate(r));
    expect(errors).toHaveLength(1);
    expect(buf.size).toBe(2);
    fail = false;
    buf.addNow('allowed', '');
    await new Promise((r) => setImmediate(r));
    expect(buf.size).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect(writes).toEqual([expect.arrayContaining([
      { day: today, event: 'scanned', reason: '', count: 2 },
      { day: today, event: 'allowed', reason: '', count: 1 },
    ])]);
    buf.stop();
  });

  test('add hands back one settled promise when it writes nothing', async () => {
    const buf = new StatsBuffer({ write: () => undefined, flushMs: 60_000 });
    const a = buf.add('scanned', '');
    const b = buf.add('allowed', '');
    expect(a).toBe(b);
    await expect(a).resolves.toBeUndefined();
    buf.stop();
  });
});

describe('SQLite store: buffered counters', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'pii-stats-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('stats() sees counts not yet flushed; recordEvent writes nothing until a flush', async () => {
    const store = await createStore({ url: 'sqlite::memory:', secret: SECRET }) as SqliteStore;
    await store.recordEvent('scanned', { userId: 'u1' });
    await store.recordEvent('allowed', { userId: 'u1' });
    const rows = () => (store.db.prepare('SELECT COUNT(*) AS n FROM pii_stats_daily').get() as { n: number }).n;
    expect(rows()).toBe(0);
    expect(await store.stats()).toMatchObject({ scanned: 1, allowed: 1 });
    expect(rows()).toBe(2);
    await store.close();
  });

  test('close() writes the pending counts; another process reading the file sees them', async () => {
    const url = `sqlite:${join(dir, 'stats.sqlite')}`;
    const a = await createStore({ url, secret: SECRET });
    for (let i = 0; i < 7; i++) await a.recordEvent('scanned');
    await a.recordEvent('acknowledged', { reason: 'not_personal' });
    await a.close();
    const b = await createStore({ url, secret: SECRET });
    expect(await b.stats()).toMatchObject({ scanned: 7, acknowledged: 1, acknowledgedByReason: { not_personal: 1 } });
    await b.close();
  });

  test('a closed store refuses recordEvent with store_unavailable (async and sync forms)', async () => {
    const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
    await store.close();
    await expect(store.recordEvent('scanned')).rejects.toMatchObject({ code: 'store_unavailable' });
    expect(() => store.sync?.recordEvent('scanned')).toThrow(expect.objectContaining({ code: 'store_unavailable' }));
    expect(() => store.sync?.closeWarning('u1')).toThrow(expect.objectContaining({ code: 'store_unavailable' }));
  });

  test('store.sync: the same counters and warnings as the async calls, without a promise', async () => {
    const store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
    const sync = store.sync;
    if (!sync) throw new Error('the SQLite store offers sync calls');
    sync.recordEvent('scanned', { userId: 'u1' });
    sync.recordEvent('acknowledged', { userId: 'u1', reason: 'intended' });
    expect(() => sync.recordEvent('nonsense' as never)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(sync.closeWarning('u1')).toBe(false);
    await store.openWarning('u1', new Date(Date.now() + 60_000));
    expect(sync.closeWarning('u1')).toBe(true);
    expect(await store.closeWarning('u1')).toBe(false);
    expect(await store.stats()).toMatchObject({ scanned: 1, acknowledged: 1, acknowledgedByReason: { intended: 1 } });
    await store.close();
  });

  test('closeWarning: true once for an open warning, false when none or expired (shared file, two connections)', async () => {
    const url = `sqlite:${join(dir, 'warnings.sqlite')}`;
    const a = await createStore({ url, secret: SECRET });
    const b = await createStore({ url, secret: SECRET });
    expect(await b.closeWarning('u1')).toBe(false);
    await a.openWarning('u1', new Date(Date.now() + 60_000));
    // b never opened a warning itself: it must still see a's.
    expect(await b.closeWarning('u1')).toBe(true);
    expect(await a.closeWarning('u1')).toBe(false);
    await a.openWarning('u2', new Date(Date.now() - 1000));
    expect(await b.closeWarning('u2')).toBe(false);
    await a.close();
    await b.close();
  });
});
