/**
 * Generates the core labeled corpus: fixtures/posts/core-{phone,email,checksums,mixed,negatives,tech}.jsonl.
 * Deterministic (seeded); run `npx tsx scripts/gen-core-fixtures.ts` and commit the output.
 * Hand-written posts live in fixtures/posts/core-handwritten.jsonl and are not touched.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKS, type Pack } from './corpus/packs';
import { TECH } from './corpus/tech';
import * as V from './corpus/values';
import { LOCALES, type FixtureFormat, type FixtureLabel, type FixturePost } from './eval-lib';

type LabelType = 'email' | 'phone' | 'address' | 'payment_card' | 'iban' | 'national_id';
type Subject = 'self' | 'third_party' | 'unknown';

interface Pii {
  type: LabelType;
  text: string;
  subject: Subject;
  /** mailto:/tel: target, when the value may be rendered as a link. */
  target?: string;
  linkKind?: 'mailto' | 'tel';
}
type Seg = string | Pii;
type Block =
  | { k: 'p'; segs: Seg[] }
  | { k: 'h'; text: string }
  | { k: 'quote'; who: string; segs: Seg[] }
  | { k: 'code'; lang: string; text: string }
  | { k: 'sig'; segs: Seg[] };

const g = new V.Gen(V.makeRng(20261129));
const FORMATS: FixtureFormat[] = ['plain', 'markdown', 'html', 'bbcode'];

function pack(locale: string): Pack {
  const p = PACKS[locale];
  if (!p) throw new Error(`no pack for ${locale}`);
  return p;
}

/** Replaces the single `{X}` in a template with a PII item. */
function fill(template: string, pii: Pii): Seg[] {
  const i = template.indexOf('{X}');
  if (i === -1) return [template, ' ', pii];
  return [template.slice(0, i), pii, template.slice(i + 3)];
}

/** Fills hard-negative slots; records which kinds were used. */
function fillNeg(template: string, locale: string, used: Set<string>): string {
  const p = pack(locale);
  const slots: Record<string, () => string> = {
    DATE: () => V.date(g, locale),
    TIME: () => V.time(g, locale),
    PRICE: () => V.price(g, locale),
    ORDER: () => V.order(g),
    TRACK: () => V.track(g),
    INVOICE: () => V.invoice(g),
    TICKET: () => V.ticket(g),
    SCORE: () => V.score(g),
    YEARS: () => V.years(g),
    EMERG: () => g.pick(V.EMERGENCY[locale] ?? ['112']),
    ISBN: () => V.isbn(g),
    MODEL: () => V.model(g),
    PART: () => V.part(g),
    VERSION: () => V.version(g),
    COORD: () => V.coord(g),
    MENTION: () => V.mention(g, p.names),
  };
  let out = template;
  for (const [k, f] of Object.entries(slots)) {
    const tag = `{${k}}`;
    while (out.includes(tag)) {
      out = out.replace(tag, f());
      used.add(k.toLowerCase());
    }
  }
  return out;
}

function escapeHtml(s: string): string {
  return s.split('&').join('&amp;').split('<').join('&lt;').split('>').join('&gt;');
}

interface Rendered {
  text: string;
  labels: FixtureLabel[];
}

