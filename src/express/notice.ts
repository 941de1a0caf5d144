/**
 * The notice shown before an author publishes personal information, in the author's language
 * (picked by `Accept-Language`), versioned, replaceable by the integrator. The acknowledgement log
 * stores the exact text shown.
 */
import en from '../../rules/notices/en.json';
import de from '../../rules/notices/de.json';
import fr from '../../rules/notices/fr.json';
import es from '../../rules/notices/es.json';
import it from '../../rules/notices/it.json';
import nl from '../../rules/notices/nl.json';
import pt from '../../rules/notices/pt.json';
import { PreflightError } from '../errors';
import type { WidgetMessages } from '../widget/strings';

/** The notice option: one text per language tag (`en`, `de`, `pt-BR`…) and a version. */
export interface NoticeOptions {
  /** Bound into acknowledgement tokens and logged: change it whenever a text changes. */
  version: string;
  /** Text per language; `en` (or the first entry) is the fallback. */
  texts: Record<string, string>;
}

/** The page's strings: `ui` (shared with the widget) and `page` (the server's warning page only). */
export type UiStrings = typeof en.ui & typeof en.page;
export type FindingMessages = typeof en.findings;

interface LocalePack {
  locale: string;
  notice: string;
  findings: FindingMessages;
  ui: typeof en.ui;
  page: typeof en.page;
  /** Strings only the composer widget shows (it receives them from the check route). */
  widget: typeof en.widget;
  /** Token errors (`pii_ack_*`) in words the author understands. */
  errors: typeof en.errors;
  /** A host's "my acknowledgements" page: headings, outcomes, reasons, type names. */
  log: typeof en.log;
}

/** The words of an author's "my acknowledgements" page (see the demo forum's `/me/acknowledgements`). */
export type AcknowledgementLogStrings = typeof en.log;

/** The request header (value `1`) with which the widget asks for its texts in the negotiated language. */
export const MESSAGES_HEADER = 'PII-Messages';

/** The languages every poster-facing text is written in. */
export const SHIPPED_LOCALES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt'] as const;
export type ShippedLocale = (typeof SHIPPED_LOCALES)[number];

const PACKS: Record<ShippedLocale, LocalePack> = { en, de, fr, es, it, nl, pt };

/** Version of the shipped notice texts. */
export const DEFAULT_NOTICE_VERSION = '2026-12-03.1';

/** The shipped notice: English text of the contract plus de, fr, es, it, nl, pt. */
export const defaultNotice: NoticeOptions = {
  version: DEFAULT_NOTICE_VERSION,
  texts: Object.fromEntries(SHIPPED_LOCALES.map((l) => [l, PACKS[l].notice])),
};

export interface LanguageRange {
  tag: string;
  q: number;
}

// Accepts a language range: "*" or 1-8 letters, then up to 8 subtags of 1-8 letters/digits
// ("en", "en-US", "zh-Hant-TW", "de-CH-1996"). Rejects empty tags, underscores, spaces, over-long subtags.
const RANGE = /^(?:\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8}){0,8})$/;
// Accepts a q-value per RFC 9110: "0", "1", "0.5", "0.123", "1.000". Rejects "2", ".5", "0.1234", "abc".
const QVALUE = /^(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * Parses an `Accept-Language` header into ranges sorted by q (highest first; equal q keeps the
 * header order). Malformed entries are skipped; `q=0` entries are dropped.
 */
export function parseAcceptLanguage(header: string | undefined): LanguageRange[] {
  if (!header) return [];
  const out: Array<LanguageRange & { i: number }> = [];
  const parts = header.slice(0, 4096).split(',');
  for (let i = 0; i < parts.length && i < 64; i++) {
    const [rawTag, ...params] = (parts[i] ?? '').split(';');
    const tag = (rawTag ?? '').trim();
    if (!RANGE.test(tag)) continue;
    let q = 1;
    let bad = false;
    for (const param of params) {
      const [name, value] = param.split('=').map((s) => s.trim());
      if (name?.toLowerCase() !== 'q') continue;
      if (value === undefined || !QVALUE.test(value)) { bad = true; break; }
      q = Number(value);
    }
    if (bad || q <= 0) continue;
    out.push({ tag: tag.toLowerCase(), q, i });
  }
  out.sort((a, b) => b.q - a.q || a.i - b.i);
  return out.map(({ tag, q }) => ({ tag, q }));
}

/**
 * Picks the best available language for a header: an exact tag match, then the header tag's
 * primary language, then an available tag of the same primary language; `*` takes the fallback.
 * Returns the available tag as given.
 */
export function negotiateLocale(header: string | undefined, available: readonly string[], fallback: string): string {
  const lower = available.map((a) => a.toLowerCase());
  for (const { tag } of parseAcceptLanguage(header)) {
    if (tag === '*') return fallback;
    const exact = lower.indexOf(tag);
    if (exact >= 0) return available[exact] as string;
    const primary = tag.split('-')[0] as string;
    const prim = lower.indexOf(primary);
    if (prim >= 0) return available[prim] as string;
    const sibling = lower.findIndex((a) => a.split('-')[0] === primary);
    if (sibling >= 0) return available[sibling] as string;
  }
  return fallback;
}

/** Checks a notice option at setup. */
export function validateNotice(value: unknown): NoticeOptions {
  const bad = (why: string): never => {
    throw new PreflightError('invalid_options', `preflight(): \`notice\` ${why}. Pass { version: '2026-01', texts: { en: '…', de: '…' } }.`);
  };
  if (typeof value !== 'object' || value === null) bad('must be an object');
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) if (key !== 'version' && key !== 'texts') bad(`has an unknown property \`${key}\``);
  if (typeof v.version !== 'string' || v.version.length === 0) bad('needs a non-empty string `version`');
  if (typeof v.texts !== 'object' || v.texts === null) bad('needs `texts`, one text per language');
  const texts = v.texts as Record<string, unknown>;
  const keys = Object.keys(texts);
  if (keys.length === 0) bad('needs at least one text');
  for (const k of keys) {
    if (!RANGE.test(k) || k === '*') bad(`has an invalid language tag \`${k}\``);
    if (typeof texts[k] !== 'string' || (texts[k] as string).trim().length === 0) bad(`text for \`${k}\` must be a non-empty string`);
  }
  return { version: v.version as string, texts: { ...(texts as Record<string, string>) } };
}

