/**
 * The texts a poster or moderator reads, from every place they live (notice packs, the widget's
 * strings the server sends, live-check messages, token errors, "my acknowledgements" words, the
 * whole dashboard): one register per language, one word for "post", the language's typography,
 * and the English placeholders kept. German, French and Spanish were reread by a native-speaker
 * pass; Italian, Dutch and Portuguese keep their own register (impersonal, "je", "você").
 */
import { acknowledgementLogStrings, defaultNotice, resolveNotice, tokenErrorMessage, widgetMessages } from '../src/express/notice';
import { dashboardStrings } from '../src/core/review-i18n';
import { checkMessage } from '../src/core/check';
import { ackReasonText, heldRuleText } from '../src/core/review-text';
import type { PiiType } from '../src/types';

const TYPES: PiiType[] = ['email', 'phone', 'address', 'payment_card', 'iban', 'national_id'];
const RULES = [
  'review-third-party-contact', 'review-third-party-iban', 'review-contact-exposing-cues', 'review-many-contacts',
  'review-not-personal-third-party', 'review-other-reason-third-party', 'repeat-bypass', 'a-custom-rule',
];
const REASONS = ['intended', 'not_personal', 'other', 'unspecified'] as const;

/** Every poster- and moderator-facing string of one language, named by where it comes from. */
type Lang = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl' | 'pt';
const messagesFor = (lang: Lang) => widgetMessages(lang);

/** The dashboard's words of one language, named by key (canned reasons by index). */
function dashboard(lang: Lang): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (o: unknown, prefix: string): void => {
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      if (typeof v === 'string') out.push([`${prefix}${k}`, v]);
      else walk(v, `${prefix}${k}.`);
    }
  };
  walk(dashboardStrings(lang), 'dashboard.');
  return out;
}

function texts(lang: Lang): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const widget = messagesFor(lang);
  for (const [k, v] of Object.entries(widget)) if (typeof v === 'string') out.push([`widget.${k}`, v]);
  for (const [k, v] of Object.entries(widget.findings)) out.push([`findings.${k}`, v]);
  const page = resolveNotice(defaultNotice, lang);
  expect(page.locale).toBe(lang);
  out.push(['notice', page.text]);
  for (const [k, v] of Object.entries(page.ui)) out.push([`ui.${k}`, v]);
  for (const t of TYPES) out.push([`check.${t}`, checkMessage(t, lang)]);
  for (const r of RULES) out.push([`held.${r}`, heldRuleText(r, lang).text]);
  for (const reason of REASONS) out.push([`ack.${reason}`, ackReasonText({ rule: 'x', reason }, lang)]);
  for (const code of ['pii_ack_invalid', 'pii_ack_expired', 'pii_ack_replayed', 'pii_ack_mismatch']) out.push([`errors.${code}`, tokenErrorMessage(code, lang) ?? '']);
  for (const [k, v] of Object.entries(acknowledgementLogStrings(lang).strings)) out.push([`log.${k}`, v]);
  out.push(...dashboard(lang));
  return out;
}

function offenders(lang: Exclude<Lang, 'en'>, re: RegExp): string[] {
  return texts(lang).filter(([, v]) => re.test(v)).map(([k, v]) => `${k}: ${v}`);
}

// Accepts a {placeholder} name of letters; one pass, no nesting.
const PLACEHOLDER = /\{[a-zA-Z]{1,20}\}/g;
// Words that are the same in English and the language.
const SAME = new Set<string>([]);

