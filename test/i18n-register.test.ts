/**
 * The German, French and Spanish texts a poster or moderator reads, from every place they live
 * (notice packs, widget strings, live-check messages, dashboard sentences): one register per
 * language, one word for "post", the language's typography, and the English placeholders kept.
 */
import { messagesFor } from '../src/widget/strings';
import { defaultNotice, resolveNotice } from '../src/express/notice';
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
function texts(lang: 'en' | 'de' | 'fr' | 'es'): Array<[string, string]> {
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
  return out;
}

function offenders(lang: 'de' | 'fr' | 'es', re: RegExp): string[] {
  return texts(lang).filter(([, v]) => re.test(v)).map(([k, v]) => `${k}: ${v}`);
}

// Accepts a {placeholder} name of letters; one pass, no nesting.
const PLACEHOLDER = /\{[a-zA-Z]{1,20}\}/g;

describe('de, fr, es texts', () => {
  test('the same keys and the same {placeholders} as English', () => {
    const en = new Map(texts('en'));
    for (const lang of ['de', 'fr', 'es'] as const) {
      const mine = new Map(texts(lang));
      expect([...mine.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [k, v] of mine) {
        expect([k, (v.match(PLACEHOLDER) ?? []).sort()]).toEqual([k, ((en.get(k) ?? '').match(PLACEHOLDER) ?? []).sort()]);
        // Translated, not English left in place.
        expect([k, v === en.get(k)]).toEqual([k, false]);
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