function render(blocks: Block[], format: FixtureFormat, locale: string): Rendered {
  const labels: FixtureLabel[] = [];
  const addLabel = (type: LabelType, text: string, subject: Subject): void => {
    if (!labels.some((l) => l.type === type && l.text === text)) labels.push({ type, text, subject });
  };
  const segText = (s: Seg): string => {
    if (typeof s === 'string') return format === 'html' ? escapeHtml(s) : s;
    if (!s.target || !s.linkKind || format === 'plain' || !g.chance(0.6)) {
      addLabel(s.type, s.text, s.subject);
      return s.text;
    }
    const href = `${s.linkKind}:${s.target}`;
    const visibleIsValue = g.chance(0.85);
    if (visibleIsValue) addLabel(s.type, s.text, s.subject);
    addLabel(s.type, s.target, s.subject);
    const en = locale.startsWith('en');
    const linkWord = s.linkKind === 'mailto' ? g.pick(en ? ['this address', '✉️ email'] : ['✉️', '📧 mail']) : g.pick(en ? ['this number', '📞 tap to call'] : ['📞', '☎️']);
    const visible = visibleIsValue ? s.text : linkWord;
    if (format === 'markdown') return g.chance(0.15) && s.linkKind === 'mailto' && visibleIsValue && s.text === s.target ? `<${s.text}>` : `[${visible}](${href})`;
    if (format === 'html') return `<a href="${href}">${visible}</a>`;
    if (s.linkKind === 'mailto' && visibleIsValue && s.text === s.target && g.chance(0.5)) return `[email]${s.text}[/email]`;
    return `[url=${href}]${visible}[/url]`;
  };
  const segs = (ss: Seg[]): string => ss.map(segText).join('');
  const p = pack(locale);
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.k) {
      case 'h':
        out.push(format === 'markdown' ? `### ${b.text}` : format === 'html' ? `<h3>${escapeHtml(b.text)}</h3>` : format === 'bbcode' ? `[b]${b.text}[/b]` : b.text);
        break;
      case 'p':
        out.push(format === 'html' ? `<p>${segs(b.segs)}</p>` : segs(b.segs));
        break;
      case 'quote': {
        const body = segs(b.segs);
        if (format === 'markdown') out.push(`> **${b.who}** ${p.wrote}\n> ${body.split('\n').join('\n> ')}`);
        else if (format === 'html') out.push(`<blockquote><cite>${b.who} ${p.wrote}</cite><p>${body}</p></blockquote>`);
        else if (format === 'bbcode') out.push(`[quote=${b.who}]${body}[/quote]`);
        else out.push(`${b.who} ${p.wrote}\n> ${body.split('\n').join('\n> ')}`);
        break;
      }
      case 'code':
        if (format === 'markdown') out.push(`\`\`\`${b.lang}\n${b.text}\n\`\`\``);
        else if (format === 'html') out.push(`<pre><code class="language-${b.lang}">${escapeHtml(b.text)}</code></pre>`);
        else if (format === 'bbcode') out.push(`[code]${b.text}[/code]`);
        else out.push(b.text);
        break;
      case 'sig': {
        const body = segs(b.segs);
        if (format === 'html') out.push(`<div class="signature">${body.split('\n').join('<br>')}</div>`);
        else if (format === 'bbcode') out.push(`[size=1]${body}[/size]`);
        else out.push(format === 'markdown' ? `---\n${body}` : `--\n${body}`);
        break;
      }
    }
  }
  const sep = format === 'html' ? (g.chance(0.5) ? '\n' : '') : '\n\n';
  return { text: out.join(sep), labels };
}

function phonePii(locale: string, subject: Subject, spelled = false): Pii {
  const region = V.REGION[locale];
  if (!region) throw new Error(locale);
  const text = spelled ? V.spelledPhone(g, locale) : V.phone(g, locale);
  const pii: Pii = { type: 'phone', text, subject };
  if (!spelled) {
    pii.target = V.e164(text, region);
    pii.linkKind = 'tel';
  }
  return pii;
}

/** Forum-style sloppiness on filler text (never on PII): a swapped letter pair or a lower-case start. */
function sloppy(text: string): string {
  if (text.length < 12 || !g.chance(0.25)) return text;
  if (g.chance(0.4)) return text[0]?.toLowerCase() + text.slice(1);
  const words = text.split(' ');
  const i = g.int(0, words.length - 1);
  const w = words[i] ?? '';
  const allLetters = [...w].every((c) => c.toLowerCase() !== c.toUpperCase());
  if (w.length >= 5 && allLetters) {
    const k = g.int(1, w.length - 3);
    words[i] = w.slice(0, k) + (w[k + 1] ?? '') + (w[k] ?? '') + w.slice(k + 2);
  }
  return words.join(' ');
}

function greetAndSignoff(p: Pack, blocks: Block[], body: Block[], sig?: Block): void {
  for (const b of body) {
    if (b.k === 'p' || b.k === 'quote') b.segs = b.segs.map((x) => (typeof x === 'string' ? sloppy(x) : x));
  }
  if (g.chance(0.3)) body.splice(g.chance(0.5) ? 0 : body.length, 0, { k: 'p', segs: [g.pick(p.chatter)] });
  const greet = g.pick(p.greet);
  if (g.chance(0.3)) blocks.push({ k: 'h', text: g.pick(p.titles.filter((_, i) => i !== 1 && i !== 3 && i !== p.titles.length - 1)) });
  if (greet) blocks.push({ k: 'p', segs: [greet] });
  blocks.push(...body);
  const so = g.pick(p.signoff);
  if (so) blocks.push({ k: 'p', segs: [so] });
  if (sig) blocks.push(sig);
  else if (g.chance(0.25)) blocks.push({ k: 'sig', segs: [g.pick(p.sigs)] });
}

