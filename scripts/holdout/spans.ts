/**
 * Span accuracy on the held-out corpus. The shared scorer counts any overlap as a hit; this
 * reports how much of each found label the findings of its type cover, and how many characters
 * they add outside it, so partial or overlong spans show up.
 *
 *   npx tsx scripts/holdout/spans.ts [--dir fixtures/holdout] [--list]
 */
import { resolve } from 'node:path';
import { createScanner } from '../../src/scanner';
import type { Scanner } from '../../src/types';
import { labelSpans, loadFixtures, overlaps } from '../eval-lib';

const argv = process.argv.slice(2);
const di = argv.indexOf('--dir');
const dir = resolve(di >= 0 && argv[di + 1] ? argv[di + 1] as string : resolve(__dirname, '..', '..', 'fixtures', 'holdout'));
const list = argv.includes('--list');

interface Row {
  found: number;
  exact: number;
  partial: number;
  overlong: number;
  coverSum: number;
}

const rows = new Map<string, Row>();
const scanners = new Map<string, Scanner>();
const examples: string[] = [];
for (const post of loadFixtures(dir)) {
  let scanner = scanners.get(post.locale);
  if (!scanner) {
    scanner = createScanner({ locales: [post.locale] });
    scanners.set(post.locale, scanner);
  }
  const findings = scanner.scan(post.text, { format: post.format }).findings;
  for (const l of labelSpans(post)) {
    const hits = findings.filter((f) => f.type === l.type && overlaps(f.start, f.end, l.start, l.end));
    if (hits.length === 0) continue;
    const row = rows.get(l.type) ?? { found: 0, exact: 0, partial: 0, overlong: 0, coverSum: 0 };
    rows.set(l.type, row);
    row.found++;
    let covered = 0;
    for (let i = l.start; i < l.end; i++) if (hits.some((f) => f.start <= i && i < f.end)) covered++;
    const lo = Math.min(...hits.map((f) => f.start));
    const hi = Math.max(...hits.map((f) => f.end));
    const extra = Math.max(0, l.start - lo) + Math.max(0, hi - l.end);
    const cover = covered / (l.end - l.start);
    row.coverSum += cover;
    if (cover >= 0.999 && extra === 0) row.exact++;
    if (cover < 0.9) row.partial++;
    if (extra > 2) row.overlong++;
    if (list && (cover < 0.9 || extra > 2)) {
      examples.push(`${post.id} ${l.type} label=${JSON.stringify(l.text)} found=${JSON.stringify(post.text.slice(lo, hi))} cover=${cover.toFixed(2)} extra=${extra}`);
    }
  }
}
process.stdout.write('type            found   exact  partial(<90%)  overlong(>2ch)  mean cover\n');
for (const [type, r] of [...rows].sort()) {
  process.stdout.write(
    `${type.padEnd(14)} ${String(r.found).padStart(6)} ${String(r.exact).padStart(7)} ${String(r.partial).padStart(14)} ${String(r.overlong).padStart(15)} ${(r.coverSum / r.found).toFixed(3).padStart(11)}\n`,
  );
}
if (list) process.stdout.write(`\n${examples.join('\n')}\n`);