export interface ResolvedNotice {
  /** The language tag of the text shown (a key of `notice.texts`). */
  locale: string;
  /** The exact text shown. */
  text: string;
  version: string;
  /** Finding messages and page strings in the closest shipped language. */
  findings: FindingMessages;
  ui: UiStrings;
}

/** The shipped language closest to a tag (`pt-PT` → `pt`, `nl-BE` → `nl`); English otherwise. */
export function shippedLocale(tag: string | undefined): ShippedLocale {
  const primary = (tag ?? '').trim().toLowerCase().split('-')[0] ?? '';
  return (SHIPPED_LOCALES as readonly string[]).includes(primary) ? (primary as ShippedLocale) : 'en';
}

function packFor(locale: string): LocalePack {
  return PACKS[shippedLocale(locale)];
}

/** The notice and strings for a request's `Accept-Language`. */
export function resolveNotice(notice: NoticeOptions, acceptLanguage: string | undefined): ResolvedNotice {
  const available = Object.keys(notice.texts);
  const fallback = available.includes('en') ? 'en' : (available[0] as string);
  const locale = negotiateLocale(acceptLanguage, available, fallback);
  const pack = packFor(locale);
  return { locale, text: notice.texts[locale] as string, version: notice.version, findings: pack.findings, ui: { ...pack.ui, ...pack.page } };
}

/** The short message shown beside one finding, e.g. "This looks like a phone number." */
export function findingMessage(type: string, locale = 'en'): string {
  const messages = packFor(locale).findings as Record<string, string>;
  return messages[type] ?? messages.default ?? en.findings.default;
}

/** A token error (`pii_ack_invalid`, `…_expired`, `…_replayed`, `…_mismatch`) in the author's language; undefined for other codes. */
export function tokenErrorMessage(code: string, locale: string): string | undefined {
  const errors = packFor(locale).errors as Record<string, string>;
  return Object.prototype.hasOwnProperty.call(errors, code) ? errors[code] : undefined;
}

/**
 * Every text the composer widget shows, in the shipped language closest to `locale`: the widget
 * bundles English only and receives these from the check route (and the 422 answer) when it asks.
 * `notice` is the given text (the host's own notice) or the shipped one.
 */
export function widgetMessages(locale: string, notice?: string): WidgetMessages {
  const pack = packFor(locale);
  const { ui, widget } = pack;
  return {
    notice: notice ?? pack.notice,
    title: ui.title, intro: ui.intro, blocked: ui.blocked, review: ui.review, reasonLegend: ui.reasonLegend,
    reasonIntended: ui.reasonIntended, reasonNotPersonal: ui.reasonNotPersonal, reasonOther: ui.reasonOther,
    understand: ui.understand, publish: ui.publish, edit: ui.edit, truncated: ui.truncated, remember: ui.remember,
    heldThirdParty: ui.heldThirdParty, heldRepeat: ui.heldRepeat, heldPolicy: ui.heldPolicy, thirdParty: ui.thirdParty,
    reasonConsent: ui.reasonConsent, ackRetry: ui.ackRetry, blockedFinding: ui.blockedFinding,
    ...widget,
    findings: { ...pack.findings },
  };
}

/** The words of a "my acknowledgements" page in the shipped language closest to `Accept-Language` (or a tag), with that language. */
export function acknowledgementLogStrings(acceptLanguage: string | undefined): { locale: ShippedLocale; strings: AcknowledgementLogStrings } {
  const locale = shippedLocale(negotiateLocale(acceptLanguage, SHIPPED_LOCALES, 'en'));
  return { locale, strings: PACKS[locale].log };
}
