/**
 * Plain-language words for the moderator dashboard: why a post was held (per policy rule, in
 * English, German, French and Spanish), the author's acknowledgement reason, and why a value was
 * flagged (the detector's reasons without file names, scores or validator internals).
 */
import type { HeldBecause, StoredFinding } from '../store/types';

/** Languages the held-because texts are written in. */
export const DASHBOARD_LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
export type DashboardLanguage = (typeof DASHBOARD_LANGUAGES)[number];

type Texts = Record<DashboardLanguage, string>;

/** Why a post was held, per policy rule id (default policy, the built-in rules, the demo's old names). */
const HELD_RULES: Record<string, Texts> = {
  'review-third-party-contact': {
    en: "It contains someone else's address or phone number.",
    de: 'Der Beitrag enthält die Adresse oder Telefonnummer einer anderen Person.',
    fr: 'Le message contient l’adresse ou le numéro de téléphone d’une autre personne.',
    es: 'El mensaje contiene la dirección o el teléfono de otra persona.',
  },
  'review-third-party-iban': {
    en: "It contains someone else's bank account number (IBAN).",
    de: 'Der Beitrag enthält die Kontonummer (IBAN) einer anderen Person.',
    fr: 'Le message contient le numéro de compte bancaire (IBAN) d’une autre personne.',
    es: 'El mensaje contiene el número de cuenta (IBAN) de otra persona.',
  },
  'review-contact-exposing-cues': {
    en: 'It contains contact details in wording that may expose or target someone (for example "spread it" or "found the guy who…").',
    de: 'Der Beitrag enthält Kontaktdaten und Formulierungen, die jemanden bloßstellen oder zur Zielscheibe machen könnten (etwa „verbreitet das“ oder „hab den Typen gefunden, der …“).',
    fr: 'Le message contient des coordonnées accompagnées de formules qui peuvent exposer ou cibler quelqu’un (par exemple « faites tourner » ou « j’ai retrouvé le type qui… »).',
    es: 'El mensaje contiene datos de contacto junto con expresiones que pueden exponer o señalar a alguien (por ejemplo, «difúndelo» o «he encontrado al tipo que…»).',
  },
  'review-many-contacts': {
    en: 'It lists many contact details (25 or more): possibly a list of people or spam.',
    de: 'Der Beitrag enthält viele Kontaktdaten (25 oder mehr) – vielleicht eine Liste von Personen oder Spam.',
    fr: 'Le message contient de nombreuses coordonnées (25 ou plus) : peut-être une liste de personnes ou du spam.',
    es: 'El mensaje contiene muchos datos de contacto (25 o más): quizá una lista de personas o spam.',
  },
  'review-not-personal-third-party': {
    en: 'The author says these details are not personal (a business, fictional or public contact). Please confirm.',
    de: 'Laut Autor sind diese Angaben nicht persönlich (geschäftlich, erfunden oder öffentlich bekannt). Bitte prüfe das.',
    fr: 'L’auteur affirme que ces coordonnées ne sont pas personnelles (professionnelles, fictives ou publiques). Veuillez vérifier.',
    es: 'El autor dice que estos datos no son personales (de una empresa, ficticios o públicos). Compruébalo.',
  },
  'review-other-reason-third-party': {
    en: "The author published someone else's details and gave their own reason (see the note).",
    de: 'Der Autor hat Angaben einer anderen Person veröffentlicht und einen eigenen Grund genannt (siehe Notiz).',
    fr: 'L’auteur a publié les coordonnées d’une autre personne en donnant sa propre raison (voir la note).',
    es: 'El autor publicó datos de otra persona y dio su propio motivo (consulta la nota).',
  },
  'repeat-bypass': {
    en: 'The author has clicked through many warnings recently, so this post is checked before it appears.',
    de: 'Der Autor hat in letzter Zeit viele Warnungen weggeklickt, deshalb wird dieser Beitrag vor dem Erscheinen geprüft.',
    fr: 'L’auteur a ignoré de nombreux avertissements récemment : ce message est donc vérifié avant sa publication.',
    es: 'El autor ha ignorado muchos avisos últimamente, así que este mensaje se revisa antes de publicarse.',
  },
};
// The demo's and older stores' rule names.
HELD_RULES.third_party_contact = HELD_RULES['review-third-party-contact'] as Texts;
HELD_RULES.third_party_phone = HELD_RULES['review-third-party-contact'] as Texts;
HELD_RULES.third_party_address = HELD_RULES['review-third-party-contact'] as Texts;
HELD_RULES.not_personal_claim = HELD_RULES['review-not-personal-third-party'] as Texts;
HELD_RULES.repeat_bypass = HELD_RULES['repeat-bypass'] as Texts;

