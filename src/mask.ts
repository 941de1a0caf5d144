/**
 * Masked renderings of found values, safe to show to moderators and to write to the
 * acknowledgement log: enough shape to recognise the kind of value, never enough to recover it.
 */
import type { PiiType } from './types';
import providerList from '../rules/lists/email-providers.json';

const BULLET = '\u2022';

/** Digits become bullets except the last `keep`; other characters stay (the number's shape). */
function maskDigits(s: string, keep: number, keepLeading = 0): string {
  let total = 0;
  for (const ch of s) if (ch >= '0' && ch <= '9') total++;
  let seen = 0;
  let out = '';
  for (const ch of s) {
    if (ch >= '0' && ch <= '9') {
      seen++;
      out += seen <= keepLeading || seen > total - keep ? ch : BULLET;
    } else out += ch;
  }
  return out;
}

export function maskEmail(s: string): string {
  const at = s.lastIndexOf('@');
  if (at <= 0) return maskWords(s);
  const local = s.slice(0, at);
  return (local[0] ?? '') + BULLET.repeat(3) + s.slice(at);
}

export function maskPhone(s: string): string {
  const t = s.trim();
  // Keep a leading "+CC" visible (country codes are 1–3 digits, up to the first separator).
  const cc = /^\+(\d{1,3})(?=[\s.\-(/]|$)/.exec(t);
  const digits = t.replace(/\D/g, '').length;
  // Partly spelled out ("five five five, oh one three four"): every letter and digit is hidden.
  if (/\p{L}/u.test(t)) return maskDigits(t.replace(/\p{L}/gu, BULLET), 0, cc ? (cc[1] as string).length : 0);
  return maskDigits(t, digits > 6 ? 4 : 2, cc ? (cc[1] as string).length : 0);
}

const LETTER = /\p{L}/u;
const NUMBER = /\p{N}/u;

/** First letter of each word, the rest bullets; digits all bullets. */
export function maskWords(s: string): string {
  let out = '';
  let inWord = false;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    // ASCII by code, the rest by Unicode class.
    const isDigit = c < 128 ? c >= 48 && c <= 57 : NUMBER.test(ch);
    const isLetter = c < 128 ? (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : LETTER.test(ch);
    if (isDigit) {
      out += BULLET;
      inWord = true;
    } else if (isLetter) {
      out += inWord ? BULLET : ch;
      inWord = true;
    } else {
      out += ch;
      inWord = false;
    }
  }
  return out;
}

/** Masks a value of a type: never returns the raw value for anything longer than 3 characters. */
export function mask(type: PiiType, text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  switch (type) {
    case 'email':
      return s.includes('@') ? maskEmail(s) : maskWords(s);
    case 'phone':
      return maskPhone(s);
    case 'payment_card':
    case 'national_id':
      return maskDigits(s, 4);
    case 'iban': {
      const compact = s.replace(/\s/g, '');
      const last4 = compact.slice(-4);
      return compact.slice(0, 2) + BULLET.repeat(Math.max(0, compact.length - 6)) + last4;
    }
    default:
      return maskWords(s);
  }
}

/** The normalized form of a value, for allowlists and keyed hashes. */
export function normalizeValue(type: PiiType, text: string): string {
  switch (type) {
    case 'email':
      return text.replace(/\s+/g, '').toLowerCase();
    case 'phone':
    case 'payment_card':
    case 'national_id':
      return text.replace(/[^\d+]/g, '');
    case 'iban':
      return text.replace(/\s+/g, '').toUpperCase();
    default:
      return text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  }
}

const PROVIDERS: ReadonlySet<string> = new Set((providerList as { domains: string[] }).domains.map((d) => d.toLowerCase()));
// Second-level labels under which names are registered (example.co.uk, example.com.au): kept with the TLD.
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'ltd', 'plc', 'me', 'gen', 'nom', 'asso', 'gouv']);

/** True when `domain` is a mail provider's (rules/lists/email-providers.json): it identifies nobody. */
export function isMailProvider(domain: string): boolean {
  return PROVIDERS.has(domain.toLowerCase());
}

/**
 * Masks a domain down to its first letter and its public suffix: `ortega-family.net` →
 * `o•••.net`, `mail.smith.co.uk` → `m•••.co.uk`. A mail provider's domain stays readable.
 */
export function maskDomain(domain: string): string {
  if (domain === '' || isMailProvider(domain)) return domain;
  const labels = domain.split('.');
  if (labels.length < 2) return (domain[0] ?? '') + BULLET.repeat(3);
  let suffixLabels = 1;
  const sld = labels[labels.length - 2] ?? '';
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length >= 3 && tld.length === 2 && SECOND_LEVEL.has(sld.toLowerCase())) suffixLabels = 2;
  const suffix = labels.slice(-suffixLabels).join('.');
  return `${domain[0] ?? ''}${BULLET.repeat(3)}.${suffix}`;
}

/**
 * The masked value as stored (log, review queue, preferences): for an email, the domain is masked
 * too unless it is a mail provider's (`k•••@ortega-family.net` → `k•••@o•••.net`). Idempotent.
 */
export function maskForStorage(type: PiiType, masked: string): string {
  if (type !== 'email') return masked;
  const at = masked.lastIndexOf('@');
  if (at < 0) return masked;
  const domain = masked.slice(at + 1);
  if (domain.includes(BULLET)) return masked;
  return masked.slice(0, at + 1) + maskDomain(domain);
}
