/**
 * The worker-thread side of createScanPool (src/pool.ts): piscina loads this file (built to
 * dist/cjs/scan-worker.js) in each worker. A worker keeps one scanner per distinct options (one
 * per pool in practice) and answers one scan per task with the findings and their normalized
 * values (which the main thread re-attaches, so findingValue() gives the same answer as inline).
 */
import { createScanner, findingValue } from './scanner';
import type { ScanOptions, ScannerOptions, ScanResult, Scanner } from './types';

export interface ScanTask {
  /** JSON of the scanner options: the key of this worker's scanner cache. */
  key: string;
  options: ScannerOptions;
  text: string;
  scanOptions: ScanOptions;
}

export interface ScanReply {
  result: ScanResult;
  values: string[];
}

const scanners = new Map<string, Scanner>();

export default function scanTask(task: ScanTask): ScanReply {
  let scanner = scanners.get(task.key);
  if (!scanner) {
    scanner = createScanner(task.options);
    scanners.set(task.key, scanner);
  }
  const result = scanner.scan(task.text, task.scanOptions);
  return { result, values: result.findings.map(findingValue) };
}