let counter = 0;
function makeId(kind: string, locale: string): string {
  counter++;
  return `core-${kind}-${locale.toLowerCase()}-${String(counter).padStart(4, '0')}`;
}

function post(kind: string, locale: string, format: FixtureFormat, blocks: Block[], note: string): FixturePost {
  const r = render(blocks, format, locale);
  return { id: makeId(kind, locale), locale, format, text: r.text, labels: r.labels, note };
}

/** Maybe one everyday hard-negative sentence, to keep positives from being all contact lines. */
function distractor(locale: string, used: Set<string>): Block[] {
  if (!g.chance(0.4)) return [];
  return [{ k: 'p', segs: [fillNeg(g.pick(pack(locale).neg), locale, used)] }];
}

function phonePost(locale: string, format: FixtureFormat, i: number): FixturePost {
  const p = pack(locale);
  const used = new Set<string>();
  const mode = i % 6;
  const body: Block[] = [];
  let sig: Block | undefined;
  let note: string;
  if (mode === 0 || mode === 1) {
    const ph = phonePii(locale, 'self', mode === 1 && i % 12 === 1 && locale !== 'it-IT' && locale !== 'nl-NL' && locale !== 'pt-BR' && locale !== 'en-IN');
    body.push({ k: 'p', segs: [g.pick(p.intros)] });
    body.push(...distractor(locale, used));
    body.push({ k: 'p', segs: fill(g.pick(p.selfPhone), ph) });
    note = `self-disclosed phone ${ph.target ? (ph.text.startsWith('+') || ph.text.startsWith('00') ? 'international format' : 'national format') : 'partly spelled out in words'}`;
  } else if (mode === 2) {
    const ph = phonePii(locale, 'third_party');
    const who = g.pick(p.names);
    body.push({ k: 'quote', who, segs: [g.pick(p.intros)] });
    body.push({ k: 'p', segs: fill(g.pick(p.thirdPhone), ph) });
    note = 'reply quoting a post; third-party phone';
  } else if (mode === 3) {
    const ph = phonePii(locale, 'self');
    body.push({ k: 'p', segs: [g.pick(p.intros)] });
    body.push(...distractor(locale, used));
    sig = { k: 'sig', segs: [`${g.pick(p.names)}\n`, ...fill(g.pick(p.unknownPhone), ph)] };
    note = 'phone in the signature';
  } else if (mode === 4) {
    const a = phonePii(locale, 'self');
    const b = phonePii(locale, 'self');
    body.push({ k: 'p', segs: [g.pick(p.intros)] });
    body.push({ k: 'p', segs: [...fill(g.pick(p.selfPhone), a)] });
    body.push({ k: 'p', segs: [...fill(g.pick(p.unknownPhone), b)] });
    note = 'two phone numbers';
  } else if (i % 12 === 11) {
    const ph = phonePii(locale, 'self');
    const spaced = [...ph.text].filter((c) => c === '+' || (c >= '0' && c <= '9')).join(' ');
    ph.text = spaced.startsWith('+ ') ? `+${spaced.slice(2)}` : spaced;
    delete ph.target;
    delete ph.linkKind;
    body.push({ k: 'p', segs: [g.pick(p.intros)] });
    body.push({ k: 'p', segs: fill(g.pick(p.selfPhone), ph) });
    note = 'self-disclosed phone written as spaced-out single digits';
  } else {
    const ph = phonePii(locale, 'unknown');
    body.push({ k: 'p', segs: [g.pick(p.intros)] });
    body.push({ k: 'p', segs: fill(g.pick(p.unknownPhone), ph) });
    body.push(...distractor(locale, used));
    note = 'phone with a contact label, subject unclear';
  }
  const blocks: Block[] = [];
  greetAndSignoff(p, blocks, body, sig);
  if (used.size > 0) note += `; also non-PII ${[...used].join(', ')}`;
  return post('phone', locale, format, blocks, note);
}

function emailPost(locale: string, format: FixtureFormat, i: number): FixturePost {
  const p = pack(locale);
  const used = new Set<string>();
  const obf = i % 5 >= 3;
  const form = V.emailForm(g, locale, format, obf);
  const third = i % 4 === 2;
  const pii: Pii = { type: 'email', text: form.text, subject: third ? 'third_party' : 'self' };
  if (form.plain) {
    pii.target = form.plain;
    pii.linkKind = 'mailto';
  }
  const body: Block[] = [];
  if (third) body.push({ k: 'quote', who: g.pick(p.names), segs: [g.pick(p.intros)] });
  else body.push({ k: 'p', segs: [g.pick(p.intros)] });
  body.push(...distractor(locale, used));
  body.push({ k: 'p', segs: fill(g.pick(third ? p.thirdEmail : p.selfEmail), pii) });
  const blocks: Block[] = [];
  greetAndSignoff(p, blocks, body);
  let note = `${third ? 'third-party' : 'self'} email, ${form.note}`;
  if (used.size > 0) note += `; also non-PII ${[...used].join(', ')}`;
  return post('email', locale, format, blocks, note);
}

