import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { parseOlderThan, runLog } from '../../src/cli/log';
import { createStore } from '../../src/store';
import { SECRET, ackInput } from './store-suite';

const dir = mkdtempSync(join(tmpdir(), 'pii-cli-log-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { stdout, stderr, get out() { return out; }, get err() { return err; } };
}

async function run(args: string[], env: NodeJS.ProcessEnv) {
  const io = capture();
  const code = await runLog(args, { stdout: io.stdout, stderr: io.stderr, env });
  return { code, out: io.out, err: io.err };
}

async function seeded(count = 3): Promise<{ url: string; file: string; env: NodeJS.ProcessEnv }> {
  const file = join(dir, `log-${++n}.sqlite`);
  const url = `sqlite:${file}`;
  const store = await createStore({ url, secret: SECRET });
  for (let i = 0; i < count; i++) await store.acknowledgements.append(ackInput(store, { userId: i === 0 ? 'user-7' : 'user-1', note: 'a, "quoted" note' }));
  await store.close();
  return { url, file, env: { PII_PREFLIGHT_SECRET: SECRET, DATABASE_URL: url } };
}

describe('pii-preflight log', () => {
  test('verify: 0 on an intact log, 1 naming the broken record after tampering', async () => {
    const { url, file, env } = await seeded();
    expect(await run(['verify'], env)).toEqual({ code: 0, out: 'ok: 3 record(s) verified\n', err: '' });
    const json = await run(['verify', '--json', '--db', url], { MY_SECRET: SECRET });
    expect(json.code).toBe(2); // the default secret variable is not set
    const withEnv = await run(['verify', '--json', `--db=${url}`, '--secret-env', 'MY_SECRET'], { MY_SECRET: SECRET });
    expect(withEnv.code).toBe(0);
    expect(JSON.parse(withEnv.out)).toEqual({ ok: true, count: 3 });
    const raw = new Database(file);
    raw.prepare("UPDATE pii_ack_log SET reason = 'other' WHERE seq = 2").run();
    raw.close();
    const broken = await run(['verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/^BROKEN: record seq 2 \(id [0-9a-f-]{36}\): hash mismatch; 1 record\(s\) verified before it\n$/);
  });

  test('export jsonl and csv, filtered by user', async () => {
    const { env } = await seeded();
    const jsonl = await run(['export'], env);
    expect(jsonl.code).toBe(0);
    expect(jsonl.out.trim().split('\n').map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 2, 3]);
    const csv = await run(['export', '--format', 'csv', '--user', 'user-7'], env);
    expect(csv.code).toBe(0);
    const lines = csv.out.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"a, ""quoted"" note"');
    const none = await run(['export', '--from', '2999-01-01'], env);
    expect(none).toEqual({ code: 0, out: '', err: '' });
    expect((await run(['export', '--format', 'xml'], env)).code).toBe(2);
    expect((await run(['export', '--from', 'yesterday-ish'], env)).err).toMatch(/--from: "yesterday-ish" is not a date/);
  });

  test('erase-user, checkpoint and purge keep the log verifiable', async () => {
    const { env } = await seeded();
    expect(await run(['erase-user', '--user', 'user-7'], env)).toEqual({ code: 0, out: 'erased: 1 record(s) pseudonymized\n', err: '' });
    const cp = await run(['checkpoint', '--json'], env);
    expect(cp.code).toBe(0);
    expect(JSON.parse(cp.out)).toMatchObject({ seq: 4, count: 4 });
    expect((await run(['checkpoint'], env)).out).toMatch(/^checkpoint: seq 4, count 4, head [0-9a-f]{64}/);
    expect(await run(['purge', '--older-than', '90d'], env)).toEqual({ code: 0, out: 'purged: 0 record(s)\n', err: '' });
    expect(await run(['purge', '--older-than', '2999-01-01'], env)).toEqual({ code: 0, out: 'purged: 4 record(s)\n', err: '' });
    expect(await run(['verify'], env)).toEqual({ code: 0, out: 'ok: 1 record(s) verified\n', err: '' });
  });

  test('export-checkpoints: an outside copy detects a tail cut together with every stored checkpoint', async () => {
    const { file, env } = await seeded(3);
    const exported = await run(['export-checkpoints'], env);
    expect(exported.code).toBe(0);
    const cps = exported.out.trim().split('\n').map((l) => JSON.parse(l) as { seq: number; count: number; version: number; kind: string; keyId: string; publicKey: string });
    expect(cps).toHaveLength(1);
    expect(cps[0]).toMatchObject({ seq: 3, count: 3, version: 2, kind: 'manual' });
    expect(cps[0]?.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(cps[0]?.publicKey).toContain('BEGIN PUBLIC KEY');
    const copy = join(dir, `outside-${n}.jsonl`);
    writeFileSync(copy, exported.out);
    expect((await run(['verify', '--checkpoints', copy], env)).code).toBe(0);
    // A database writer cuts the last record and deletes every stored checkpoint.
    const raw = new Database(file);
    raw.prepare('DELETE FROM pii_ack_log WHERE seq = 3').run();
    raw.prepare('DELETE FROM pii_checkpoints').run();
    raw.close();
    expect(await run(['verify'], env)).toMatchObject({ code: 0 }); // undetectable from inside, as documented
    const outside = await run(['verify', '--checkpoints', copy], env);
    expect(outside.code).toBe(1);
    expect(outside.out).toMatch(/seq 3.*truncated: checkpointed record missing/);
    // A checkpoint file that does not parse is a usage error.
    writeFileSync(copy, 'not json');
    expect((await run(['verify', '--checkpoints', copy], env)).code).toBe(2);
  });

  test('usage errors exit 2 with a message on stderr', async () => {
    const { env } = await seeded(0);
    const unknown = await run(['verfy'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown log command "verfy"\. Did you mean "verify"\?/);
    expect((await run(['export', '--formt', 'csv'], env)).err).toMatch(/Did you mean "--format"\?/);
    expect((await run(['erase-user'], env)).err).toMatch(/needs --user/);
    expect((await run(['purge'], env)).err).toMatch(/needs --older-than/);
    expect((await run(['purge', '--older-than'], env)).err).toMatch(/--older-than needs a value/);
    expect((await run(['verify', '--db', 'mysql://x/y'], env)).err).toMatch(/unsupported database URL scheme/);
    const noSecret = await run(['verify'], {});
    expect(noSecret.code).toBe(2);
    expect(noSecret.err).toMatch(/set PII_PREFLIGHT_SECRET/);
    const help = await run([], env);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: pii-preflight log/);
  });

  test('--older-than ages', () => {
    const now = new Date('2026-06-30T00:00:00Z');
    expect(parseOlderThan('90d', now).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(parseOlderThan('12h', now).toISOString()).toBe('2026-06-29T12:00:00.000Z');
    expect(parseOlderThan('2w', now).toISOString()).toBe('2026-06-16T00:00:00.000Z');
    expect(parseOlderThan('2026-01-01', now).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(() => parseOlderThan('-5d', now)).toThrow(/not a date/);
  });
});
