/**
 * Rendering for the held-out corpus generator: templates mark PII inline, the engine renders the
 * post in its format (plain / markdown / html / bbcode) and then turns the marks into labels that
 * are exact substrings of the rendered text.
 */
import { CARDS, KITS, grouped, ibanOf, type Kit } from './kits';

export type Format = 'plain' | 'markdown' | 'html' | 'bbcode';
export type Subject = 'self' | 'third_party' | 'unknown' | '-';

export interface Label {
  type: string;
  text: string;
  subject?: string;
}

export interface Post {
  id: string;
  locale: string;
  format: Format;
  text: string;
  labels: Label[];
  note?: string;
}

const OPEN = '\u0001';
const MID = '\u0002';
const CLOSE = '\u0003';

export function mark(type: string, subject: Subject, value: string): string {
  return `${OPEN}${type}|${subject}${MID}${value}${CLOSE}`;
}

/** Values handed to a template; each call rotates through the kit so posts differ. */
export class Vals {
  private n = 0;
  private lastName: string | undefined;
  constructor(
    readonly kit: Kit,
    readonly seed: number,
    readonly fmt: Format,
  ) {}
  private pick<T>(xs: readonly T[]): T {
    const v = xs[(this.seed + this.n++) % xs.length];
    if (v === undefined) throw new Error('empty list');
    return v;
  }
  name(): string {
    this.lastName = this.pick(this.kit.names);
    return this.lastName;
  }
  first(): string {
    return (this.pick(this.kit.names).split(' ')[0] ?? 'Sam');
  }
  rawPhone(): string {
    return this.pick(this.kit.phones);
  }
  ph(s: Subject = 'self'): string {
    return mark('phone', s, this.pick(this.kit.phones));
  }
  intl(s: Subject = 'self'): string {
    return mark('phone', s, this.pick(this.kit.intl));
  }
  rawAddr(): string {
    return this.pick(this.kit.addrs);
  }
  addr(s: Subject = 'self'): string {
    return mark('address', s, this.pick(this.kit.addrs));
  }
  ml(s: Subject = 'self'): string {
    return mark('address', s, this.pick(this.kit.mlAddrs));
  }
  biz(s: Subject = 'unknown'): string {
    return mark('address', s, this.pick(this.kit.bizAddrs));
  }
  rawEmail(local?: string): string {
    const base = local ?? (this.lastName ?? this.pick(this.kit.names)).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z ]/g, '').split(' ').join('.');
    return `${base}@${this.pick(this.kit.domains)}`;
  }
  email(s: Subject = 'self', local?: string): string {
    return mark('email', s, this.rawEmail(local));
  }
  card(s: Subject = 'self'): string {
    return mark('payment_card', s, CARDS[(this.seed + this.n++) % CARDS.length] ?? '4111 1111 1111 1111');
  }
  iban(s: Subject = 'self', spaced = true): string {
    const i = ibanOf(this.kit.ibanCountry, this.pick(this.kit.bbans));
    return mark('iban', s, spaced ? grouped(i) : i);
  }
  /** A same-shaped IBAN with wrong check digits (a hard negative). */
  badIban(): string {
    const i = ibanOf(this.kit.ibanCountry, this.pick(this.kit.bbans));
    const cd = Number(i.slice(2, 4));
    const wrong = String(((cd + 11) % 97) + 2).padStart(2, '0');
    return grouped(`${i.slice(0, 2)}${wrong}${i.slice(4)}`);
  }
  nid(s: Subject = 'self'): string {
    return mark('national_id', s, this.pick(this.kit.nids));
  }
  /** Pick one of several literal alternatives. */
  one(...xs: string[]): string {
    return this.pick(xs);
  }
}

export interface Template {
  /** Short key used in the id and note. */
  key: string;
  t: (v: Vals) => string;
  /** Formats this template may be rendered in; default all four. */
  formats?: Format[];
  /** Text is already in its final markup (no escaping or paragraph wrapping). */
  raw?: boolean;
  note: string;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Renders neutral template text in a format. Marks pass through untouched. */
export function render(text: string, fmt: Format, raw: boolean): string {
  if (raw || fmt === 'plain') return text;
  if (fmt === 'markdown') {
    // Turn a leading "Title:" line into a heading; quoted lines already use "> ".
    return text.replace(/^([A-Z][^\n`.,:]{2,40}):\n/, '## $1\n\n');
  }
  if (fmt === 'html') {
    const paras = escapeHtml(text).split(/\n{2,}/);
    return paras
      .map((p) => {
        if (p.startsWith('&gt; ')) return `<blockquote>${p.replace(/^&gt; /gm, '').replace(/\n/g, '<br>\n')}</blockquote>`;
        if (p.startsWith('```')) return `<pre><code>${p.replace(/^```[a-z]*\n?|\n?```$/g, '')}</code></pre>`;
        return `<p>${p.replace(/\n/g, '<br>\n')}</p>`;
      })
      .join('\n');
  }
  // bbcode
  return text
    .split(/\n{2,}/)
    .map((p) => {
      if (p.startsWith('> ')) return `[quote]${p.replace(/^> /gm, '')}[/quote]`;
      if (p.startsWith('```')) return `[code]${p.replace(/^```[a-z]*\n?|\n?```$/g, '')}[/code]`;
      return p;
    })
    .join('\n\n')
    .replace(/^([A-Z][^\n`.,:]{2,40}):\n/, '[b]$1[/b]\n');
}

/** Strips the marks and returns the final text with its labels. */
export function extract(marked: string): { text: string; labels: Label[] } {
  let out = '';
  const labels: Label[] = [];
  let i = 0;
  while (i < marked.length) {
    const o = marked.indexOf(OPEN, i);
    if (o === -1) {
      out += marked.slice(i);
      break;
    }
    out += marked.slice(i, o);
    const m = marked.indexOf(MID, o);
    const c = marked.indexOf(CLOSE, m);
    if (m === -1 || c === -1) throw new Error(`broken mark in ${JSON.stringify(marked.slice(o, o + 40))}`);
    const [type, subject] = marked.slice(o + 1, m).split('|');
    const value = marked.slice(m + 1, c);
    out += value;
    if (!labels.some((l) => l.type === type && l.text === value)) {
      const l: Label = { type: type ?? '', text: value };
      if (subject && subject !== '-') l.subject = subject;
      labels.push(l);
    }
    i = c + 1;
  }
  return { text: out, labels };
}

export function kitFor(locale: string): Kit {
  const k = KITS[locale];
  if (!k) throw new Error(`no kit for ${locale}`);
  return k;
}

export function build(id: string, locale: string, fmt: Format, tpl: Template, seed: number): Post {
  const v = new Vals(kitFor(locale), seed, fmt);
  const marked = render(tpl.t(v), fmt, tpl.raw === true);
  const { text, labels } = extract(marked);
  const post: Post = { id, locale, format: fmt, text, labels, note: tpl.note };
  return post;
}
