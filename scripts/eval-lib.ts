import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Scoring for the labeled corpus (fixtures/posts/*.jsonl), shared by scripts/eval.ts and
 * test/eval.test.ts. Rules (docs/fixtures.md): a finding is a true positive when it overlaps a
 * label span of the same type; a label span is found when a finding of its type overlaps it.
 * A label without `occurrence` stands for every occurrence of its text in the post.
 */

export const LOCALES = [
  'en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IN', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'pt-BR',
] as const;
export const FORMATS = ['plain', 'markdown', 'html', 'bbcode'] as const;
export const LABEL_TYPES = ['email', 'phone', 'address', 'payment_card', 'iban', 'national_id'] as const;
export const SUBJECTS = ['self', 'third_party', 'unknown'] as const;

export type FixtureFormat = (typeof FORMATS)[number];

export interface FixtureLabel {
  type: string;
  text: string;
  subject?: string;
  occurrence?: number;
}

export interface FixturePost {
  id: string;
  locale: string;
  format: FixtureFormat;
  text: string;
  labels: FixtureLabel[];
  note?: string;
}

/** The part of a scanner finding the scorer needs. */
export interface ScoredFinding {
  type: string;
  start: number;
  end: number;
  text?: string;
  reasons?: string[];
  ruleId?: string;
  confidence?: number;
  subject?: string;
}

export interface LabelSpan {
  type: string;
  start: number;
  end: number;
  text: string;
  subject?: string;
}

export class FixtureError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'FixtureError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function includes<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (list as readonly string[]).includes(v);
}

/** All start offsets of `needle` in `hay` (overlapping occurrences included). */
export function occurrences(hay: string, needle: string): number[] {
  const out: number[] = [];
  if (needle.length === 0) return out;
  let i = hay.indexOf(needle);
  while (i !== -1) {
    out.push(i);
    i = hay.indexOf(needle, i + 1);
  }
  return out;
}

/** Checks one parsed JSON value and returns it typed, or throws a message (no file/line). */
export function validatePost(v: unknown): FixturePost {
  if (!isRecord(v)) throw new Error('not a JSON object');
  const { id, locale, format, text, labels, note } = v;
  if (typeof id !== 'string' || id.length === 0) throw new Error('missing "id"');
  if (!includes(LOCALES, locale)) throw new Error(`${id}: unknown locale ${JSON.stringify(locale)}`);
  if (!includes(FORMATS, format)) throw new Error(`${id}: unknown format ${JSON.stringify(format)}`);
  if (typeof text !== 'string' || text.length === 0) throw new Error(`${id}: missing "text"`);
  if (!Array.isArray(labels)) throw new Error(`${id}: "labels" must be an array`);
  if (note !== undefined && typeof note !== 'string') throw new Error(`${id}: "note" must be a string`);
  const out: FixtureLabel[] = [];
  for (const l of labels) {
    if (!isRecord(l)) throw new Error(`${id}: a label is not an object`);
    if (!includes(LABEL_TYPES, l.type)) throw new Error(`${id}: unknown label type ${JSON.stringify(l.type)}`);
    if (typeof l.text !== 'string' || l.text.length === 0) throw new Error(`${id}: label without text`);
    if (l.subject !== undefined && !includes(SUBJECTS, l.subject)) {
      throw new Error(`${id}: unknown subject ${JSON.stringify(l.subject)}`);
    }
    const count = occurrences(text, l.text).length;
    if (count === 0) throw new Error(`${id}: label text ${JSON.stringify(l.text)} does not occur in the post`);
    if (l.occurrence !== undefined) {
      if (typeof l.occurrence !== 'number' || !Number.isInteger(l.occurrence) || l.occurrence < 1) {
        throw new Error(`${id}: "occurrence" must be a positive integer`);
      }
      if (l.occurrence > count) {
        throw new Error(`${id}: label ${JSON.stringify(l.text)} occurrence ${l.occurrence} but it occurs ${count} time(s)`);
      }
    }
    const label: FixtureLabel = { type: l.type, text: l.text };
    if (typeof l.subject === 'string') label.subject = l.subject;
    if (typeof l.occurrence === 'number') label.occurrence = l.occurrence;
    out.push(label);
  }
  const post: FixturePost = { id, locale, format, text, labels: out };
  if (typeof note === 'string') post.note = note;
  return post;
}