const ID_LOCALES: Record<string, () => string> = {
  'en-US': () => V.ssn(g),
  'es-ES': () => V.dni(g),
  'nl-NL': () => V.bsn(g),
  'pt-BR': () => V.cpf(g),
};

function checksumPost(locale: string, format: FixtureFormat, i: number): FixturePost | undefined {
  const p = pack(locale);
  const used = new Set<string>();
  const kinds: string[] = ['card'];
  if (p.selfIban.length > 0 && locale !== 'en-US' && locale !== 'en-CA' && locale !== 'en-AU' && locale !== 'en-IN') kinds.push('iban');
  if (ID_LOCALES[locale] && p.selfId.length > 0) kinds.push('id');
  const kind = kinds[i % kinds.length] ?? 'card';
  let pii: Pii;
  let tmpl: string;
  if (kind === 'card') {
    pii = { type: 'payment_card', text: V.card(g), subject: 'self' };
    tmpl = g.pick(p.selfCard);
  } else if (kind === 'iban') {
    pii = { type: 'iban', text: i % 7 === 1 && locale === 'de-DE' ? 'DE89 3704 0044 0532 0130 00' : i % 7 === 1 && locale === 'en-GB' ? 'GB82 WEST 1234 5698 7654 32' : V.iban(g, locale), subject: 'self' };
    tmpl = g.pick(p.selfIban.length > 0 ? p.selfIban : ['IBAN: {X}']);
  } else {
    const make = ID_LOCALES[locale];
    if (!make) return undefined;
    pii = { type: 'national_id', text: make(), subject: 'self' };
    tmpl = g.pick(p.selfId);
  }
  const body: Block[] = [{ k: 'p', segs: fill(tmpl, pii) }];
  body.push(...distractor(locale, used));
  const blocks: Block[] = [];
  greetAndSignoff(p, blocks, body);
  let note = `${pii.type} (${kind === 'card' ? 'Luhn-valid test number' : kind === 'iban' ? 'mod-97-valid IBAN' : 'checksum-valid national id'}), self`;
  if (used.size > 0) note += `; also non-PII ${[...used].join(', ')}`;
  return post('checksum', locale, format, blocks, note);
}

const GB_IBAN_TMPL = ['Bank details for the deposit: {X}, sort code is in there.'];

function negEveryday(locale: string, format: FixtureFormat): FixturePost {
  const p = pack(locale);
  const used = new Set<string>();
  const body: Block[] = [];
  if (g.chance(0.6)) body.push({ k: 'p', segs: [g.pick(p.intros)] });
  if (g.chance(0.25)) body.push({ k: 'quote', who: g.pick(p.names), segs: [fillNeg(g.pick(p.neg), locale, used)] });
  const n = g.int(1, 3);
  const sentences: string[] = [];
  for (let j = 0; j < n; j++) sentences.push(fillNeg(g.pick(p.neg), locale, used));
  body.push({ k: 'p', segs: [sentences.join(g.chance(0.5) ? ' ' : '\n')] });
  const blocks: Block[] = [];
  greetAndSignoff(p, blocks, body);
  return post('neg', locale, format, blocks, `no PII; hard negatives: ${[...used].join(', ') || 'none'}`);
}

function negTech(locale: string, format: FixtureFormat, t: number): FixturePost {
  const p = pack(locale);
  const used = new Set<string>();
  const tech = TECH[t % TECH.length];
  if (!tech) throw new Error('no tech block');
  const body: Block[] = [{ k: 'p', segs: [fillNeg(g.pick(p.techBefore), locale, used)] }, { k: 'code', lang: tech.lang, text: tech.text }];
  const after = fillNeg(g.pick(p.techAfter), locale, used);
  if (after) body.push({ k: 'p', segs: [after] });
  const blocks: Block[] = [];
  greetAndSignoff(p, blocks, body);
  const extra = used.size > 0 ? `; text also has ${[...used].join(', ')}` : '';
  return post('tech', locale, format, blocks, `no PII; code block: ${tech.note}${extra}`);
}

