/**
 * Classes of contact numbers found on real pages (issue 14): directory lists, remarks between listed
 * numbers, numbers that look like ranges, a "0" typed for "or", spaced service numbers, short codes
 * named as a number, contact-person labels and plural phone nouns. Each class with hard negatives.
 * The cases are written for this suite (fictional or service numbers), not taken from fixtures/real.
 */
import { createScanner } from '../../src/scanner';
import type { Finding, Scanner } from '../../src/types';

const scanners = new Map<string, Scanner>();
function scan(text: string, locale: string): Finding[] {
  let s = scanners.get(locale);
  if (!s) {
    s = createScanner({ locales: [locale], types: ['phone'] });
    scanners.set(locale, s);
  }
  return s.scan(text).findings;
}
const texts = (text: string, locale: string): string[] => scan(text, locale).map((f) => f.text);

describe('directory lists: "Name – number" lines where another line holds a phone', () => {
  test('a local number without area code on a directory line is found', () => {
    const text = 'Plantão do fim de semana:\nPronto Atendimento – (11) 98123-4567\nBombeiros – 193\nFarmácia Central – 4732-6181\nCreche Municipal – 4732-6290 (só manhã)';
    expect(texts(text, 'pt-BR')).toEqual(['(11) 98123-4567', '4732-6181', '4732-6290']);
  });
  test('a list whose lines hold no phone stays clean', () => {
    expect(texts('Resultados da rodada:\nSala A – 3847-2291\nSala B – 4721-8812', 'pt-BR')).toEqual([]);
  });
  test('a line whose label holds digits is no directory line', () => {
    expect(texts('Pronto Atendimento – (11) 98123-4567\nSala 3B – 4732-6181', 'pt-BR')).toEqual(['(11) 98123-4567']);
  });
});

describe('listed numbers with a remark in parentheses between them', () => {
  test('the second number after "(remark) ou" is listed with the first', () => {
    expect(texts('Ligue 2236-4129 (manhã) ou 2236-4188 (tarde).', 'pt-BR')).toEqual(['2236-4129', '2236-4188']);
  });
  test('a long parenthesis does not join', () => {
    expect(texts('Ligue 2236-4129 (de segunda a sexta-feira, exceto feriados municipais) e 2236-4188.', 'pt-BR')).toEqual(['2236-4129']);
  });
});

describe('number ranges', () => {
  test('a local number with a round end but no range start is a phone', () => {
    expect(texts('Atendimento pelo telefone 4127-6300.', 'pt-BR')).toEqual(['4127-6300']);
  });
  test('ranges between round numbers stay ranges', () => {
    expect(texts('Telefone: o público foi de 1500-2000 pessoas, e a renda de 2350-3000 reais.', 'pt-BR')).toEqual([]);
  });
});

describe('a lone "0" typed for "or" between two numbers', () => {
  test('both numbers are found', () => {
    expect(texts('Para pedir cita, en los teléfonos 923456781 0 923456782.', 'es-ES')).toEqual(['923456781', '923456782']);
  });
  test('a "0" after one number is still more digits', () => {
    expect(texts('Referencia del pedido 923456781 0 12.', 'es-ES')).toEqual([]);
  });
});

describe('service numbers with the last digits spaced one by one', () => {
  test('found without a phone word', () => {
    const f = scan('www.example.org | 0800 157 0 0 0 | Spring news', 'en-GB');
    expect(f.map((x) => x.text)).toEqual(['0800 157 0 0 0']);
    expect(f[0]?.phoneKind).toBe('toll_free');
    expect(f[0]?.reasons).toContain('last digits spaced one by one');
  });
  test('an order number in an odd grouping still needs a phone word', () => {
    expect(texts('Order 0800 12345 67 shipped on 3 May.', 'en-GB')).toEqual([]);
  });
});

describe('short codes named as a number', () => {
  test('a code opening a sentence "is the … number"', () => {
    expect(texts('Road closed again. 511 is the traveller information number for the province.', 'en-CA')).toEqual(['511']);
    expect(texts('Le 3939 est le numéro de renseignement administratif.', 'fr-FR')).toEqual(['3939']);
  });
  test('a label for number with the article of speech', () => {
    expect(texts('Para trámites hay un solo número: el 012, de lunes a viernes.', 'es-ES')).toEqual(['012']);
  });
  test('room numbers, counts and issue numbers are not', () => {
    expect(texts('Room 311 is the room number on your card.', 'en-CA')).toEqual([]);
    expect(texts('En 2013, 3949 est le nombre de dossiers traités.', 'fr-FR')).toEqual([]);
    expect(texts('Numéro : 3512. Prix 4,50 €.', 'fr-FR')).toEqual([]);
  });
});

describe('contact-person labels and plural phone nouns', () => {
  test('a contact person\'s name, then a mobile without spaces', () => {
    expect(texts('Referente del torneo Luca Bianchi: 3471234567', 'it-IT')).toEqual(['3471234567']);
    expect(texts('Ansprechpartner Jonas Weber: 01701234567', 'de-DE')).toEqual(['01701234567']);
  });
  test('plural phone nouns count as a phone word', () => {
    expect(texts('Para citas, en los teléfonos 913456789 o 913456780.', 'es-ES')).toEqual(['913456789', '913456780']);
  });
  test('a name and a bare run without such a label stay clean', () => {
    expect(texts('Ordine di Luca Bianchi: 3471234567', 'it-IT')).toEqual([]);
  });
});