describe('de, fr, es texts', () => {
  test('the same keys and the same {placeholders} as English', () => {
    const en = new Map(texts('en'));
    for (const lang of ['de', 'fr', 'es', 'it', 'nl', 'pt'] as const) {
      const mine = new Map(texts(lang));
      expect([...mine.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [k, v] of mine) {
        expect([k, (v.match(PLACEHOLDER) ?? []).sort()]).toEqual([k, ((en.get(k) ?? '').match(PLACEHOLDER) ?? []).sort()]);
        // Translated, not English left in place (words shared with English excepted: "Status", "Format", "IBAN"…).
        const src = en.get(k) ?? '';
        if (src.length > 12 && !SAME.has(`${lang}:${src}`)) expect([k, v === src]).toEqual([k, false]);
      }
    }
  });

  test('German says "du" everywhere (no "Sie"/"Ihr"), "persönliche Daten" rather than the legal term', () => {
    // Accepts the polite pronoun forms as whole words, capitalised ("Sie", "Ihnen", "Ihrem"); "sie" (they) is lower case.
    expect(offenders('de', /(?:^|[^\p{L}])(?:Sie|Ihnen|Ihr|Ihre|Ihrem|Ihren|Ihrer|Ihres)(?![\p{L}])/u)).toEqual([]);
    expect(offenders('de', /personenbezogen/)).toEqual([]);
    // The informal forms are there: the notice, the title, the reasons question.
    expect(resolveNotice(defaultNotice, 'de').text).toMatch(/\bdir\b.*\bDu bist\b/);
    expect(messagesFor('de').title).toMatch(/\bdeinen Beitrag\b/);
    expect(messagesFor('de').reasonLegend).toMatch(/\bveröffentlichst du\b/);
    // German quotation marks: „…“, never English or straight double quotes.
    expect(offenders('de', /["”]|“[^\s.,;:)–]/)).toEqual([]);
  });

  test('French says "vous" everywhere, with French typography (’, « », a no-break space before : ; ? !)', () => {
    // Accepts the informal pronouns as whole words ("tu", "ton", "toi", "te", "t’"): none allowed.
    expect(offenders('fr', /(?:^|[^\p{L}])(?:tu|ton|ta|tes|toi|te|t’|t')(?![\p{L}])/iu)).toEqual([]);
    expect(offenders('fr', /'/)).toEqual([]);
    // Accepts a space that is not a no-break one right before : ; ? ! or inside « »: none allowed.
    expect(offenders('fr', /[ \t](?:[:;?!»])|«[ \t]|[^\s\u00a0\u202f]{1}[:;?!](?:\s|$)/u)).toEqual([]);
    expect(offenders('fr', /"/)).toEqual([]);
    // "Show" is not half of a show/hide pair.
    expect(messagesFor('fr').show).not.toMatch(/^Afficher$/);
  });

  test('Spanish says "tú" everywhere, calls a post "mensaje", and opens its questions and exclamations', () => {
    // Accepts the formal forms as whole words: "usted", "su mensaje", "vea".
    expect(offenders('es', /(?:^|[^\p{L}])(?:usted|ustedes|su mensaje|vea)(?![\p{L}])/iu)).toEqual([]);
    // Accepts a formal imperative opening a sentence ("Revise…", "Elimínela…"); "que un moderador revise" is a subjunctive, not matched.
    expect(offenders('es', /(?:^|[.:(]\s?)(?:Revise|Confirme|Marque|Inténtelo|Elimínela|Elimínelos|Compruébelo|Vuelva|Consulte)(?![\p{L}])/u)).toEqual([]);
    expect(offenders('es', /(?:la|su|tu|esta) publicación/iu)).toEqual([]);
    expect(resolveNotice(defaultNotice, 'es').text).toMatch(/\bcontactarte\b.*\bEres responsable\b/);
    // Accepts a '?' or '!' that no '¿' or '¡' opened earlier in the same string: none allowed.
    for (const [k, v] of texts('es')) {
      expect([k, (v.match(/\?/g) ?? []).length]).toEqual([k, (v.match(/¿/g) ?? []).length]);
      expect([k, (v.match(/!/g) ?? []).length]).toEqual([k, (v.match(/¡/g) ?? []).length]);
    }
    expect(offenders('es', /["“”]/)).toEqual([]);
  });
});

describe('it, nl, pt texts', () => {
  test('Italian is impersonal (no "tu" forms; the one "le" of the notice is the polite "Lei")', () => {
    // Accepts informal pronouns and possessives as whole words: none allowed.
    expect(offenders('it', /(?:^|[^\p{L}])(?:tu|ti|tuo|tua|tuoi|tue|te)(?![\p{L}])/iu)).toEqual([]);
    // Accepts the English straight double quote: Italian uses « ».
    expect(offenders('it', /"/)).toEqual([]);
  });
  test('Dutch says "je" (never "u"/"uw")', () => {
    // Accepts the polite pronouns as whole words: none allowed.
    expect(offenders('nl', /(?:^|[^\p{L}])(?:u|uw|U|Uw)(?![\p{L}])/u)).toEqual([]);
    expect(messagesFor('nl').title).toMatch(/\bje bericht\b/);
  });
  test('Portuguese says "você" (no "tu"/"teu"/"vós"), in Brazilian spelling', () => {
    // Accepts the informal pronouns as whole words: none allowed.
    expect(offenders('pt', /(?:^|[^\p{L}])(?:tu|teu|tua|teus|tuas|vós|vosso|vossa)(?![\p{L}])/iu)).toEqual([]);
    // Accepts European spellings Brazil does not use ("contacto", "facto", "receção").
    expect(offenders('pt', /contacto|\bfacto\b|receção|registo\b/iu)).toEqual([]);
    expect(resolveNotice(defaultNotice, 'pt').text).toMatch(/\bVocê é responsável\b/);
  });
  test('no show/hide pair for "Show" and "Mask it"', () => {
    expect(messagesFor('it').show).not.toMatch(/^Mostra$/);
    expect(messagesFor('nl').show).not.toMatch(/^Tonen$/);
    expect(messagesFor('pt').show).not.toMatch(/^Mostrar$/);
    for (const lang of ['it', 'nl', 'pt'] as const) expect(messagesFor(lang).maskIt).not.toMatch(/^(?:Nascondi|Verbergen|Ocultar|Esconder)$/);
  });
});