const UNKNOWN_RULE: Texts = {
  en: 'A rule of your publishing policy held it',
  de: 'Eine Regel deiner Veröffentlichungsrichtlinie hat ihn zurückgehalten',
  fr: 'Une règle de votre politique de publication l’a retenu',
  es: 'Una regla de tu política de publicación lo retuvo',
};

const ACK_REASONS: Record<string, Texts> = {
  intended: { en: 'the author published them on purpose', de: 'Der Autor veröffentlicht sie absichtlich', fr: 'l’auteur les publie volontairement', es: 'el autor los publica a propósito' },
  not_personal: { en: 'the author says they are not personal', de: 'Laut Autor sind sie nicht persönlich', fr: 'selon l’auteur, ce ne sont pas des informations personnelles', es: 'según el autor, no son personales' },
  other: { en: 'the author gave another reason', de: 'Der Autor nennt einen anderen Grund', fr: 'l’auteur donne une autre raison', es: 'el autor da otro motivo' },
  unspecified: { en: 'the author gave no reason', de: 'Der Autor nennt keinen Grund', fr: 'l’auteur ne donne aucune raison', es: 'el autor no da ningún motivo' },
};

const AUTHOR_SAID: Texts = { en: 'Acknowledged:', de: 'Bestätigt:', fr: 'Confirmé :', es: 'Confirmado:' };

/** The moderator's language among the dashboard's: an explicit locale first, then Accept-Language order. */
export function pickLanguage(preferred: readonly string[]): DashboardLanguage {
  for (const tag of preferred) {
    const base = tag.trim().toLowerCase().split('-')[0] ?? '';
    if ((DASHBOARD_LANGUAGES as readonly string[]).includes(base)) return base as DashboardLanguage;
  }
  return 'en';
}

/** A plain-language sentence for why a post was held (for an unknown custom rule: a generic sentence naming it). */
export function heldRuleText(rule: string, lang: DashboardLanguage): { text: string; known: boolean } {
  const t = Object.prototype.hasOwnProperty.call(HELD_RULES, rule) ? HELD_RULES[rule] : undefined;
  if (t) return { text: t[lang], known: true };
  return { text: `${UNKNOWN_RULE[lang]} (${rule}).`, known: false };
}

/** The author's acknowledgement reason, in words ('' when none). */
export function ackReasonText(held: HeldBecause, lang: DashboardLanguage): string {
  if (!held.reason) return '';
  const t = Object.prototype.hasOwnProperty.call(ACK_REASONS, held.reason) ? ACK_REASONS[held.reason] : undefined;
  return t ? `${AUTHOR_SAID[lang]} ${t[lang]}` : '';
}

const TYPE_NAMES: Record<string, string> = {
  email: 'Email address',
  phone: 'Phone number',
  address: 'Street address',
  payment_card: 'Payment card number',
  iban: 'Bank account number (IBAN)',
  national_id: 'National ID number',
};

// Accepts a single underscore (global replace); nothing to reject (a one-character literal).
const UNDERSCORE_RE = /_/g;

/** A finding type in words. */
export function typeName(type: string): string {
  return TYPE_NAMES[type] ?? type.replace(UNDERSCORE_RE, ' ');
}

const SUBJECT_TEXT: Record<string, string> = {
  self: "reads as the author's own",
  third_party: "reads as someone else's",
  unknown: 'owner unclear',
};

// Accepts a trailing score note such as " (+0.15)", " (-0.2)" or " (+1)": one space, parentheses
// around a sign and digits with one optional dot; a single pass with no nested quantifier.
const SCORE_NOTE_RE = /\s\([+-][0-9]{1,3}(?:\.[0-9]{1,4})?\)$/;

/** Detector reasons a moderator can use: no locale-pack file names, validator internals or score steps. */
export function humanReasons(reasons: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const raw of reasons ?? []) {
    if (raw.startsWith('locale pack') || raw.startsWith('validator.') || raw === 'demo') continue;
    const r = raw.replace(SCORE_NOTE_RE, '').trim();
    if (r !== '' && !out.includes(r)) out.push(r);
  }
  return out;
}

/** One line for the Why column: the type, whose it seems to be, and the readable reasons. */
export function whyText(f: Pick<StoredFinding, 'type' | 'subject' | 'reasons'>): string {
  const parts = [`${typeName(f.type)}, ${SUBJECT_TEXT[f.subject] ?? 'owner unclear'}`];
  const reasons = humanReasons(f.reasons);
  if (reasons.length) parts.push(reasons.join('; '));
  return parts.join(': ');
}
