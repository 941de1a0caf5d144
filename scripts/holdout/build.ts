/**
 * Builds the blind held-out corpus: fixtures/holdout/holdout-<locale>.jsonl.
 *   npx tsx scripts/holdout/build.ts
 * Deterministic: the same sources give the same files. Check with scripts/check-holdout.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Format, type Post, type Template } from './engine';
import { EN_NEG, EN_POS } from './en';
import { DE_NEG, DE_POS, FR_NEG, FR_POS } from './de';
import { ES_NEG, ES_POS, IT_NEG, IT_POS, NL_NEG, NL_POS, PT_NEG, PT_POS } from './es';
import { SPECIALS, type Special } from './specials';
import { SPECIALS2 } from './specials2';
import { Fill, NEG_FRAMES, rng } from './neggen';

const CYCLE: Format[] = ['plain', 'markdown', 'plain', 'html', 'bbcode', 'plain', 'html', 'markdown'];
const EN_LOCALES = ['en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IN'];

const posts: Post[] = [];
const ids = new Set<string>();

function add(locale: string, tpl: Template, fmtIdx: number, seed: number, kind: string): void {
  const fmt = tpl.formats ? (tpl.formats[fmtIdx % tpl.formats.length] ?? 'plain') : (CYCLE[fmtIdx % CYCLE.length] ?? 'plain');
  let id = `ho-${locale.toLowerCase()}-${kind}-${tpl.key}`;
  for (let n = 2; ids.has(id); n++) id = `ho-${locale.toLowerCase()}-${kind}-${tpl.key}-${n}`;
  ids.add(id);
  posts.push(build(id, locale, fmt, tpl, seed));
}

// English templates: positives in two of the five English locales, negatives in one, in different formats.
[...EN_POS.map((t) => ['p', t] as const), ...EN_NEG.map((t) => ['n', t] as const)].forEach(([kind, tpl], ti) => {
  for (let j = 0; j < (kind === 'p' ? 2 : 1); j++) {
    const locale = EN_LOCALES[(ti + 2 * j) % EN_LOCALES.length] ?? 'en-US';
    add(locale, tpl, ti * 3 + j, ti * 7 + j * 3, kind);
  }
});

// Other languages: each template twice, different values and formats.
const OTHER: [string, Template[], Template[]][] = [
  ['de-DE', DE_POS, DE_NEG],
  ['fr-FR', FR_POS, FR_NEG],
  ['es-ES', ES_POS, ES_NEG],
  ['it-IT', IT_POS, IT_NEG],
  ['nl-NL', NL_POS, NL_NEG],
  ['pt-BR', PT_POS, PT_NEG],
];
OTHER.forEach(([locale, pos, neg], li) => {
  [...pos.map((t) => ['p', t] as const), ...neg.map((t) => ['n', t] as const)].forEach(([kind, tpl], ti) => {
    for (let j = 0; j < (kind === 'p' ? 2 : 1); j++) add(locale, tpl, ti * 2 + j + li, ti * 5 + j + li, kind);
  });
});

// Generated hard negatives: varied numbers, versions, ids, dates (no PII).
const LOCALES = [...EN_LOCALES, ...OTHER.map(([l]) => l)];
LOCALES.forEach((locale, li) => {
  const frames = NEG_FRAMES[locale] ?? [];
  const fill = new Fill(rng(1000 + li));
  for (let k = 0; k < 12; k++) {
    const frame = frames[(k + li * 3) % frames.length];
    if (!frame) continue;
    const tpl: Template = { key: `gen${String(k + 1).padStart(2, '0')}`, note: 'generated hard negative: versions, ids, dates, scores', t: () => frame(fill) };
    add(locale, tpl, k + li, 0, 'n');
  }
});

// Hand-written hard cases.
function addSpecials(list: Special[], tag: string): void {
  list.forEach(([locale, format, text, labels, note], i) => {
    const id = `ho-${locale.toLowerCase()}-${tag}-${String(i + 1).padStart(3, '0')}`;
    if (ids.has(id)) throw new Error(`duplicate id ${id}`);
    ids.add(id);
    posts.push({
      id,
      locale,
      format: format as Format,
      text,
      labels: labels.map(([type, t, subject]) => (subject ? { type, text: t, subject } : { type, text: t })),
      note,
    });
  });
}
addSpecials(SPECIALS, 'x');
addSpecials(SPECIALS2, 'y');

const outDir = resolve(__dirname, '..', '..', 'fixtures', 'holdout');
mkdirSync(outDir, { recursive: true });
const byLocale = new Map<string, Post[]>();
for (const p of posts) byLocale.set(p.locale, [...(byLocale.get(p.locale) ?? []), p]);
for (const [locale, ps] of byLocale) {
  writeFileSync(join(outDir, `holdout-${locale}.jsonl`), ps.map((p) => JSON.stringify(p)).join('\n') + '\n');
}
const pos = posts.filter((p) => p.labels.length > 0).length;
process.stdout.write(`wrote ${posts.length} posts (${pos} with PII, ${posts.length - pos} without) in ${byLocale.size} files\n`);