const ADDRESS_MIXED: Record<string, { addr: string; lead: string }> = {
  'en-US': { addr: '1234 Maple Street, Apt 5B, Springfield, IL 62704', lead: 'Pickup is at my place, {X}.' },
  'en-GB': { addr: '27 Acacia Avenue, Headingley, Leeds LS6 2AB', lead: 'Collection from {X}, round the back.' },
  'de-DE': { addr: 'Musterstraße 12, 10115 Berlin', lead: 'Abholung bei mir: {X}, 2. OG.' },
  'fr-FR': { addr: '12 rue des Lilas, 69003 Lyon', lead: 'À récupérer chez moi, {X}.' },
  'es-ES': { addr: 'Calle del Olmo 23, 3º B, 28012 Madrid', lead: 'Se recoge en {X}.' },
  'it-IT': { addr: 'Via dei Tigli 15, 20121 Milano', lead: 'Ritiro a casa mia in {X}.' },
  'nl-NL': { addr: 'Lindelaan 14, 3512 AB Utrecht', lead: 'Ophalen op {X}.' },
  'pt-BR': { addr: 'Rua das Palmeiras, 321 - Centro, Curitiba - PR, 80010-120', lead: 'Retirada na {X}.' },
};

function mixedPost(locale: string, format: FixtureFormat, i: number): FixturePost {
  const p = pack(locale);
  const used = new Set<string>();
  const ph = phonePii(locale, 'self');
  const form = V.emailForm(g, locale, format, i % 3 === 2);
  const em: Pii = { type: 'email', text: form.text, subject: 'self' };
  if (form.plain) {
    em.target = form.plain;
    em.linkKind = 'mailto';
  }
  const body: Block[] = [{ k: 'p', segs: [g.pick(p.intros)] }];
  body.push({ k: 'p', segs: [fillNeg(g.pick(p.neg), locale, used)] });
  const addr = ADDRESS_MIXED[locale];
  const withAddr = addr !== undefined && i % 4 === 0;
  if (withAddr && addr) body.push({ k: 'p', segs: fill(addr.lead, { type: 'address', text: addr.addr, subject: 'self' }) });
  body.push({ k: 'p', segs: fill(g.pick(p.selfPhone), ph) });
  body.push({ k: 'p', segs: fill(g.pick(p.selfEmail), em) });
  if (i % 2 === 1) {
    const tech = g.pick(TECH);
    body.push({ k: 'code', lang: tech.lang, text: tech.text });
    used.add(tech.note);
  }
  const blocks: Block[] = [];
  greetAndSignoff(p, blocks, body);
  return post('mixed', locale, format, blocks, `phone + email (${form.note})${withAddr ? ' + address' : ''}; non-PII: ${[...used].join(', ')}`);
}

function main(): void {
  const files: Record<string, FixturePost[]> = { phone: [], email: [], checksums: [], mixed: [], negatives: [], tech: [] };
  let f = 0;
  const nextFormat = (): FixtureFormat => FORMATS[f++ % FORMATS.length] ?? 'plain';
  for (const locale of LOCALES) {
    for (let i = 0; i < 16; i++) files.phone?.push(phonePost(locale, nextFormat(), i));
    for (let i = 0; i < 11; i++) files.email?.push(emailPost(locale, nextFormat(), i));
    for (let i = 0; i < 6; i++) {
      const c = checksumPost(locale, nextFormat(), i);
      if (c) files.checksums?.push(c);
    }
    if (locale === 'en-GB') {
      const pii: Pii = { type: 'iban', text: V.iban(g, 'en-GB'), subject: 'self' };
      files.checksums?.push(post('checksum', locale, nextFormat(), [{ k: 'p', segs: fill(g.pick(GB_IBAN_TMPL), pii) }], 'iban (mod-97-valid GB IBAN), self'));
    }
    for (let i = 0; i < 4; i++) files.mixed?.push(mixedPost(locale, nextFormat(), i));
    for (let i = 0; i < 20; i++) files.negatives?.push(negEveryday(locale, nextFormat()));
    for (let i = 0; i < 12; i++) files.tech?.push(negTech(locale, nextFormat(), i + LOCALES.indexOf(locale) * 5));
  }
  const dir = join(__dirname, '..', 'fixtures', 'posts');
  for (const [name, posts] of Object.entries(files)) {
    writeFileSync(join(dir, `core-${name}.jsonl`), posts.map((x) => JSON.stringify(x)).join('\n') + '\n');
    process.stdout.write(`core-${name}.jsonl: ${posts.length} posts\n`);
  }
}

main();
