import type { CountryCode } from 'libphonenumber-js';
import { PreflightError } from '../errors';
import type { LocaleInfo } from './types';

/** Locales with rule packs (context words, phone regions, address formats). */
export const SUPPORTED_LOCALES = ['en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IN', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'pt-BR'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

const DEFAULT_REGION: Record<string, CountryCode> = { en: 'US', de: 'DE', fr: 'FR', es: 'ES', it: 'IT', nl: 'NL', pt: 'BR' };

// A BCP 47 tag: language (2–3 letters), optional script (4), optional region (2 letters or 3 digits).
const TAG = /^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?$/;

export function parseLocale(tag: string): LocaleInfo {
  const m = TAG.exec(tag);
  if (!m) throw new PreflightError('invalid_options', `locale "${tag}" is not a BCP 47 tag such as "en-US"`);
  const language = (m[1] as string).toLowerCase();
  const region = (m[3]?.toUpperCase() ?? DEFAULT_REGION[language] ?? 'US') as CountryCode;
  return { tag, language, region };
}
