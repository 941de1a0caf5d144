/**
 * The widget's texts in en, de, fr, es: the notice, finding messages and acknowledgement labels
 * come from the same rules/notices/*.json packs as the server's warning page; the few strings only
 * the widget needs live here.
 */
// Named imports: the bundler leaves out what the widget does not use (the warning page's `page` strings).
import { notice as enNotice, findings as enFindings, ui as enUi } from '../../rules/notices/en.json';
import { notice as deNotice, findings as deFindings, ui as deUi } from '../../rules/notices/de.json';
import { notice as frNotice, findings as frFindings, ui as frUi } from '../../rules/notices/fr.json';
import { notice as esNotice, findings as esFindings, ui as esUi } from '../../rules/notices/es.json';

export interface WidgetMessages {
  notice: string;
  title: string;
  intro: string;
  blocked: string;
  review: string;
  reasonLegend: string;
  reasonIntended: string;
  reasonNotPersonal: string;
  reasonOther: string;
  understand: string;
  publish: string;
  edit: string;
  maskIt: string;
  maskLabel: string;
  show: string;
  hint: string;
  found: string;
  foundOne: string;
  none: string;
  sending: string;
  failed: string;
  understandRequired: string;
  /** Shown when the server stopped at its findings cap; {n}: the number shown. */
  truncated: string;
  /** "Don't warn me about these values again." (never skips a moderator's review). */
  remember: string;
  /** Why a moderator will check the post, after `review`. */
  heldThirdParty: string;
  heldRepeat: string;
  heldPolicy: string;
  /** Shown when the details seem to be someone else's. */
  thirdParty: string;
  /** The `intended` reason for someone else's details: they agreed. */
  reasonConsent: string;
  /** An acknowledgement token could not be used (expired, post changed): confirm again. */
  ackRetry: string;
  /** Beside a finding the forum does not allow at all (policy `block`). */
  blockedFinding: string;
  /** Finding messages by type, plus `default`. */
  findings: Record<string, string>;
}

type Own = Pick<WidgetMessages, 'maskIt' | 'maskLabel' | 'show' | 'hint' | 'found' | 'foundOne' | 'none' | 'sending' | 'failed' | 'understandRequired'>;

// {n}: number of findings; {value}: a masked value (never the raw one).
const OWN: Record<string, Own> = {
  en: {
    maskIt: 'Mask it', maskLabel: 'Mask {value}', show: 'Show', hint: 'Anyone who reads the post can see it.',
    found: '{n} possible pieces of personal information found in your post.', foundOne: 'Possible personal information found in your post.',
    none: 'No personal information found.', sending: 'Sending…', failed: 'The post could not be sent. Please try again.',
    understandRequired: 'Please confirm that you understand.',
  },
  de: {
    maskIt: 'Schwärzen', maskLabel: '{value} schwärzen', show: 'Im Text zeigen', hint: 'Alle, die den Beitrag lesen, können diese Angabe sehen.',
    found: 'Dein Beitrag enthält möglicherweise {n} persönliche Angaben.', foundOne: 'Dein Beitrag enthält möglicherweise eine persönliche Angabe.',
    none: 'Keine persönlichen Daten gefunden.', sending: 'Wird gesendet…', failed: 'Der Beitrag konnte nicht gesendet werden. Bitte versuche es erneut.',
    understandRequired: 'Bitte bestätige, dass du das verstanden hast.',
  },
  fr: {
    maskIt: 'Anonymiser', maskLabel: 'Anonymiser {value}', show: 'Voir dans le texte', hint: 'Toute personne qui lit le message pourra voir cette information.',
    found: 'Votre message contient peut-être {n} informations personnelles.', foundOne: 'Votre message contient peut-être une information personnelle.',
    none: 'Aucune information personnelle détectée.', sending: 'Envoi en cours…', failed: 'Le message n’a pas pu être envoyé. Veuillez réessayer.',
    understandRequired: 'Veuillez confirmer que vous avez bien compris.',
  },
  es: {
    maskIt: 'Anonimizar', maskLabel: 'Anonimizar {value}', show: 'Ver en el texto', hint: 'Cualquiera que lea el mensaje podrá ver este dato.',
    found: 'Tu mensaje puede contener {n} datos personales.', foundOne: 'Tu mensaje puede contener un dato personal.',
    none: 'No se han encontrado datos personales.', sending: 'Enviando…', failed: 'No se pudo enviar el mensaje. Inténtalo de nuevo.',
    understandRequired: 'Confirma que lo has entendido.',
  },
};

const PACKS = {
  en: { notice: enNotice, findings: enFindings, ui: enUi },
  de: { notice: deNotice, findings: deFindings, ui: deUi },
  fr: { notice: frNotice, findings: frFindings, ui: frUi },
  es: { notice: esNotice, findings: esFindings, ui: esUi },
} as const;

type Lang = 'en' | 'de' | 'fr' | 'es';

function shipped(tag: string | undefined): Lang | undefined {
  const lang = (tag ?? '').toLowerCase().split('-')[0] ?? '';
  return lang === 'de' || lang === 'fr' || lang === 'es' || lang === 'en' ? lang : undefined;
}

/** The language among en, de, fr, es closest to `tag` (e.g. "de-AT" → "de"); English otherwise. */
export function pickLocale(tag: string | undefined): Lang {
  return shipped(tag) ?? 'en';
}

/**
 * The author's language: the host's choice (the user's setting), else the first of the browser's
 * languages (`navigator.languages`) the widget ships, else the page's `<html lang>`, else English.
 */
export function chooseLocale(host: string | undefined, browser: readonly string[], page: string | undefined): Lang {
  if (host) return pickLocale(host);
  for (const tag of browser) {
    const lang = shipped(tag);
    if (lang) return lang;
  }
  return pickLocale(page);
}

/** The full message set for a language, with the integrator's overrides on top. */
export function messagesFor(locale: string, overrides: Partial<WidgetMessages> = {}): WidgetMessages {
  const lang = pickLocale(locale);
  const pack = PACKS[lang];
  const own = OWN[lang] as Own;
  const base: WidgetMessages = {
    notice: pack.notice,
    title: pack.ui.title,
    intro: pack.ui.intro,
    blocked: pack.ui.blocked,
    review: pack.ui.review,
    reasonLegend: pack.ui.reasonLegend,
    reasonIntended: pack.ui.reasonIntended,
    reasonNotPersonal: pack.ui.reasonNotPersonal,
    reasonOther: pack.ui.reasonOther,
    understand: pack.ui.understand,
    publish: pack.ui.publish,
    edit: pack.ui.edit,
    truncated: pack.ui.truncated,
    remember: pack.ui.remember,
    heldThirdParty: pack.ui.heldThirdParty,
    heldRepeat: pack.ui.heldRepeat,
    heldPolicy: pack.ui.heldPolicy,
    thirdParty: pack.ui.thirdParty,
    reasonConsent: pack.ui.reasonConsent,
    ackRetry: pack.ui.ackRetry,
    blockedFinding: pack.ui.blockedFinding,
    ...own,
    findings: { ...pack.findings },
  };
  return { ...base, ...overrides, findings: { ...base.findings, ...(overrides.findings ?? {}) } };
}
