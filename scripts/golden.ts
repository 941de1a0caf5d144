/**
 * `npm run golden:update`: rewrites fixtures/golden/findings.jsonl from what the scanner finds now
 * (see golden-lib.ts), and prints what changed. `npm run golden` (no flag) only checks and prints
 * the diff, exiting 1 when the file is out of date. Review the diff before committing an update.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GOLDEN_FILE, computeGolden, corpusTexts, diffGolden, parseGolden, serialize } from './golden-lib';

const root = join(__dirname, '..');
const update = process.argv.includes('--update');
const started = Date.now();
const file = join(root, GOLDEN_FILE);
const before = existsSync(file) ? parseGolden(readFileSync(file, 'utf8')) : [];
const now = computeGolden(root);
const diff = diffGolden(before, now, corpusTexts(root), update ? 200 : 60);
const secs = ((Date.now() - started) / 1000).toFixed(1);
if (update) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, serialize(now));
  const findings = now.reduce((n, p) => n + p.findings.length, 0);
  console.log(`${GOLDEN_FILE}: ${now.length} posts, ${findings} findings (${secs} s).`);
  console.log(before.length === 0 ? 'Written from scratch.' : diff || 'No change.');
} else if (diff) {
  console.log(`${GOLDEN_FILE} is out of date (${secs} s):\n${diff}\n\nIf the change is intended: npm run golden:update, and commit the file.`);
  process.exitCode = 1;
} else {
  console.log(`${GOLDEN_FILE}: up to date (${now.length} posts, ${secs} s).`);
}