/** Parses one .jsonl file; blank lines are skipped. Throws FixtureError naming file and line. */
export function parseFixtureFile(content: string, file: string): FixturePost[] {
  const posts: FixturePost[] = [];
  const lines = content.split('\n');
  lines.forEach((raw, idx) => {
    const line = raw.trim();
    if (line === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      throw new FixtureError(file, idx + 1, `invalid JSON: ${(e as Error).message}`);
    }
    try {
      posts.push(validatePost(parsed));
    } catch (e) {
      throw new FixtureError(file, idx + 1, (e as Error).message);
    }
  });
  return posts;
}

/** Ids that appear more than once across the given posts. */
export function duplicateIds(posts: readonly FixturePost[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const p of posts) {
    if (seen.has(p.id)) dup.add(p.id);
    seen.add(p.id);
  }
  return [...dup];
}

/** The gold spans of a post: one per labeled occurrence, duplicates (same type and span) merged. */
export function labelSpans(post: FixturePost): LabelSpan[] {
  const spans: LabelSpan[] = [];
  const keys = new Set<string>();
  for (const l of post.labels) {
    const starts = occurrences(post.text, l.text);
    const chosen = l.occurrence === undefined ? starts : starts.slice(l.occurrence - 1, l.occurrence);
    for (const s of chosen) {
      const key = `${l.type}:${s}:${s + l.text.length}`;
      if (keys.has(key)) continue;
      keys.add(key);
      const span: LabelSpan = { type: l.type, start: s, end: s + l.text.length, text: l.text };
      if (l.subject !== undefined) span.subject = l.subject;
      spans.push(span);
    }
  }
  return spans.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Half-open ranges [a0, a1) and [b0, b1) share at least one character. */
export function overlaps(a0: number, a1: number, b0: number, b1: number): boolean {
  return a0 < b1 && b0 < a1;
}

export interface PostScore {
  id: string;
  locale: string;
  /** Findings that overlap a label of their type. */
  tp: ScoredFinding[];
  /** Findings that overlap no label of their type. */
  fp: ScoredFinding[];
  /** Label spans some finding of their type overlaps. */
  found: LabelSpan[];
  /** Label spans no finding of their type overlaps. */
  missed: LabelSpan[];
  /** The post has at least one label (of the scored types). */
  goldPositive: boolean;
  /** The scanner reported at least one finding (of the scored types). */
  predictedPositive: boolean;
  /** For each found label with a subject: [labeled subject, subject of the first overlapping finding]. */
  subjects: [string, string][];
}

/**
 * Scores one post. `types`, when given, restricts both labels and findings to those types.
 */
export function scorePost(post: FixturePost, findings: readonly ScoredFinding[], types?: readonly string[]): PostScore {
  const keep = (t: string): boolean => types === undefined || types.length === 0 || types.includes(t);
  const spans = labelSpans(post).filter((s) => keep(s.type));
  const fs = findings.filter((f) => keep(f.type));
  const tp: ScoredFinding[] = [];
  const fp: ScoredFinding[] = [];
  for (const f of fs) {
    const hit = spans.some((s) => s.type === f.type && overlaps(f.start, f.end, s.start, s.end));
    (hit ? tp : fp).push(f);
  }
  const found: LabelSpan[] = [];
  const missed: LabelSpan[] = [];
  const subjects: [string, string][] = [];
  for (const s of spans) {
    const hit = fs.find((f) => f.type === s.type && overlaps(f.start, f.end, s.start, s.end));
    (hit ? found : missed).push(s);
    if (hit && s.subject !== undefined) subjects.push([s.subject, hit.subject ?? 'none']);
  }
  return {
    id: post.id,
    locale: post.locale,
    tp,
    fp,
    found,
    missed,
    goldPositive: spans.length > 0,
    predictedPositive: fs.length > 0,
    subjects,
  };
}

export interface Counts {
  /** Findings matching a label. */
  tp: number;
  fp: number;
  /** Labels found. */
  found: number;
  fn: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision over findings, recall over labels; an empty denominator counts as 1 (nothing wrong). */
export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.found + c.fn === 0 ? 1 : c.found / (c.found + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export interface PostLevel {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Report {
  posts: number;
  byType: Record<string, Counts & Prf>;
  overall: Counts & Prf;
  postLevel: PostLevel & Prf;
  /** locale → post-level counts (a post is positive when it has a label of the scored types). */
  postByLocale: Record<string, PostLevel & Prf>;
  /** type → locale → counts, for every type that has labels or findings. */
  byLocale: Record<string, Record<string, Counts & Prf>>;
  /** labeled subject → predicted subject → count, over found labels that carry a subject. */
  subjects: Record<string, Record<string, number>>;
}

function emptyCounts(): Counts {
  return { tp: 0, fp: 0, found: 0, fn: 0 };
}

function bump(map: Record<string, Counts>, key: string): Counts {
  const existing = map[key];
  if (existing) return existing;
  const c = emptyCounts();
  map[key] = c;
  return c;
}

/** Adds up post scores into per-type, per-locale, overall and post-level results. */
export function aggregate(scores: readonly PostScore[]): Report {
  const byType: Record<string, Counts> = {};
  const byLocale: Record<string, Record<string, Counts>> = {};
  const overall = emptyCounts();
  const pl: PostLevel = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const plLoc: Record<string, PostLevel> = {};
  const subjects: Record<string, Record<string, number>> = {};
  const locFor = (type: string, locale: string): Counts => {
    const m = byLocale[type] ?? (byLocale[type] = {});
    return bump(m, locale);
  };
  for (const s of scores) {
    for (const f of s.tp) { bump(byType, f.type).tp++; locFor(f.type, s.locale).tp++; overall.tp++; }
    for (const f of s.fp) { bump(byType, f.type).fp++; locFor(f.type, s.locale).fp++; overall.fp++; }
    for (const l of s.found) { bump(byType, l.type).found++; locFor(l.type, s.locale).found++; overall.found++; }
    for (const l of s.missed) { bump(byType, l.type).fn++; locFor(l.type, s.locale).fn++; overall.fn++; }
    for (const [gold, pred] of s.subjects) {
      const row = subjects[gold] ?? (subjects[gold] = {});
      row[pred] = (row[pred] ?? 0) + 1;
    }
    const cell: keyof PostLevel =
      s.goldPositive && s.predictedPositive ? 'tp' : s.predictedPositive ? 'fp' : s.goldPositive ? 'fn' : 'tn';
    pl[cell]++;
    (plLoc[s.locale] ?? (plLoc[s.locale] = { tp: 0, fp: 0, fn: 0, tn: 0 }))[cell]++;
  }
  const withPrf = (c: Counts): Counts & Prf => ({ ...c, ...prf(c) });
  const typeOut: Record<string, Counts & Prf> = {};
  for (const [t, c] of Object.entries(byType)) typeOut[t] = withPrf(c);
  const locOut: Record<string, Record<string, Counts & Prf>> = {};
  for (const [t, m] of Object.entries(byLocale)) {
    const inner: Record<string, Counts & Prf> = {};
    for (const [l, c] of Object.entries(m)) inner[l] = withPrf(c);
    locOut[t] = inner;
  }
  const postPrf = (c: PostLevel): PostLevel & Prf => ({ ...c, ...prf({ tp: c.tp, fp: c.fp, found: c.tp, fn: c.fn }) });
  const postByLocale: Record<string, PostLevel & Prf> = {};
  for (const [l, c] of Object.entries(plLoc)) postByLocale[l] = postPrf(c);
  return {
    posts: scores.length,
    byType: typeOut,
    overall: withPrf(overall),
    postLevel: postPrf(pl),
    postByLocale,
    byLocale: locOut,
    subjects,
  };
}

function pct(n: number): string {
  return n.toFixed(3);
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
}

/** A plain-text table of a report. `localeTypes` picks the types broken down by locale. */
/**
 * The report as text tables. `localeTypes` are the types shown per locale; `postsByLocale` adds the
 * post-level results per locale.
 */
export function formatReport(r: Report, localeTypes: readonly string[] = ['address', 'phone'], postsByLocale = false): string {
  const lines: string[] = [];
  const head = ['type', 'labels', 'findings', 'TP', 'FP', 'FN', 'P', 'R', 'F1'];
  const widths = [14, 7, 9, 6, 6, 6, 6, 6, 6];
  const line = (name: string, c: Counts & Prf): string =>
    row(
      [name, String(c.found + c.fn), String(c.tp + c.fp), String(c.tp), String(c.fp), String(c.fn), pct(c.precision), pct(c.recall), pct(c.f1)],
      widths,
    );
  lines.push(`posts: ${r.posts}   (TP = findings overlapping a label; FN = labels no finding overlaps)`);
  lines.push(row(head, widths));
  const order = [...LABEL_TYPES, ...Object.keys(r.byType).filter((t) => !includes(LABEL_TYPES, t)).sort()];
  for (const t of order) {
    const c = r.byType[t];
    if (c) lines.push(line(t, c));
  }
  lines.push(line('ALL', r.overall));
  const p = r.postLevel;
  lines.push('');
  lines.push(
    `post level: TP ${p.tp}  FP ${p.fp}  FN ${p.fn}  TN ${p.tn}   P ${pct(p.precision)}  R ${pct(p.recall)}  F1 ${pct(p.f1)}`,
  );
  const golds = Object.keys(r.subjects).sort();
  if (golds.length > 0) {
    let agree = 0;
    let total = 0;
    const parts: string[] = [];
    for (const gold of golds) {
      const row = r.subjects[gold] ?? {};
      const n = Object.values(row).reduce((a, b) => a + b, 0);
      agree += row[gold] ?? 0;
      total += n;
      const cells = Object.entries(row).sort((a, b) => b[1] - a[1]).map(([pred, c]) => `${pred} ${c}`).join(', ');
      parts.push(`  labeled ${gold.padEnd(11)} (${n}): predicted ${cells}`);
    }
    lines.push('');
    lines.push(`subject of found labels: ${agree}/${total} agree (${pct(total === 0 ? 1 : agree / total)})`);
    lines.push(...parts);
    // Per class: precision = of the values read as this subject, how many are labeled so;
    // recall = of the values labeled so, how many are read so.
    const preds = new Set<string>();
    for (const gold of golds) for (const pred of Object.keys(r.subjects[gold] ?? {})) preds.add(pred);
    for (const cls of [...new Set([...golds, ...preds])].filter((c) => c !== 'none').sort()) {
      const tp = r.subjects[cls]?.[cls] ?? 0;
      const labeled = Object.values(r.subjects[cls] ?? {}).reduce((a, b) => a + b, 0);
      const predicted = golds.reduce((a, g) => a + (r.subjects[g]?.[cls] ?? 0), 0);
      const prec = predicted === 0 ? 1 : tp / predicted;
      const rec = labeled === 0 ? 1 : tp / labeled;
      lines.push(`  subject ${cls.padEnd(11)} P ${pct(prec)} (${tp}/${predicted})  R ${pct(rec)} (${tp}/${labeled})`);
    }
  }
  for (const t of localeTypes) {
    const m = r.byLocale[t];
    if (!m) continue;
    lines.push('');
    lines.push(`${t} by locale`);
    lines.push(row(['locale', 'labels', 'findings', 'TP', 'FP', 'FN', 'P', 'R', 'F1'], widths));
    for (const loc of LOCALES) {
      const c = m[loc];
      if (c) lines.push(line(loc, c));
    }
  }
  if (postsByLocale) {
    lines.push('');
    lines.push('post level by locale');
    const pw = [8, 6, 5, 5, 5, 5, 6, 6, 6];
    lines.push(row(['locale', 'posts', 'TP', 'FP', 'FN', 'TN', 'P', 'R', 'F1'], pw));
    for (const loc of LOCALES) {
      const c = r.postByLocale[loc];
      if (!c) continue;
      const n = c.tp + c.fp + c.fn + c.tn;
      lines.push(row([loc, String(n), String(c.tp), String(c.fp), String(c.fn), String(c.tn), pct(c.precision), pct(c.recall), pct(c.f1)], pw));
    }
  }
  return lines.join('\n');
}

/** `pattern` with `*` wildcards (or a plain substring) against a file name, without regexes. */
export function matchesPattern(name: string, pattern: string): boolean {
  if (!pattern.includes('*')) return name.includes(pattern);
  const parts = pattern.split('*');
  let pos = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (part === '') continue;
    const at = name.indexOf(part, pos);
    if (at === -1 || (i === 0 && at !== 0)) return false;
    pos = at + part.length;
  }
  const last = parts[parts.length - 1] ?? '';
  return last === '' || name.endsWith(last);
}

/**
 * Reads every `*.jsonl` in `dir` (optionally only names matching `pattern`). Throws FixtureError
 * naming the file and line of the first broken post, or of a duplicate id.
 */
export function loadFixtures(dir: string, pattern?: string): FixturePost[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') && (pattern === undefined || matchesPattern(f, pattern)))
    .sort();
  const posts: FixturePost[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const path = join(dir, f);
    const rel = relative(process.cwd(), path);
    const shown = rel === '' || rel.startsWith('..') ? path : rel;
    const content = readFileSync(path, 'utf8');
    const parsed = parseFixtureFile(content, shown);
    const lines = content.split('\n');
    for (const p of parsed) {
      const first = seen.get(p.id);
      if (first !== undefined) {
        const line = lines.findIndex((l) => l.includes(`"id":"${p.id}"`) || l.includes(`"id": "${p.id}"`)) + 1;
        throw new FixtureError(shown, line, `duplicate id ${p.id} (first in ${first})`);
      }
      seen.set(p.id, shown);
    }
    posts.push(...parsed);
  }
  return posts;
}
