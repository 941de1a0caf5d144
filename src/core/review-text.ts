/**
 * Plain-language words for the moderator dashboard: why a post was held (per policy rule, in
 * English, German, French, Spanish, Italian, Dutch and Portuguese), the author's acknowledgement reason, and why a value was
 * flagged (the detector's reasons without file names, scores or validator internals).
 */
import type { HeldBecause, StoredFinding } from '../store/types';

import { dashboardStrings, DASHBOARD_LANGUAGES, pickLanguage, type DashboardLanguage } from './review-i18n';

export { DASHBOARD_LANGUAGES, pickLanguage, type DashboardLanguage };

type Texts = Record<DashboardLanguage, string>;

/** Why a post was held, per policy rule id (default policy, the built-in rules, the demo's old names). */
const HELD_RULES: Record<string, Texts> = {
  'review-third-party-contact': {
    en: "It contains someone else's address or phone number.",
    de: 'Der Beitrag enthält die Adresse oder Telefonnummer einer anderen Person.',
    fr: 'Le message contient l’adresse ou le numéro de téléphone d’une autre personne.',
    es: 'El mensaje contiene la dirección o el teléfono de otra persona.',
    it: "Il messaggio contiene l'indirizzo o il numero di telefono di un'altra persona.",
    nl: "Het bericht bevat het adres of telefoonnummer van iemand anders.",
    pt: "A publicação contém o endereço ou o telefone de outra pessoa.",
  },
  'review-third-party-iban': {
    en: "It contains someone else's bank account number (IBAN).",
    de: 'Der Beitrag enthält die Kontonummer (IBAN) einer anderen Person.',
    fr: 'Le message contient le numéro de compte bancaire (IBAN) d’une autre personne.',
    es: 'El mensaje contiene el número de cuenta (IBAN) de otra persona.',
    it: "Il messaggio contiene il numero di conto bancario (IBAN) di un'altra persona.",
    nl: "Het bericht bevat het bankrekeningnummer (IBAN) van iemand anders.",
    pt: "A publicação contém o número da conta bancária (IBAN) de outra pessoa.",
  },
  'review-contact-exposing-cues': {
    en: 'It contains contact details in wording that may expose or target someone (for example "spread it" or "found the guy who…").',
    de: 'Der Beitrag enthält Kontaktdaten und Formulierungen, die jemanden bloßstellen oder zur Zielscheibe machen könnten (etwa „verbreitet das“ oder „hab den Typen gefunden, der …“).',
    fr: 'Le message contient des coordonnées accompagnées de formules qui peuvent exposer ou cibler quelqu’un (par exemple « faites tourner » ou « j’ai retrouvé le type qui… »).',
    es: 'El mensaje contiene datos de contacto junto con expresiones que pueden exponer o señalar a alguien (por ejemplo, «difúndelo» o «he encontrado al tipo que…»).',
    it: "Il messaggio contiene recapiti con una formulazione che può esporre o prendere di mira qualcuno (per esempio «fatelo girare»).",
    nl: "Het bericht bevat contactgegevens in bewoordingen die iemand kunnen blootstellen of tot doelwit kunnen maken (bijvoorbeeld ‘delen maar’).",
    pt: "A publicação contém dados de contato com palavras que podem expor ou visar alguém (por exemplo, “espalhem”).",
  },
  'review-many-contacts': {
    en: 'It lists many contact details (25 or more): possibly a list of people or spam.',
    de: 'Der Beitrag enthält viele Kontaktdaten (25 oder mehr) – vielleicht eine Liste von Personen oder Spam.',
    fr: 'Le message contient de nombreuses coordonnées (25 ou plus) : peut-être une liste de personnes ou du spam.',
    es: 'El mensaje contiene muchos datos de contacto (25 o más): quizá una lista de personas o spam.',
    it: "Il messaggio elenca molti recapiti (25 o più): forse un elenco di persone o spam.",
    nl: "Het bericht bevat veel contactgegevens (25 of meer): misschien een lijst met mensen of spam.",
    pt: "A publicação lista muitos dados de contato (25 ou mais): talvez uma lista de pessoas ou spam.",
  },
  'review-not-personal-third-party': {
    en: 'The author says these details are not personal (a business, fictional or public contact). Please confirm.',
    de: 'Laut Autor sind diese Angaben nicht persönlich (geschäftlich, erfunden oder öffentlich bekannt). Bitte prüfe das.',
    fr: 'L’auteur affirme que ces coordonnées ne sont pas personnelles (professionnelles, fictives ou publiques). Veuillez vérifier.',
    es: 'El autor dice que estos datos no son personales (de una empresa, ficticios o públicos). Compruébalo.',
    it: "Secondo l'autore questi dati non sono personali (di un'azienda, inventati o pubblici). Verificare.",
    nl: "Volgens de auteur zijn deze gegevens niet persoonlijk (zakelijk, verzonnen of openbaar). Controleer dit.",
    pt: "Segundo o autor, estes dados não são pessoais (de empresa, fictícios ou públicos). Confira.",
  },
  'review-other-reason-third-party': {
    en: "The author published someone else's details and gave their own reason (see the note).",
    de: 'Der Autor hat Angaben einer anderen Person veröffentlicht und einen eigenen Grund genannt (siehe Notiz).',
    fr: 'L’auteur a publié les coordonnées d’une autre personne en donnant sa propre raison (voir la note).',
    es: 'El autor publicó datos de otra persona y dio su propio motivo (consulta la nota).',
    it: "L'autore ha pubblicato dati di un'altra persona indicando un proprio motivo (vedere la nota).",
    nl: "De auteur heeft gegevens van iemand anders geplaatst en een eigen reden opgegeven (zie de notitie).",
    pt: "O autor publicou dados de outra pessoa e deu um motivo próprio (veja a nota).",
  },
  'repeat-bypass': {
    en: 'The author has clicked through many warnings recently, so this post is checked before it appears.',
    de: 'Der Autor hat in letzter Zeit viele Warnungen weggeklickt, deshalb wird dieser Beitrag vor dem Erscheinen geprüft.',
    fr: 'L’auteur a ignoré de nombreux avertissements récemment : ce message est donc vérifié avant sa publication.',
    es: 'El autor ha ignorado muchos avisos últimamente, así que este mensaje se revisa antes de publicarse.',
    it: "Di recente l'autore ha ignorato molti avvisi, quindi questo messaggio viene controllato prima della pubblicazione.",
    nl: "De auteur heeft de laatste tijd veel waarschuwingen weggeklikt, dus dit bericht wordt gecontroleerd voordat het verschijnt.",
    pt: "O autor ignorou muitos avisos recentemente, então esta publicação é revisada antes de aparecer.",
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
  it: "Una regola della politica di pubblicazione l'ha trattenuto",
  nl: 'Een regel van je publicatiebeleid heeft het tegengehouden',
  pt: 'Uma regra da sua política de publicação a reteve',
};

const ACK_REASONS: Record<string, Texts> = {
  intended: { en: 'the author published them on purpose', de: 'Der Autor veröffentlicht sie absichtlich', fr: 'l’auteur les publie volontairement', es: 'el autor los publica a propósito', it: "l'autore li pubblica intenzionalmente", nl: 'de auteur plaatst ze bewust', pt: 'o autor os publica de propósito' },
  not_personal: { en: 'the author says they are not personal', de: 'Laut Autor sind sie nicht persönlich', fr: 'selon l’auteur, ce ne sont pas des informations personnelles', es: 'según el autor, no son personales', it: "secondo l'autore non sono personali", nl: 'volgens de auteur zijn ze niet persoonlijk', pt: 'segundo o autor, não são pessoais' },
  other: { en: 'the author gave another reason', de: 'Der Autor nennt einen anderen Grund', fr: 'l’auteur donne une autre raison', es: 'el autor da otro motivo', it: "l'autore indica un altro motivo", nl: 'de auteur geeft een andere reden', pt: 'o autor deu outro motivo' },
  unspecified: { en: 'the author gave no reason', de: 'Der Autor nennt keinen Grund', fr: 'l’auteur ne donne aucune raison', es: 'el autor no da ningún motivo', it: "l'autore non indica alcun motivo", nl: 'de auteur geeft geen reden', pt: 'o autor não deu motivo' },
};

const AUTHOR_SAID: Texts = { en: 'Acknowledged:', de: 'Bestätigt:', fr: 'Confirmé :', es: 'Confirmado:', it: 'Confermato:', nl: 'Bevestigd:', pt: 'Confirmado:' };

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

// Accepts a single underscore (global replace); nothing to reject (a one-character literal).
const UNDERSCORE_RE = /_/g;

/** A finding type in words, in the moderator's language. */
export function typeName(type: string, lang: DashboardLanguage = 'en'): string {
  const types = dashboardStrings(lang).types as Record<string, string>;
  return Object.prototype.hasOwnProperty.call(types, type) ? (types[type] as string) : type.replace(UNDERSCORE_RE, ' ');
}

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
export function whyText(f: Pick<StoredFinding, 'type' | 'subject' | 'reasons'>, lang: DashboardLanguage = 'en'): string {
  const why = dashboardStrings(lang).subjectWhy as Record<string, string>;
  const parts = [`${typeName(f.type, lang)}, ${Object.prototype.hasOwnProperty.call(why, f.subject) ? why[f.subject] : why.unknown}`];
  const reasons = humanReasons(f.reasons);
  if (reasons.length) parts.push(reasons.join('; '));
  return parts.join(': ');
}
