/**
 * `npm run eval`: scores the scanner against the labeled corpus in fixtures/posts/*.jsonl.
 *
 *   tsx scripts/eval.ts [--verbose] [--by-locale] [--type phone[,email]] [--json] [--file pattern] [--dir folder]
 *
 * `--by-locale` prints P/R/F1 per locale for every type (not only address and phone) and the
 * post-level results per locale; `npm run eval:real` uses it on fixtures/real.
 *
 * Exit status 0 (it is a report), 2 when a fixture file is broken or an option is wrong.
 */
import { resolve } from 'node:path';
import { createScanner } from '../src/scanner';
import type { Finding, Scanner } from '../src/types';
import {
  FixtureError,
  aggregate,
  formatReport,
  loadFixtures,
  scorePost,
  type FixturePost,
  type PostScore,
} from './eval-lib';

interface Args {
  /** Per-locale tables for every type with labels or findings, and post level per locale. */
  byLocale: boolean;
  verbose: boolean;
  json: boolean;
  types: string[];
  file?: string;
  dir: string;
}

function usage(msg: string): never {
  process.stderr.write(`eval: ${msg}\nusage: tsx scripts/eval.ts [--verbose] [--by-locale] [--type t[,t]] [--json] [--file pattern] [--dir fixtures/posts]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { byLocale: false, verbose: false, json: false, types: [], dir: resolve(__dirname, '..', 'fixtures', 'posts') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--verbose' || a === '-v') args.verbose = true;
    else if (a === '--json') args.json = true;
    else if (a === '--by-locale') args.byLocale = true;
    else if (a === '--type') args.types.push(...value().split(',').filter(Boolean));
    else if (a === '--file') args.file = value();
    else if (a === '--dir') args.dir = resolve(value());
    else usage(`unknown option ${a}`);
  }
  return args;
}

function loadPosts(args: Args): FixturePost[] {
  try {
    return loadFixtures(args.dir, args.file);
  } catch (e) {
    if (e instanceof FixtureError) {
      process.stderr.write(`eval: broken fixture: ${e.message}\n`);
      process.exit(2);
    }
    usage(`cannot read ${args.dir}: ${(e as Error).message}`);
  }
}

function oneLine(s: string): string {
  return JSON.stringify(s);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const posts = loadPosts(args);
  const scanners = new Map<string, Scanner>();
  const scores: PostScore[] = [];
  const errors: { id: string; message: string }[] = [];
  const t0 = process.hrtime.bigint();
  for (const post of posts) {
    let scanner = scanners.get(post.locale);
    if (!scanner) {
      scanner = createScanner({ locales: [post.locale] });
      scanners.set(post.locale, scanner);
    }
    let findings: Finding[];
    try {
      findings = scanner.scan(post.text, { format: post.format }).findings;
    } catch (e) {
      // A scanner crash is reported and scored as "nothing found", so one bad post does not hide the rest.
      errors.push({ id: post.id, message: (e as Error).message });
      findings = [];
    }
    scores.push(scorePost(post, findings, args.types));
  }
  const elapsedMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const report = aggregate(scores);
  if (args.json) {
    const detail = scores
      .filter((s) => s.fp.length > 0 || s.missed.length > 0)
      .map((s) => ({
        id: s.id,
        locale: s.locale,
        fp: s.fp.map((f) => ({ type: f.type, start: f.start, end: f.end, text: f.text, ruleId: f.ruleId, reasons: f.reasons })),
        fn: s.missed,
      }));
    process.stdout.write(`${JSON.stringify({ report, elapsedMs, errors, detail: args.verbose ? detail : undefined }, null, 2)}\n`);
    return;
  }
  if (args.verbose) {
    for (const s of scores) {
      for (const f of s.fp) {
        process.stdout.write(
          `FP ${s.id} ${f.type} ${oneLine(f.text ?? '')} conf=${f.confidence ?? '?'} rule=${f.ruleId ?? '?'} reasons=${(f.reasons ?? []).join('; ')}\n`,
        );
      }
      for (const l of s.missed) {
        process.stdout.write(`FN ${s.id} ${l.type} ${oneLine(l.text)}${l.subject ? ` subject=${l.subject}` : ''}\n`);
      }
    }
    process.stdout.write('\n');
    const fpByRule = new Map<string, number>();
    const fnByNote = new Map<string, number>();
    scores.forEach((s, i) => {
      for (const f of s.fp) {
        const k = `${f.type} ${f.ruleId ?? '?'}`;
        fpByRule.set(k, (fpByRule.get(k) ?? 0) + 1);
      }
      const note = (posts[i]?.note ?? '').split(';')[0] ?? '';
      for (const l of s.missed) {
        const k = `${l.type} [${posts[i]?.locale}] ${note}`;
        fnByNote.set(k, (fnByNote.get(k) ?? 0) + 1);
      }
    });
    const top = (m: Map<string, number>): string =>
      [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, n]) => `  ${String(n).padStart(4)}  ${k}`).join('\n');
    process.stdout.write(`false positives by type and rule:\n${top(fpByRule)}\n\nmissed labels by type, locale and post note:\n${top(fnByNote)}\n\n`);
  }
  for (const e of errors) process.stdout.write(`SCAN ERROR ${e.id}: ${e.message}\n`);
  if (args.types.length > 0) process.stdout.write(`types: ${args.types.join(', ')}\n`);
  const localeTypes = args.byLocale ? Object.keys(report.byLocale).sort() : undefined;
  process.stdout.write(`${formatReport(report, localeTypes, args.byLocale)}\n`);
  process.stdout.write(`\nscanned ${posts.length} posts in ${elapsedMs.toFixed(0)} ms (scanner construction included)\n`);
}

main();
