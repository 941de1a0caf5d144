/**
 * Whose information a value is (`Finding.subject`), through the public scanner. Each case is
 * phrased differently from the subject corpus (fixtures/subject), so these check the rules'
 * classes rather than the corpus strings: strong cues bind a value ("call me", "her cell"), people
 * and roles in the sentence make it someone else's, bare pronouns and contact words make it the
 * author's only when nothing stronger says otherwise, organisations and callers are 'unknown'.
 */
import { createScanner } from '../../src/scanner';
import type { Scanner, Subject } from '../../src/types';

const scanners = new Map<string, Scanner>();
function subjects(text: string, locale = 'en-US'): Subject[] {
  let s = scanners.get(locale);
  if (!s) {
    s = createScanner({ locales: [locale] });
    scanners.set(locale, s);
  }
  return s.scan(text).findings.map((f) => f.subject);
}

describe('strong cues bind the value', () => {
  test.each([
    ['Happy to help with the move, just text me on (646) 555-0134.', 'self'],
    ['Drop me a line at hanna.k@example.com and I will send the pattern.', 'self'],
    ['My work email is p.nowak@example.com, use that one.', 'self'],
    ['Her personal cell, (646) 555-0182, was on the flyer.', 'third_party'],
    ['Text him at (646) 555-0129 and ask where the deposit went.', 'third_party'],
    ["Jake's email is jake.t@example.com if you need the minutes.", 'third_party'],
  ] as const)('%s → %s', (text, subject) => {
    expect(subjects(text)).toEqual([subject]);
  });

  test('a first-person possessive only binds its own noun ("my ex\'s number" is the ex\'s)', () => {
    expect(subjects("That's my ex's number, (646) 555-0143, don't answer it.")).toEqual(['third_party']);
    expect(subjects('My number changed, it is (646) 555-0143 now.')).toEqual(['self']);
  });

  test('"call me" beats a person mentioned in the same sentence', () => {
    expect(subjects('Selling for my uncle, but call me, not him: (646) 555-0176.')).toEqual(['self']);
  });
});

describe('people and roles in the sentence', () => {
  test.each([
    ['The plumber who flooded our kitchen is (646) 555-0151. Never again.', 'third_party'],
    ['The moderator who deleted my thread lives at 48 Birch Lane, Dayton, OH 45402.', 'third_party'],
    ['The seller never showed up, the number he gave me was (646) 555-0192.', 'third_party'],
    ['Our babysitter can be reached on (646) 555-0117 on weekdays.', 'third_party'],
  ] as const)('%s → %s', (text, subject) => {
    expect(subjects(text)).toEqual([subject]);
  });

  test('an object pronoun is not ownership: "banned me", "hit my car"', () => {
    expect(subjects('Address of the admin who banned me: 48 Birch Lane, Dayton, OH 45402.')).toEqual(['third_party']);
    expect(subjects('The driver who hit my car is on (646) 555-0168.')).toEqual(['third_party']);
  });

  test('a person in the previous sentence, or a call to act in the next one', () => {
    expect(subjects('Found the woman who took my parcel. 48 Birch Lane, Dayton, OH 45402')).toEqual(['third_party']);
    expect(subjects('This is who scammed me. Tel. (646) 555-0155. Spread the word.')).toEqual(['third_party']);
  });
});

describe('organisations, role mailboxes and callers are unknown', () => {
  test.each([
    ['For tickets ring the box office on (646) 555-0100.', 'unknown'],
    ['Lost property goes to reception, lostproperty.desk@example.org is not it, use info@example.org.', 'unknown'],
    ['I keep getting calls from (646) 555-0190 and nobody speaks.', 'unknown'],
  ] as const)('%s → %s', (text, subject) => {
    expect(subjects(text).at(-1)).toBe(subject);
  });

  test('the author calling a role mailbox their own keeps it self', () => {
    expect(subjects('Email me at info@example.com, I run the shop myself.')).toEqual(['self']);
  });
});

describe('weak cues: bare contact words and the author speaking', () => {
  test.each([
    ['Selling the cot, barely used. Call (646) 555-0111.', 'self'],
    ['We are now at 210 Grand Ave, Oakland, CA 94610, doors open at 9.', 'self'],
    ['Please ship it to 902 Cedar Ct, Boise, ID 83702 and send me the tracking link.', 'self'],
  ] as const)('%s → %s', (text, subject) => {
    expect(subjects(text)).toEqual([subject]);
  });

  test('nothing either way is unknown', () => {
    expect(subjects('(646) 555-0123')).toEqual(['unknown']);
  });
});

describe('other languages', () => {
  test.each([
    ['de-DE', 'Schreibt mir gern unter 0171 2223344, ich antworte abends.', 'self'],
    ['de-DE', 'Der Vermieter, der die Kaution behält, wohnt in der Lindenstraße 8, 48143 Münster.', 'third_party'],
    ['de-DE', 'Er ruft ständig von 0176 55512345 an.', 'third_party'],
    ['fr-FR', 'Écrivez-moi à julie.v@example.fr pour réserver.', 'self'],
    ['fr-FR', 'Le voisin qui fait du bruit habite au 15 rue de la République, 13001 Marseille.', 'third_party'],
    ['es-ES', 'Llamadme al 612 345 678 por las tardes.', 'self'],
    ['es-ES', 'El casero que no devuelve la fianza se llama Jorge, teléfono 699 887 766.', 'third_party'],
    ['it-IT', 'Chiamatemi al 347 123 4567 dopo cena.', 'self'],
    ['nl-NL', 'Bel me op 06 12345678 na zessen.', 'self'],
    ['nl-NL', 'Zijn mobiel is 06 55443322, hij neemt nooit op.', 'third_party'],
    ['pt-BR', 'Me liga no (11) 98765-4321 depois das seis.', 'self'],
    ['pt-BR', 'O celular dela é (21) 97734-6037, ela que vende os bolos.', 'third_party'],
    ['es-ES', 'Para dudas, escribid a la secretaría: info@example.org.', 'unknown'],
  ] as const)('%s: %s → %s', (locale, text, subject) => {
    expect(subjects(text, locale)).toEqual([subject]);
  });
});
