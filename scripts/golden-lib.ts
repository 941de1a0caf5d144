/**
 * Golden findings: what the scanner finds in every corpus post (fixtures/posts, fixtures/holdout,
 * and those of fixtures/real and fixtures/subject/{dev,check} that exist), one JSONL line per post, committed as
 * fixtures/golden/findings.jsonl. test/golden.test.ts fails on any difference with a readable diff;
 * `npm run golden:update` rewrites the file on purpose, so every accuracy change shows in review.
 *
 * A line holds the post's file, id, locale and format, and its findings as
 * [type, start, end, ruleId, confidence rounded to 2 places, subject] — offsets, never values.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createScanner } from '../src/scanner';
import type { Format, Scanner } from '../src/types';

export const GOLDEN_DIRS = ['fixtures/posts', 'fixtures/holdout', 'fixtures/real', 'fixtures/subject/dev', 'fixtures/subject/check'] as const;
export const GOLDEN_FILE = 'fixtures/golden/findings.jsonl';

export type GoldenFinding = [type: string, start: number, end: number, ruleId: string, confidence: number, subject: string];

export interface GoldenPost {
  file: string;
  id: string;
  locale: string;
  format: string;
  findings: GoldenFinding[];
}

interface CorpusPost {
  file: string;
  id: string;
  locale: string;
  format: Format;
  text: string;
}

const FORMATS: readonly string[] = ['plain', 'markdown', 'html', 'bbcode'];

/**
 * Every post of the corpus folders that exist under `root`, in file and line order. Only id, text,
 * locale and format are read (labels are the eval's business), so any folder of posts in the
 * fixtures' JSONL shape is accepted; a line that is not such a post fails with its file and line.
 */
export function corpus(root: string): CorpusPost[] {
  const posts: CorpusPost[] = [];
  for (const dir of GOLDEN_DIRS) {
    const abs = join(root, dir);
    if (!existsSync(abs)) continue;
    for (const name of readdirSync(abs).filter((f) => f.endsWith('.jsonl')).sort()) {
      const file = `${dir.replace(/^fixtures\//, '')}/${name}`;
      readFileSync(join(abs, name), 'utf8').split('\n').forEach((line, i) => {
        if (line.trim() === '') return;
        const v = JSON.parse(line) as Partial<Record<'id' | 'text' | 'locale' | 'format', unknown>>;
        if (typeof v.id !== 'string' || typeof v.text !== 'string') throw new Error(`${dir}/${name}:${i + 1}: a post needs a string id and text`);
        const format = typeof v.format === 'string' && FORMATS.includes(v.format) ? (v.format as Format) : 'plain';
        posts.push({ file, id: v.id, locale: typeof v.locale === 'string' ? v.locale : 'en-US', format, text: v.text });
      });
    }
  }
  return posts;
}

/** The golden lines for the corpus as the scanner sees it now. */
export function computeGolden(root: string): GoldenPost[] {
  const scanners = new Map<string, Scanner>();
  return corpus(root).map((post) => {
    let scanner = scanners.get(post.locale);
    if (!scanner) {
      scanner = createScanner({ locales: [post.locale] });
      scanners.set(post.locale, scanner);
    }
    const findings = scanner
      .scan(post.text, { format: post.format })
      .findings.map((f): GoldenFinding => [f.type, f.start, f.end, f.ruleId, Math.round(f.confidence * 100) / 100, f.subject]);
    return { file: post.file, id: post.id, locale: post.locale, format: post.format, findings };
  });
}

export function serialize(posts: readonly GoldenPost[]): string {
  return posts.map((p) => JSON.stringify({ file: p.file, id: p.id, locale: p.locale, format: p.format, findings: p.findings })).join('\n') + '\n';
}

export function parseGolden(content: string): GoldenPost[] {
  return content
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as GoldenPost);
}

const show = (f: GoldenFinding, text: string | undefined) =>
  `${f[0]} ${f[1]}-${f[2]} ${f[3]} ${f[4].toFixed(2)} ${f[5]}${text === undefined ? '' : ` ${JSON.stringify(text.slice(f[1], f[2]))}`}`;

/**
 * A readable diff, post by post: "-" findings that went away, "+" findings that are new (with the
 * matched fixture text), and posts added to or gone from the corpus. Empty when nothing changed.
 */
export function diffGolden(expected: readonly GoldenPost[], actual: readonly GoldenPost[], texts: ReadonlyMap<string, string> = new Map(), limit = 60): string {
  const key = (p: GoldenPost) => `${p.file}#${p.id}`;
  const before = new Map(expected.map((p) => [key(p), p]));
  const after = new Map(actual.map((p) => [key(p), p]));
  const out: string[] = [];
  let lost = 0;
  let gained = 0;
  let posts = 0;
  for (const k of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(k);
    const b = after.get(k);
    if (!b) {
      out.push(`${k}: post no longer in the corpus`);
      posts++;
      continue;
    }
    const text = texts.get(k);
    if (!a) {
      out.push(`${k}: new post`, ...b.findings.map((f) => `  + ${show(f, text)}`));
      posts++;
      gained += b.findings.length;
      continue;
    }
    const as = new Set(a.findings.map((f) => JSON.stringify(f)));
    const bs = new Set(b.findings.map((f) => JSON.stringify(f)));
    const minus = a.findings.filter((f) => !bs.has(JSON.stringify(f)));
    const plus = b.findings.filter((f) => !as.has(JSON.stringify(f)));
    const meta = a.locale !== b.locale || a.format !== b.format ? [`  locale/format ${a.locale}/${a.format} → ${b.locale}/${b.format}`] : [];
    if (minus.length || plus.length || meta.length) {
      posts++;
      lost += minus.length;
      gained += plus.length;
      out.push(`${k}:`, ...meta, ...minus.map((f) => `  - ${show(f, text)}`), ...plus.map((f) => `  + ${show(f, text)}`));
    }
  }
  if (posts === 0) return '';
  const shown = out.slice(0, limit);
  if (out.length > limit) shown.push(`… ${out.length - limit} more lines`);
  return `${posts} post(s) changed: ${lost} finding(s) gone, ${gained} new.\n${shown.join('\n')}`;
}

/** `${file}#${id}` → text, for the diff's context. */
export function corpusTexts(root: string): Map<string, string> {
  return new Map(corpus(root).map((p) => [`${p.file}#${p.id}`, p.text]));
}
