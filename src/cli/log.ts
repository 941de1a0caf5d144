/**
 * `pii-preflight log verify|export|erase-user|purge|checkpoint|export-checkpoints`: maintenance of the
 * acknowledgement log. Exit status: 0 ok, 1 the log does not verify, 2 usage or input error.
 */
import { readFileSync } from 'node:fs';
import { isPreflightError } from '../errors';
import { createStore } from '../store';
import { DEFAULT_SQLITE_URL, didYouMean } from '../store/options';
import type { SignedCheckpoint, Store } from '../store/types';

export interface LogIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

const COMMANDS = ['verify', 'export', 'erase-user', 'purge', 'checkpoint', 'export-checkpoints'] as const;
type Command = (typeof COMMANDS)[number];
const VALUE_FLAGS = ['--db', '--secret-env', '--format', '--user', '--from', '--to', '--older-than', '--checkpoints'] as const;
const BOOL_FLAGS = ['--json', '--help'] as const;

export const LOG_USAGE = `Usage: pii-preflight log <command> [options]

Commands:
  verify [--checkpoints FILE]
                             walk the hash chain and the latest signed checkpoint (exit 1 if broken);
                             FILE: checkpoints kept outside (export-checkpoints output), each checked
                             too, so a tail cut together with the stored checkpoints is detected
  export [--format jsonl|csv] [--user ID] [--from DATE] [--to DATE]
                             write records to standard output (default jsonl)
  erase-user --user ID       pseudonymize a user's records (the chain still verifies)
  purge --older-than 90d     delete records older than an age (d, h, w) or a date; anchors the chain
  checkpoint                 write a signed checkpoint of the current head
  export-checkpoints         write a signed checkpoint of the current head, then print every
                             checkpoint as JSON Lines: keep the output outside the database

Options:
  --db URL                   database (default: $DATABASE_URL or ${DEFAULT_SQLITE_URL})
  --secret-env NAME          environment variable holding the secret (default PII_PREFLIGHT_SECRET)
  --json                     machine-readable output for verify, erase-user, purge, checkpoint
`;

class UsageError extends Error {}

interface Parsed {
  command: Command;
  values: Partial<Record<(typeof VALUE_FLAGS)[number], string>>;
  json: boolean;
}

