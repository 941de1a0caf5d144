/**
 * In-memory buffer for the daily stat counters (`recordEvent`), shared by the backends.
 *
 * The publish flow counts two or three events per post (`scanned`, `allowed`, …). Writing each one
 * as its own database transaction made the counters the most expensive part of a clean post. The
 * buffer adds them up in memory and hands the totals to the backend's `write` in one batch:
 * when `maxEvents` events are pending, `flushMs` after the first pending event (a timer that does
 * not keep the process alive), before `stats()` reads, and on `close()`.
 *
 * Trade-off: counts not yet flushed are lost if the process dies abruptly (at most `flushMs` /
 * `maxEvents` worth), and other processes sharing the database see this one's counts up to
 * `flushMs` late. They are aggregate figures, not records: the acknowledgement log and the review
 * queue are never buffered. A failed write keeps the counts for the next attempt.
 */

export interface StatDelta {
  day: string;
  event: string;
  reason: string;
  count: number;
}

export interface StatsBufferOptions {
  /** Writes the totals in one batch (one transaction). Throwing keeps them for the next flush. */
  write(deltas: StatDelta[]): Promise<void> | void;
  /** Flush after this many milliseconds (default 1000); 0 writes through on every event. */
  flushMs?: number;
  /** Flush when this many events are pending (default 500). */
  maxEvents?: number;
  /** Called when a timer-driven flush fails (the counts are kept and retried). */
  onError?(err: unknown): void;
}

const DAY_MS = 86_400_000;
/** What `add` hands back when it wrote nothing: one settled promise, not a new one per event. */
const COUNTED: Promise<void> = Promise.resolve();

export class StatsBuffer {
  private pending = new Map<string, StatDelta>();
  private pendingEvents = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | undefined;
  private dayStart = 0;
  private dayKey = '';
  private readonly flushMs: number;
  private readonly maxEvents: number;

  constructor(private readonly options: StatsBufferOptions) {
    this.flushMs = options.flushMs ?? 1000;
    this.maxEvents = options.maxEvents ?? 500;
  }

  /** `YYYY-MM-DD` (UTC) of a time (a Date or epoch milliseconds); cached for the current day. */
  day(at: Date | number): string {
    const ms = typeof at === 'number' ? at : at.getTime();
    if (ms >= this.dayStart && ms < this.dayStart + DAY_MS) return this.dayKey;
    const key = new Date(ms).toISOString().slice(0, 10);
    if (Math.abs(ms - Date.now()) < DAY_MS) {
      this.dayStart = ms - (ms % DAY_MS);
      this.dayKey = key;
    }
    return key;
  }

  /**
   * Counts one event (at `at`, default now); flushes when the batch is full (or at once when
   * `flushMs` is 0). Not an async function: the publish flow counts two events on every post, and
   * the common case (counted, nothing written) returns one shared settled promise.
   */
  add(event: string, reason: string, at?: Date): Promise<void> {
    return this.count(event, reason, at) ? this.flush() : COUNTED;
  }

  /**
   * Counts one event now without waiting: a batch write it triggers runs in the background, like
   * the timer's (a failed one keeps its counts for the next, and goes to `onError`).
   */
  addNow(event: string, reason: string): void {
    if (this.count(event, reason)) this.flush().catch((err: unknown) => this.options.onError?.(err));
  }

  /** Adds the event to the batch; true when the batch is to be written now, else the timer runs. */
  private count(event: string, reason: string, at?: Date): boolean {
    const day = this.day(at ?? Date.now());
    const key = `${day}\u0000${event}\u0000${reason}`;
    const d = this.pending.get(key);
    if (d) d.count++;
    else this.pending.set(key, { day, event, reason, count: 1 });
    this.pendingEvents++;
    if (this.flushMs <= 0 || this.pendingEvents >= this.maxEvents) return true;
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush().catch((err: unknown) => this.options.onError?.(err));
      }, this.flushMs);
      this.timer.unref?.();
    }
    return false;
  }

  /** Events counted and not yet written. */
  get size(): number {
    return this.pendingEvents;
  }

  /** Writes everything pending in one batch. On failure the counts go back into the buffer. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    // One flush at a time: a second caller waits for the running one, then writes what is left.
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.pendingEvents = 0;
    const run = (async () => {
      try {
        await this.options.write(batch);
      } catch (err) {
        for (const d of batch) {
          const key = `${d.day}\u0000${d.event}\u0000${d.reason}`;
          const cur = this.pending.get(key);
          if (cur) cur.count += d.count;
          else this.pending.set(key, d);
          this.pendingEvents += d.count;
        }
        throw err;
      }
    })();
    this.flushing = run.finally(() => {
      this.flushing = undefined;
    }).catch(() => undefined);
    await run;
  }

  /** Stops the timer without writing (after a final `flush()`, or when the store is gone). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
