/** The state shared by the parts of the SQLite store. */
import type Database from 'better-sqlite3';
import { PreflightError, isPreflightError } from '../../errors';
import type { StoreKeys } from '../crypto';
import type { Tables } from '../tables';

const UNAVAILABLE_CODES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_FULL', 'SQLITE_READONLY'];

export class SqliteContext {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(
    readonly db: Database.Database,
    readonly t: Tables,
    readonly keys: StoreKeys,
  ) {}

  stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  /** Runs `fn`, mapping a closed or failing database to `store_unavailable`. */
  async run<T>(fn: () => T): Promise<T> {
    return this.runSync(fn);
  }

  runSync<T>(fn: () => T): T {
    if (!this.db.open) throw new PreflightError('store_unavailable', 'The store is closed.');
    try {
      return fn();
    } catch (err) {
      throw mapError(err, this.db.open);
    }
  }
}

export function mapError(err: unknown, open: boolean): unknown {
  if (isPreflightError(err)) return err;
  const code = (err as { code?: unknown }).code;
  if (!open || (typeof code === 'string' && UNAVAILABLE_CODES.some((c) => code.startsWith(c)))) {
    return new PreflightError('store_unavailable', `The SQLite store is unavailable (${typeof code === 'string' ? code : 'closed'}).`);
  }
  return err;
}

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
