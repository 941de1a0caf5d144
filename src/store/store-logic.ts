/**
 * The backend-independent parts of a Store besides the log and the queue: preference rows and
 * their argument check, stat-event checks and the Stats sum, and the last flush on close.
 */
import { PreflightError } from '../errors';
import type { StatsBuffer } from './stats-buffer';
import type { PreferenceRecord, StatEvent, Stats } from './types';
import { STAT_EVENTS } from './validate';
import { requireOrdinaryUserId } from './log-records';

/** A preference row as the database returns it: `Time` is an ISO string (SQLite) or a Date (PostgreSQL). */
export interface PrefRowOf<Time extends string | Date> {
  id: string;
  user_id: string;
  type: string;
  masked: string;
  value_hash: string;
  created_at: Time;
}

export function prefFromRow(r: PrefRowOf<string | Date>): PreferenceRecord {
  const createdAt = typeof r.created_at === 'string' ? r.created_at : r.created_at.toISOString();
  return { id: r.id, userId: r.user_id, type: r.type, masked: r.masked, valueHash: r.value_hash, createdAt };
}

/** Checks preferences.add()'s arguments. */
export function checkPreferenceEntry(userId: string, entry: { type: string; masked: string; valueHash: string }): void {
  if (typeof userId !== 'string' || userId === '' || !entry || typeof entry.valueHash !== 'string' || typeof entry.masked !== 'string' || typeof entry.type !== 'string') {
    throw new PreflightError('invalid_input', 'preferences.add(userId, { type, masked, valueHash }): all are required strings.');
  }
  requireOrdinaryUserId(userId, 'preferences.add');
}

/** The UTC day (YYYY-MM-DD) a stat counts under. */
export function statDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function checkStatEvent(event: StatEvent): void {
  if (!STAT_EVENTS.includes(event)) throw new PreflightError('invalid_input', `recordEvent: unknown event ${JSON.stringify(event)}; one of ${STAT_EVENTS.join(', ')}.`);
}

/** Stats from the per-(event, reason) sums (BIGINT sums come back as strings). */
export function statsFromSums(rows: { event: StatEvent; reason: string; n: number | string }[]): Stats {
  const s: Stats = { scanned: 0, allowed: 0, warned: 0, acknowledged: 0, acknowledgedByReason: {}, editedAway: 0, blocked: 0, held: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.event === 'edited_away') s.editedAway += n;
    else s[r.event] += n;
    if (r.event === 'acknowledged') {
      const reason = r.reason || 'unspecified';
      s.acknowledgedByReason[reason] = (s.acknowledgedByReason[reason] ?? 0) + n;
    }
  }
  return s;
}

/** Flushes the buffer one last time and stops it; returns the flush error (the caller closes, then throws it). */
export async function drainStats(buffer: StatsBuffer): Promise<unknown> {
  let flushError: unknown;
  try {
    await buffer.flush();
  } catch (err) {
    flushError = err;
  }
  buffer.stop();
  return flushError;
}
