/**
 * createScanPool(): the scanner with long posts scanned off the event loop, in a pool of worker
 * threads (piscina). Posts shorter than `minLength` are scanned inline (a worker round trip costs
 * more than scanning them); longer ones in a worker, so a 256 KB post does not hold up other
 * requests. Same options, same findings, same errors as createScanner; the methods return promises.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { PreflightError } from './errors';
import { attachValue, combineFields, createScanner, FORMATS } from './scanner';
import type { ScanReply, ScanTask } from './scan-worker';
import type { ScanFieldsResult, ScanOptions, ScanResult, Scanner, ScannerOptions } from './types';

export interface ScanPoolOptions extends ScannerOptions {
  /** Posts at least this long (UTF-16 units) are scanned in a worker thread. Default 65536. */
  minLength?: number;
  /** Worker threads. Default: the machine's parallelism minus one (at least 1). */
  maxThreads?: number;
}

export interface ScanPool {
  scan(text: string, options?: ScanOptions): Promise<ScanResult>;
  scanFields(fields: Record<string, string | undefined | null>, options?: ScanOptions): Promise<ScanFieldsResult>;
  readonly options: Scanner['options'] & { minLength: number; maxThreads: number };
  /** Stops the worker threads (pending scans finish first). */
  close(): Promise<void>;
}

export const DEFAULT_POOL_MIN_LENGTH = 65536;

/** The compiled worker module beside this one (dist/cjs/scan-worker.js; the ESM entry re-exports this graph). */
function workerFile(): string {
  const file = join(__dirname, 'scan-worker.js');
  if (!existsSync(file)) {
    throw new PreflightError('invalid_options', `createScanPool: the worker module ${file} was not found; use the built package (npm run build)`);
  }
  return file;
}

export function createScanPool(options: ScanPoolOptions = {}): ScanPool {
  if (typeof options !== 'object' || options === null) throw new PreflightError('invalid_options', 'createScanPool(options): options must be an object');
  const { minLength = DEFAULT_POOL_MIN_LENGTH, maxThreads = Math.max(1, availableParallelism() - 1), ...scannerOptions } = options;
  if (!(Number.isInteger(minLength) && minLength >= 0)) throw new PreflightError('invalid_options', 'createScanPool: `minLength` must be a non-negative integer');
  if (!(Number.isInteger(maxThreads) && maxThreads > 0)) throw new PreflightError('invalid_options', 'createScanPool: `maxThreads` must be a positive integer');
  // Validates the scanner options once, here, and scans the short posts.
  const local = createScanner(scannerOptions);
  const pool = new Piscina({ filename: workerFile(), minThreads: 1, maxThreads, idleTimeout: 60_000 });
  const key = JSON.stringify(scannerOptions);

  async function scan(text: string, scanOptions: ScanOptions = {}): Promise<ScanResult> {
    const format = scanOptions.format ?? 'plain';
    // Short posts, and every input the scanner refuses (its checks are cheap), stay inline.
    if (typeof text !== 'string' || text.length < minLength || text.length > local.options.maxLength || !FORMATS.includes(format)) {
      return local.scan(text, scanOptions);
    }
    const task: ScanTask = { key, options: scannerOptions, text, scanOptions: { format } };
    const reply = (await pool.run(task)) as ScanReply;
    reply.result.findings.forEach((f, i) => attachValue(f, reply.values[i] as string));
    return reply.result;
  }

  async function scanFields(fields: Record<string, string | undefined | null>, scanOptions: ScanOptions = {}): Promise<ScanFieldsResult> {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      throw new PreflightError('invalid_input', 'scanFields(fields): fields must be an object of field name → string');
    }
    const names = Object.keys(fields).filter((f) => fields[f] !== undefined && fields[f] !== null);
    for (const field of names) {
      if (typeof fields[field] !== 'string') throw new PreflightError('invalid_input', `field "${field}" must be a string, got ${typeof fields[field]}`, { field });
    }
    const results = await Promise.all(names.map((field) => scan(fields[field] as string, scanOptions)));
    return combineFields(names.map((field, i) => [field, results[i] as ScanResult]), local.options.maxFindings);
  }

  return {
    scan,
    scanFields,
    options: Object.freeze({ ...local.options, minLength, maxThreads }),
    close: () => pool.destroy(),
  };
}