function parseArgs(args: string[]): Parsed | 'help' {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return 'help';
  if (!(COMMANDS as readonly string[]).includes(command)) {
    const hint = didYouMean(command, COMMANDS);
    throw new UsageError(`unknown log command "${command}".${hint ? ` Did you mean "${hint}"?` : ''} Commands: ${COMMANDS.join(', ')}.`);
  }
  const parsed: Parsed = { command: command as Command, values: {}, json: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if ((BOOL_FLAGS as readonly string[]).includes(name)) {
      if (name === '--help') return 'help';
      parsed.json = true;
      continue;
    }
    if (!(VALUE_FLAGS as readonly string[]).includes(name)) {
      const hint = arg.startsWith('--') ? didYouMean(name, [...VALUE_FLAGS, ...BOOL_FLAGS]) : undefined;
      throw new UsageError(`unknown option "${arg}".${hint ? ` Did you mean "${hint}"?` : ''}`);
    }
    let value: string | undefined;
    if (eq > 0 && arg.startsWith('--')) value = arg.slice(eq + 1);
    else {
      value = rest[i + 1];
      i += 1;
    }
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value.`);
    parsed.values[name as (typeof VALUE_FLAGS)[number]] = value;
  }
  return parsed;
}

/** Checkpoints from a file: JSON Lines (export-checkpoints) or one JSON array. */
function readCheckpoints(file: string): SignedCheckpoint[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--checkpoints: cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    const trimmed = text.trim();
    if (trimmed.startsWith('[')) return JSON.parse(trimmed) as SignedCheckpoint[];
    return trimmed === '' ? [] : trimmed.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as SignedCheckpoint);
  } catch {
    throw new UsageError(`--checkpoints: ${file} is not JSON Lines of checkpoints (as export-checkpoints writes them).`);
  }
}

function parseDate(value: string, flag: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new UsageError(`${flag}: "${value}" is not a date (use ISO 8601, e.g. 2026-01-31 or 2026-01-31T12:00:00Z).`);
  return d;
}

// Accepts 1 to 6 digits followed by one unit letter h, d or w (e.g. "90d", "12h", "2w");
// rejects other units, signs, decimals, spaces and longer numbers.
const AGE = /^(\d{1,6})([hdw])$/;
const UNIT_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseOlderThan(value: string, now: Date = new Date()): Date {
  const m = AGE.exec(value);
  if (m) return new Date(now.getTime() - Number(m[1]) * (UNIT_MS[m[2] ?? 'd'] ?? 0));
  return parseDate(value, '--older-than');
}

function write(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = stream.write(chunk, (err) => (err ? reject(err) : undefined));
    if (ok) resolve();
    else stream.once('drain', resolve);
  });
}

async function runCommand(store: Store, p: Parsed, io: LogIo): Promise<number> {
  const log = store.acknowledgements;
  const out = (human: string, json: unknown) => write(io.stdout, p.json ? `${JSON.stringify(json)}\n` : `${human}\n`);
  switch (p.command) {
    case 'verify': {
      const file = p.values['--checkpoints'];
      const r = await log.verify(file ? { checkpoints: readCheckpoints(file) } : {});
      const unkeyed = r.unkeyed ? ` (${r.unkeyed} written before the keyed chain: unkeyed)` : '';
      if (r.ok) await out(`ok: ${r.count} record(s) verified${unkeyed}`, r);
      else {
        const b = r.firstBroken;
        await out(`BROKEN: record seq ${b?.seq ?? '?'}${b?.id ? ` (id ${b.id})` : ''}: ${b?.problem ?? 'unknown problem'}; ${r.count} record(s) verified before it`, r);
      }
      return r.ok ? 0 : 1;
    }
    case 'export': {
      const format = p.values['--format'] ?? 'jsonl';
      if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format must be jsonl or csv (got "${format}").`);
      const query: { userId?: string; from?: Date; to?: Date } = {};
      if (p.values['--user']) query.userId = p.values['--user'];
      if (p.values['--from']) query.from = parseDate(p.values['--from'], '--from');
      if (p.values['--to']) query.to = parseDate(p.values['--to'], '--to');
      for await (const chunk of log.export(format, query)) await write(io.stdout, chunk);
      return 0;
    }
    case 'erase-user': {
      const user = p.values['--user'];
      if (!user) throw new UsageError('erase-user needs --user ID.');
      const r = await log.eraseUser(user);
      await out(`erased: ${r.erased} record(s) pseudonymized`, r);
      return 0;
    }
    case 'purge': {
      const age = p.values['--older-than'];
      if (!age) throw new UsageError('purge needs --older-than AGE (e.g. 90d) or a date.');
      const r = await log.purge({ olderThan: parseOlderThan(age) });
      await out(`purged: ${r.purged} record(s)`, r);
      return 0;
    }
    case 'export-checkpoints': {
      await log.checkpoint();
      for (const cp of await log.checkpoints()) await write(io.stdout, `${JSON.stringify(cp)}\n`);
      return 0;
    }
    case 'checkpoint': {
      const cp = await log.checkpoint();
      await out(`checkpoint: seq ${cp.seq}, count ${cp.count}, head ${cp.headHash}, at ${cp.createdAt}\nsignature: ${cp.signature}\n${cp.publicKey.trim()}`, cp);
      return 0;
    }
  }
}

/** Runs `pii-preflight log …` with the given arguments (after `log`). */
export async function runLog(args: string[], io: LogIo): Promise<number> {
  let parsed: Parsed | 'help';
  try {
    parsed = parseArgs(args);
  } catch (err) {
    await write(io.stderr, `pii-preflight log: ${(err as Error).message}\n\n${LOG_USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    await write(io.stdout, LOG_USAGE);
    return 0;
  }
  const secretEnv = parsed.values['--secret-env'] ?? 'PII_PREFLIGHT_SECRET';
  const secret = io.env[secretEnv];
  if (!secret) {
    await write(io.stderr, `pii-preflight log: the secret is missing: set ${secretEnv} (or name another variable with --secret-env).\n`);
    return 2;
  }
  const url = parsed.values['--db'] ?? (io.env.DATABASE_URL || DEFAULT_SQLITE_URL);
  let store: Store | undefined;
  try {
    store = await createStore({ url, secret });
    return await runCommand(store, parsed, io);
  } catch (err) {
    const message = err instanceof UsageError || isPreflightError(err) ? err.message : String(err);
    await write(io.stderr, `pii-preflight log: ${message}\n`);
    return 2;
  } finally {
    if (store) await store.close();
  }
}
