/**
 * The phone detector, through the public scanner: every locale's written formats with exact
 * offsets into the original text, markup (html / markdown / bbcode tel: links), Unicode folding,
 * spelled-out and spaced digits, extensions, the must-not-fire shapes, context and subject, the
 * allowlist, and hostile inputs (asserting results; time is measured in bench, not here).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { createScanner, findingValue } from '../../src/scanner';
import { possibleInternational, possibleNational, validatePhone } from '../../src/detect/phone-meta';
import type { Finding, Format, Scanner } from '../../src/types';

const scanners = new Map<string, Scanner>();
function scannerFor(locale: string): Scanner {
  let s = scanners.get(locale);
  if (!s) {
    s = createScanner({ locales: locale.split(','), types: ['phone'] });
    scanners.set(locale, s);
  }
  return s;
}

function scan(text: string, locale = 'en-US', format: Format = 'plain'): Finding[] {
  return scannerFor(locale).scan(text, { format }).findings;
}

/** [start, end, text] of each finding, with the text checked against the original. */
function spans(text: string, locale = 'en-US', format: Format = 'plain'): [number, number, string][] {
  return scan(text, locale, format).map((f) => {
    expect(text.slice(f.start, f.end)).toBe(f.text);
    return [f.start, f.end, f.text];
  });
}

function at(text: string, needle: string, from = 0): [number, number, string] {
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`"${needle}" not in "${text}"`);
  return [i, i + needle.length, needle];
}

describe('national and international formats per locale', () => {
  const cases: [string, string, string, string][] = [
    // locale, text, expected match, E.164
    ['en-US', 'Call me at (415) 555-0134 after 6pm.', '(415) 555-0134', '+14155550134'],
    ['en-US', 'Her cell is 212-555-0187, text first.', '212-555-0187', '+12125550187'],
    ['en-US', 'Office line 646.555.0142 (ask for Sam)', '646.555.0142', '+16465550142'],
    ['en-US', 'Reach me at 1 (617) 555-0199 any evening', '1 (617) 555-0199', '+16175550199'],
    ['en-US', 'Abroad? Dial +1-312-555-0110.', '+1-312-555-0110', '+13125550110'],
    ['en-US', 'From London dial 011 44 20 7946 0958 to reach us', '011 44 20 7946 0958', '+442079460958'],
    ['en-GB', 'Ring me on 020 7946 0958 after six.', '020 7946 0958', '+442079460958'],
    ['en-GB', 'Office: +44 20 7946 0321', '+44 20 7946 0321', '+442079460321'],
    ['en-GB', 'Call +44 (0)20 7946 0123 during office hours', '+44 (0)20 7946 0123', '+442079460123'],
    ['en-GB', 'My landline is (020) 7946 0456.', '(020) 7946 0456', '+442079460456'],
    ['en-GB', 'Reach me at 0044 20 7946 0321 when you land.', '0044 20 7946 0321', '+442079460321'],
    ['en-CA', 'Call me at (416) 555-0134 tonight', '(416) 555-0134', '+14165550134'],
    ['en-CA', 'Phone 1 (905) 555-0123 after 5', '1 (905) 555-0123', '+19055550123'],
    ['en-AU', 'Text me on 0491 570 156 mate', '0491 570 156', '+61491570156'],
    ['en-AU', 'Call the shop on (02) 5550 1234', '(02) 5550 1234', '+61255501234'],
    ['en-AU', 'mobile: +61 (0)491 570 737', '+61 (0)491 570 737', '+61491570737'],
    ['en-IN', 'Call me on 98765 43210 after 7', '98765 43210', '+919876543210'],
    ['en-IN', 'Mobile: +91-9876543210', '+91-9876543210', '+919876543210'],
    ['en-IN', 'Office 080-4123-4567 (Bengaluru)', '080-4123-4567', '+918041234567'],
    ['de-DE', 'Ruf mich an: 030 12345678', '030 12345678', '+493012345678'],
    ['de-DE', 'Tel. 030/1234567 (Büro)', '030/1234567', '+49301234567'],
    ['de-DE', 'Erreichbar unter +49 (0)30 1234567', '+49 (0)30 1234567', '+49301234567'],
    ['de-DE', 'Meine Nummer ist 0171-1234567.', '0171-1234567', '+491711234567'],
    ['de-DE', 'Büro München 089 / 234 567 89', '089 / 234 567 89', '+498923456789'],
    ['fr-FR', 'Appelle-moi au 06 12 34 56 78', '06 12 34 56 78', '+33612345678'],
    ['fr-FR', 'Tél. 04.72.12.34.56', '04.72.12.34.56', '+33472123456'],
    ['fr-FR', 'Standard +33 (0)1 45 67 89 01', '+33 (0)1 45 67 89 01', '+33145678901'],
    ['es-ES', 'Llámame al 612 345 678', '612 345 678', '+34612345678'],
    ['es-ES', 'Oficina en Madrid 91 123 45 67', '91 123 45 67', '+34911234567'],
    ['es-ES', 'Marca 0034 612 345 678 desde Francia', '0034 612 345 678', '+34612345678'],
    ['it-IT', 'Chiamami al 333 123 4567', '333 123 4567', '+393331234567'],
    ['it-IT', 'Ufficio a Roma 06 1234 5678', '06 1234 5678', '+390612345678'],
    ['it-IT', 'Dall\'estero +39 333 123 4567', '+39 333 123 4567', '+393331234567'],
    ['nl-NL', 'Bel me op 06-12345678', '06-12345678', '+31612345678'],
    ['nl-NL', 'Receptie +31 (0)20 123 4567', '+31 (0)20 123 4567', '+31201234567'],
    ['nl-NL', 'Rotterdam 010 123 45 67', '010 123 45 67', '+31101234567'],
    ['pt-BR', 'Me liga no (11) 98765-4321', '(11) 98765-4321', '+5511987654321'],
    ['pt-BR', 'WhatsApp +55 11 98765-4321', '+55 11 98765-4321', '+5511987654321'],
    ['pt-BR', 'Fixo +55 (21) 2345-6789', '+55 (21) 2345-6789', '+552123456789'],
  ];
  test.each(cases)('%s: %s', (locale, text, match, e164) => {
    const found = scan(text, locale);
    expect(found).toHaveLength(1);
    const f = found[0] as Finding;
    expect([f.start, f.end, f.text]).toEqual(at(text, match));
    expect(f.type).toBe('phone');
    expect(findingValue(f)).toBe(e164);
    expect(f.confidence).toBeGreaterThanOrEqual(0.5);
  });

  test('reasons explain the library validation, format, region and type', () => {
    const [f] = scan('Call +44 20 7946 0958 please', 'en-GB');
    expect(f?.ruleId).toBe('phone/libphonenumber');
    expect(f?.reasons).toEqual(expect.arrayContaining(['libphonenumber valid GB number', 'international format (+CC)', 'region GB', 'type FIXED_LINE']));
    const [m] = scan('Text me on 0491 570 156', 'en-AU');
    expect(m?.reasons).toEqual(expect.arrayContaining(['national format', 'region AU', 'type MOBILE', 'grouped like the national format']));
  });

  test('confidence ladder: international grouped > national grouped > other grouping; the mask keeps the country code', () => {
    const [intl] = scan('+44 20 7946 0958', 'en-GB');
    const [nat] = scan('020 7946 0958', 'en-GB');
    const [odd] = scan('0207 946 0958', 'en-GB');
    expect(intl?.confidence).toBeGreaterThan(nat?.confidence ?? 1);
    expect(nat?.confidence).toBeGreaterThan(odd?.confidence ?? 1);
    expect(intl?.masked).toBe('+44 •• •••• 0958');
  });

  test('every configured region is tried; the first one is the default', () => {
    const both = createScanner({ locales: ['en-GB', 'de-DE'], types: ['phone'] });
    const found = both.scan('London 020 7946 0958, Berlin 030 12345678').findings;
    // "03012345678" is valid in GB too (0301 234 5678); the written grouping 3-8 picks DE.
    expect(found.map((f) => findingValue(f))).toEqual(['+442079460958', '+493012345678']);
    expect(found[1]?.reasons).toContain('region DE');
    // A German national number is not found with only the US region …
    expect(scan('Berlin 030 12345678')).toHaveLength(0);
    // … but its international form is, in any locale.
    expect(scan('Berlin +49 30 12345678').map((f) => findingValue(f))).toEqual(['+493012345678']);
  });

  test('national numbers of trunk-prefix regions need the 0', () => {
    expect(scan('Teilenummer PN 78-53631-87 bestellt', 'de-DE')).toHaveLength(0);
    expect(scan('Ruf an: 30 12345678', 'de-DE')).toHaveLength(0);
  });

  test('the Ofcom drama range 07700 900xxx is not valid in libphonenumber and is not reported', () => {
    expect(scan('Call me on 07700 900123', 'en-GB')).toHaveLength(0);
  });

  test('a list separator splits two numbers; a grouping separator does not', () => {
    const list = 'Phone: 030 1234567 / 0171 1234567';
    expect(spans(list, 'de-DE')).toEqual([at(list, '030 1234567'), at(list, '0171 1234567')]);
    const one = 'Büro München 089 / 234 567 89';
    expect(spans(one, 'de-DE')).toEqual([at(one, '089 / 234 567 89')]);
  });

  test('(0) trunk notation after +CC and after 00CC', () => {
    expect(scan('Tel 0049 (0)30 1234567', 'de-DE').map((f) => [f.text, findingValue(f)])).toEqual([['0049 (0)30 1234567', '+49301234567']]);
    expect(scan('Tel: +49 (0) 30 1234567', 'de-DE').map((f) => f.text)).toEqual(['+49 (0) 30 1234567']);
    expect(scan('(+49) 30 1234567', 'de-DE').map((f) => f.text)).toEqual(['(+49) 30 1234567']);
  });

  test('two numbers in one sentence are two findings', () => {
    const text = 'Call 020 7946 0958 or 020 7946 0959.';
    expect(spans(text, 'en-GB')).toEqual([at(text, '020 7946 0958'), at(text, '020 7946 0959')]);
  });
});

describe('bare digit runs need context', () => {
  test('a valid but unformatted national number is found only with a phone word nearby', () => {
    expect(scan('Reference 2065550123 was noted')).toHaveLength(0);
    expect(scan('The value 2065550123 came back')).toHaveLength(0);
    const [f] = scan('call me: 2065550123');
    expect(f?.text).toBe('2065550123');
    expect(f?.reasons).toEqual(expect.arrayContaining(['bare digit run (needs context)', 'context: "call me" nearby (+0.2)']));
  });

  test('inflected phone words count as context', () => {
    expect(scan('my sister keeps getting calls from 3125550134 at 3am').map((f) => f.text)).toEqual(['3125550134']);
  });

  test('negative context drops a formatted number', () => {
    expect(scan('Order number 415-555-0134 has shipped')).toHaveLength(0);
    expect(scan('Bestellnummer 030 12345678 fehlt', 'de-DE')).toHaveLength(0);
  });

  test('a short AU service number without trunk prefix needs a phone word, like a bare run', () => {
    expect(scan("Lifeline is 13 11 14, it's a national service", 'en-AU')).toHaveLength(0);
    expect(scan('Results: 13 22 15 after three rounds', 'en-AU')).toHaveLength(0);
    expect(scan('Call Lifeline on 13 11 14 any time', 'en-AU').map((f) => [f.text, f.phoneKind])).toEqual([['13 11 14', 'shared_cost']]);
  });
});

describe('phone kinds and service numbers', () => {
  const kinds = (text: string, locale: string) => scan(text, locale).map((f) => [f.text, f.phoneKind]);

  test.each([
    ['nl-NL', 'Bel 0900-1234567 (10 ct/min) of gratis 0800-0123456', [['0900-1234567', 'premium_rate'], ['0800-0123456', 'toll_free']]],
    ['nl-NL', 'Klantenservice: bel 088 123 4567', [['088 123 4567', 'uan']]],
    ['en-AU', 'Call 1300 555 123 or 1800 020 080 for bookings', [['1300 555 123', 'shared_cost'], ['1800 020 080', 'toll_free']]],
    ['en-GB', 'Call 0300 123 4567, 0800 123 4567 or 0906 123 4567', [['0300 123 4567', 'uan'], ['0800 123 4567', 'toll_free'], ['0906 123 4567', 'premium_rate']]],
    ['en-US', 'Call 1-800-356-9377 or my cell 415-555-0134', [['1-800-356-9377', 'toll_free'], ['415-555-0134', 'fixed_line_or_mobile']]],
    ['fr-FR', 'Appelez le 0 800 123 456 ou le 08 92 12 34 56, mon portable 06 12 34 56 78', [['0 800 123 456', 'toll_free'], ['08 92 12 34 56', 'premium_rate'], ['06 12 34 56 78', 'mobile']]],
    ['de-DE', 'Hotline 0800 1234567 oder 0180 5 123456, privat 030 1234567', [['0800 1234567', 'toll_free'], ['0180 5 123456', 'shared_cost'], ['030 1234567', 'fixed_line']]],
    ['es-ES', 'Llame al 900 123 456 o al 901 123 456', [['900 123 456', 'toll_free'], ['901 123 456', 'shared_cost']]],
    ['pt-BR', 'Ligue 0800 123 4567 ou 4004-0001', [['0800 123 4567', 'toll_free'], ['4004-0001', 'shared_cost']]],
    ['it-IT', 'Numero verde 800 123 456', [['800 123 456', 'toll_free']]],
    ['en-IN', 'Call toll free 1800 11 4000', [['1800 11 4000', 'toll_free']]],
  ] as const)('%s %s', (locale, text, expected) => {
    expect(kinds(text, locale)).toEqual(expected);
  });

  test.each([
    ['nl-NL', 'Openingstijden 0800-1800 ma-vr, 0900-1300 za', 'time ranges written HHMM'],
    ['en-IN', 'Departures: 0800 0930 1100 1300 1800 2000 daily; train 1800 1830 1900', 'a timetable row of rising times'],
    ['it-IT', 'Orario 0800-1800, sabato 0900-1300', 'time ranges written HHMM'],
    ['de-DE', 'Zug 1800 1830 1900, Bus 0805, 0835, 0905', 'departure times; DE service numbers need their 0'],
    ['de-DE', 'Kundennummer 0800 12345 67 und Vorgang 0900 4567 890', 'customer numbers with a service prefix in an odd grouping'],
  ] as const)('no service number: %s %s (%s)', (locale, text, _why) => {
    expect(scan(text, locale)).toEqual([]);
  });

  test('non-emergency police lines are service numbers, not emergency numbers', () => {
    expect(kinds('Geen spoed? Bel de politie op 0900-8844.', 'nl-NL')).toEqual([['0900-8844', 'premium_rate']]);
    expect(kinds('Police Assistance Line: call 131 444.', 'en-AU')).toEqual([['131 444', 'shared_cost']]);
  });

  test('NL 0800 / 0900 numbers whose second group is not a round time after the first stay', () => {
    expect(kinds('Bel gratis 0800-1234 of 0900-1221', 'nl-NL')).toEqual([['0800-1234', 'toll_free'], ['0900-1221', 'premium_rate']]);
  });

  test.each([
    ['en-IN', 'Toll-Free Number: 1800-11-4000', '1800-11-4000', 'a hyphenated number starting 1800 is not the year range 1800-11'],
    ['nl-NL', 'Afspraken: bel de assistente 013-467.34.67 of mail', '013-467.34.67', 'a dotted subscriber number after a hyphenated area code'],
    ['pt-BR', 'Ligue (11) 4083.2544 ramal 12', '(11) 4083.2544 ramal 12', 'dots after an area code in parentheses, with an extension'],
    ['de-DE', 'Service-Hotline 0180 5 123456 (0,14 €/Min.) täglich', '0180 5 123456', 'a price in parentheses right after the number'],
    ['de-DE', 'RMV-Service ☎ 0 18 01 / 7 68 46 36 (3,9 Cent/Min)', '0 18 01 / 7 68 46 36', 'a telephone symbol before an odd grouping with a slash'],
    ['it-IT', 'Numero verde 800.915303 dal lunedì al venerdì', '800.915303', 'a dotted toll-free number is not a decimal'],
    ['de-DE', 'Telefon 0221 123456 Durchwahl -12, danke', '0221 123456 Durchwahl -12', 'a German extension written with a hyphen'],
    ['en-US', 'Desk (415) 555-0134 (ext. 123) weekdays', '(415) 555-0134 (ext. 123)', 'an extension in parentheses'],
  ] as const)('separator and layout class %s %s', (locale, text, match, _why) => {
    expect(scan(text, locale).map((f) => f.text)).toEqual([match]);
  });

  test.each([
    ['it-IT', 'Reddito pro capite 36100 (2017), in crescita', 'a figure with a year in parentheses'],
    ['it-IT', 'Turni del 02-04-09 e del 03-04-09', 'dates written DD-MM-YY'],
    ['it-IT', 'Le coordinate sono 45.123456 e 11.654321', 'coordinates with many decimals'],
    ['de-DE', 'Im Jahr 1800-11 wurde gebaut', 'a year range'],
  ] as const)('no phone: %s %s (%s)', (locale, text, _why) => {
    expect(scan(text, locale)).toEqual([]);
  });

  test.each([
    ['en-IN', 'Toll Free Numbers\n14404, 1800-11-4000\n(All Working days)', [['14404', 'short_code'], ['1800-11-4000', 'toll_free']]],
    ['en-IN', 'call the toll free number 1800-11-4000\nor 1915\nand talk to an agent', [['1800-11-4000', 'toll_free'], ['1915', 'short_code']]],
    ['en-GB', 'For medical advice use NHS 111 online first.', [['111', 'short_code']]],
    ['fr-FR', 'Pour un point-justice proche de chez vous, composez le 3039.', [['3039', 'short_code']]],
    ['fr-FR', 'Appelez le 39 49 (service gratuit + prix d’un appel).', [['39 49', 'short_code']]],
    ['nl-NL', 'Voor reisdocumenten dient 14072 te worden gebeld.', [['14072', 'short_code']]],
    ['es-ES', 'Nace el teléfono de atención al ciudadano: la línea 010 concentrará la atención.', [['010', 'short_code']]],
    ['fr-FR', 'Où s’adresser ?\nTéléphone :\n32 30\nAdresse :', [['32 30', 'short_code']]],
  ] as const)('short code in a list or named: %s %s', (locale, text, expected) => {
    expect(kinds(text, locale)).toEqual(expected);
  });

  test.each([
    ['en-IN', 'Order 1234 items, then 1930 more', 'a listed short code shape without a cue or a phone beside it'],
    ['en-US', 'The error is at line 311 of main.c, see page 411.', 'line and page numbers'],
    ['fr-FR', 'Téléphone portable reçu en\n3230 exemplaires', 'a label line above a count that does not stand alone'],
    ['nl-NL', 'Meer informatie over 0909-nummers en 0900-nummer tarieven', 'number prefixes followed by a Dutch word'],
    ['de-DE', 'Die 0800-Nummer ist kostenlos', 'a number prefix in a German compound'],
    ['pt-BR', 'Guarda Civil Municipal: 24h pelos telefones 153 ou 190', 'emergency numbers in a list'],
    ['nl-NL', 'Met een teksttelefoon belt u in nood alarmnummer 0800-8112.', 'the emergency number for text phones'],
  ] as const)('no service number: %s %s (%s)', (locale, text, _why) => {
    expect(scan(text, locale)).toEqual([]);
  });

  test('bare numbers in a pipe-table column headed "Phone" count as phones; in another column they do not', () => {
    const table = 'Dial-up numbers:\n| Calling Area | Phone Number |\n| Chatham | 5193880100 |\n| Guelph | 5198380110 |\n| Hamilton | 9054814299 |\n| Kingston | 6138870104 |';
    for (const format of ['plain', 'markdown'] as const) {
      const found = scan(table, 'en-CA', format);
      expect(found.map((f) => f.text)).toEqual(['5193880100', '5198380110', '9054814299', '6138870104']);
      expect(found[3]?.reasons).toContain('in a table column "Phone Number" (+0.2)');
    }
    expect(scan('| Item | Order no. |\n|---|---|\n| Chair | 5193880100 |\n| Desk | 9054814299 |', 'en-CA', 'markdown')).toEqual([]);
    // Only a number that fills its cell takes the column's header.
    const shared = scan('Notes far from any header word, for the row below:\n| Item | Kind | Phone | Remarks |\n|---|---|---|---|\n| Chair | oak | none | 5193880100 and 9054814299 |', 'en-CA', 'markdown');
    expect(shared.flatMap((f) => f.reasons).filter((r) => r.startsWith('in a table column'))).toEqual([]);
  });

  test('a NANP number written with dots and the leading 1 is not a version', () => {
    expect(kinds('Call 1.800.555.0199 today', 'en-US')).toEqual([['1.800.555.0199', 'toll_free']]);
    expect(scan('Upgraded to 1.800.555.1 yesterday', 'en-US')).toEqual([]);
  });

  test.each([
    ['en-US', 'to renew yours, call the library at 287-3763 or stop by.', '287-3763'],
    ['en-AU', 'you can still phone us on 9249 4000 or use live chat.', '9249 4000'],
    ['nl-NL', 'Ledenadministratie: Annette Bloem, tel. 61 48 27.', '61 48 27'],
    ['pt-BR', 'As inscrições são feitas pelo telefone 2236-4129.', '2236-4129'],
    ['pt-BR', 'Pedidos pelos telefones 9 8132-9222 (entre 7h e 12h40).', '9 8132-9222'],
  ] as const)('local number without area code, with a phone word: %s %s', (locale, text, match) => {
    const found = scan(text, locale);
    expect(found.map((f) => [f.text, f.ruleId])).toEqual([[match, 'phone/local']]);
    expect(found[0]?.reasons[0]).toMatch(/^local number without area code/);
  });

  test('local numbers listed after a phone number take its cue', () => {
    const found = scan('com atendimento só telefônico: 2246-9188/2242-8750/2242-6415.', 'pt-BR');
    expect(found.map((f) => f.text)).toEqual(['2246-9188', '2242-8750', '2242-6415']);
    expect(found[1]?.reasons).toContain('listed with a phone number (+0.2)');
    expect(scan('Notas 2246-9188/2242-8750/2242-6415 do lote', 'pt-BR')).toEqual([]);
  });

  test.each([
    ['en-US', 'Part 287-3763 is out of stock; SSN 123-45-6789; zip 12345-6789', 'part number, SSN and ZIP+4 without a phone word'],
    ['en-US', 'people got prank calls for years. Same thing with 555-2368 from Ghostbusters.', 'the 555 exchange is fiction'],
    ['en-AU', 'Population 9249 4000 in 2020', 'a figure without a phone word'],
    ['nl-NL', 'Uitslag 61 48 27 na drie rondes', 'scores'],
    ['pt-BR', 'Nota fiscal 2246-9188, pedido 3485-4070', 'invoice and order numbers'],
    ['pt-BR', 'Páginas 1500-2000 e 1234-1256 do processo', 'number ranges'],
    ['de-DE', 'Telefonisch unter 287-3763 oder 61 48 27', 'no local numbers where every number is dialled in full'],
  ] as const)('no local number: %s %s (%s)', (locale, text, _why) => {
    expect(scan(text, locale)).toEqual([]);
  });

  test('the kind is explained in reasons', () => {
    const [f] = scan('Call 1800 020 080 for bookings', 'en-AU');
    expect(f?.reasons).toEqual(expect.arrayContaining(['kind toll_free (a service number, not a personal line)', 'service number dialled without the trunk prefix']));
    const [m] = scan('Text me on 0491 570 156', 'en-AU');
    expect(m?.phoneKind).toBe('mobile');
    expect(m?.reasons).toContain('kind mobile');
  });

  test('AU and US toll-free numbers follow one rule: kept without the trunk prefix, personal numbers not', () => {
    expect(kinds('Freecall 1800 020 080', 'en-AU')).toEqual([['1800 020 080', 'toll_free']]);
    expect(kinds('Freecall 1-800-555-0199', 'en-US')).toEqual([['1-800-555-0199', 'toll_free']]);
    // An AU mobile without its leading 0 is not a national number.
    expect(scan('call 491 570 156', 'en-AU')).toHaveLength(0);
  });

  test.each([
    ['en-US', 'For potholes call 311 or dial 988', [['311', 'short_code'], ['988', 'short_code']]],
    ['en-GB', 'Power cut? Call 105, or call the Samaritans free on 116 123.', [['105', 'short_code'], ['116 123', 'short_code']]],
    ['de-DE', 'Einfach die 115 anrufen, das ist die Behördennummer.', [['115', 'short_code']]],
    ['de-DE', 'Telefon 0221 115 1234', [['0221 115 1234', 'fixed_line']]],
    ['fr-FR', 'Appelez le 3949 ou composez le 3646.', [['3949', 'short_code'], ['3646', 'short_code']]],
    ['nl-NL', 'Bel de gemeente op 14 020 voor een afspraak.', [['14 020', 'short_code']]],
    ['pt-BR', 'Ligue 156 para a prefeitura ou disque 188.', [['156', 'short_code'], ['188', 'short_code']]],
    ['es-ES', 'Llame al 010 para información municipal.', [['010', 'short_code']]],
    ['en-GB', 'Not an emergency? Call 101, or ring 111 for the NHS.', [['101', 'short_code'], ['111', 'short_code']]],
    ['en-IN', 'Report cyber fraud: call 1930 or the consumer helpline 1915.', [['1930', 'short_code'], ['1915', 'short_code']]],
    ['de-DE', 'Ärztlicher Bereitschaftsdienst: 116 117 anrufen.', [['116 117', 'short_code']]],
  ] as const)('short code %s %s', (locale, text, expected) => {
    expect(kinds(text, locale)).toEqual(expected);
  });

  test.each([
    ['en-US', 'Page 311 of the report; we had 311 votes and 988 members.', 'a listed short code without a dialling word'],
    ['en-US', 'Call me at 3:11 or after 311.5 km', 'a time and a decimal'],
    ['fr-FR', 'Il y avait 3949 inscrits, appelez-moi pour 3949,50 €.', 'a count and a price'],
    ['de-DE', 'Es kamen 115 Teilnehmer, die Telefonkonferenz hatte 115 Plätze', 'counts'],
    ['nl-NL', 'Er waren 14 020 bezoekers en 1400 deelnemers', 'numbers with and without a thousands space'],
    ['en-GB', 'In an emergency call 999 or 112.', 'emergency numbers'],
    ['nl-NL', 'Bij spoed altijd 112 bellen.', 'the emergency number'],
    ['en-AU', 'In an emergency call 000, or 112 from a mobile.', 'emergency numbers'],
    ['de-DE', 'Im Notfall 110 oder 112 anrufen.', 'emergency numbers'],
    ['fr-FR', 'Appelez le 15, le 17, le 18 ou le 112.', 'French emergency numbers'],
  ] as const)('no short code or emergency number: %s %s (%s)', (locale, text, _why) => {
    expect(scan(text, locale)).toEqual([]);
  });

  test.each([
    ['en-US', 'Call 1-800-FLOWERS today', '1-800-FLOWERS', 'toll_free'],
    ['en-US', 'Call 1-800-FLOWERS (356-9377) today', '1-800-FLOWERS (356-9377)', 'toll_free'],
    ['en-US', 'call 1-877-KARS-4-KIDS to donate', '1-877-KARS-4-KIDS', 'toll_free'],
    ['en-US', 'ring 1-800-Flowers now', '1-800-Flowers', 'toll_free'],
    ['en-US', 'call 1-800-CONTACTS for lenses', '1-800-CONTACTS', 'toll_free'],
    ['en-US', 'call (800) GO-FEDEX', '(800) GO-FEDEX', 'toll_free'],
    ['en-AU', 'Phone 1300 GO BEEP or email us', '1300 GO BEEP', 'shared_cost'],
    ['en-AU', 'Call 1800 RESPECT, any time', '1800 RESPECT', 'toll_free'],
    ['en-GB', 'Call 0800 FLOWERS for delivery', '0800 FLOWERS', 'toll_free'],
  ] as const)('vanity number %s %s', (locale, text, match, kind) => {
    const found = scan(text, locale);
    expect(found.map((f) => [f.text, f.phoneKind, f.ruleId])).toEqual([[match, kind, 'phone/vanity']]);
    expect(text.slice(found[0]?.start, found[0]?.end)).toBe(match);
    expect(found[0]?.reasons).toContain('vanity number: letters dialled as keypad digits');
  });

  test.each([
    ['en-US', 'We have 800 BOXES and 415 CATS here.', 'capital words after numbers that are not service numbers'],
    ['en-US', 'Suite 415 MAIN STREET, and I live at 415 Main Street.', 'an address in capitals and in mixed case'],
    ['en-US', 'The 2024 FORD F150 XLT is for sale, 555 HELLO.', 'a model year and a model name'],
    ['en-US', 'the 800 lb gorilla; 1-800 numbers are free', 'lower-case words after 800'],
    ['en-AU', 'Results 13 DAYS TO GO, 1300 seats sold', 'a count before capitals without a phone word'],
    ['es-ES', 'Llame al 900 XXX XXX (número de ejemplo)', 'a placeholder with X for digits'],
    ['en-US', 'Call 1-800-XXX-XXXX for support', 'a placeholder with X for digits'],
  ] as const)('no vanity number: %s %s (%s)', (locale, text, _why) => {
    expect(scan(text, locale)).toEqual([]);
  });
});

describe('markup formats and link targets', () => {
  test('html tel: link: visible text and link target both found at their original offsets', () => {
    const text = '<p>Call <a href="tel:+442079460958">020 7946 0958</a> today</p>';
    const found = spans(text, 'en-GB', 'html');
    expect(found).toEqual([at(text, '+442079460958'), at(text, '020 7946 0958')]);
    const link = scan(text, 'en-GB', 'html').find((f) => f.text === '+442079460958');
    expect(link?.reasons).toContain('tel: link target');
  });

  test('markdown [call](tel:+44…)', () => {
    const text = 'Questions? [call the office](tel:+44-20-7946-0321) anytime';
    expect(spans(text, 'en-GB', 'markdown')).toEqual([at(text, '+44-20-7946-0321')]);
  });

  test('bbcode [url=tel:…]', () => {
    const text = '[b]Ring[/b] [url=tel:+61491570156]my mobile[/url] after 5';
    expect(spans(text, 'en-AU', 'bbcode')).toEqual([at(text, '+61491570156')]);
  });

  test('a bare number shown as the text of a tel: link is trusted', () => {
    const text = 'Bookings: [6135550179](tel:+16135550179)';
    const found = scan(text, 'en-CA', 'markdown');
    expect(found.map((f) => f.text)).toEqual(['6135550179', '+16135550179']);
    expect(found[0]?.reasons).toContain('same number as a tel: link in the post');
  });

  test('html entities and tags inside a number', () => {
    const text = '<p>Tel:&nbsp;020&nbsp;7946&nbsp;0958</p>';
    expect(spans(text, 'en-GB', 'html')).toEqual([at(text, '020&nbsp;7946&nbsp;0958')]);
  });

  test('a WhatsApp wa.me link carries an international number', () => {
    const text = 'fala comigo: https://wa.me/5521987654321';
    const [f] = scan(text, 'pt-BR');
    expect(f?.text).toBe('5521987654321');
    expect(f && findingValue(f)).toBe('+5521987654321');
  });
});

describe('Unicode folding', () => {
  test('fullwidth digits map back to the original offsets', () => {
    const text = 'Call ０２０ ７９４６ ０９５８ now';
    const [f] = scan(text, 'en-GB');
    expect([f?.start, f?.end, f?.text]).toEqual(at(text, '０２０ ７９４６ ０９５８'));
    expect(f && findingValue(f)).toBe('+442079460958');
  });

  test('NBSP, thin spaces, zero-width characters and unicode dashes inside a number', () => {
    const nbsp = 'Call 020\u00a07946\u00a00958 now';
    expect(spans(nbsp, 'en-GB')).toEqual([at(nbsp, '020\u00a07946\u00a00958')]);
    const zw = 'Call 020 79\u200b46 0958 now';
    expect(spans(zw, 'en-GB')).toEqual([at(zw, '020 79\u200b46 0958')]);
    const dash = 'Call 415\u2013555\u20130134 now';
    expect(spans(dash)).toEqual([at(dash, '415\u2013555\u20130134')]);
  });

  test('other invisible format characters (bidi marks and isolates, variation selectors, grapheme joiner) do not split a number', () => {
    for (const unit of ['\u034f', '\u061c', '\u180b', '\u200e', '\u200f', '\u202a', '\u202e', '\u2063', '\u2066', '\u2069', '\ufe0f']) {
      const text = `Call 415 555 01${unit}34 now`;
      expect(spans(text)).toEqual([at(text, `415 555 01${unit}34`)]);
      const html = `<p>Call 415 5${unit}55 0134 now</p>`;
      expect(spans(html, 'en-US', 'html')).toEqual([at(html, `415 5${unit}55 0134`)]);
    }
  });
});

describe('obfuscated forms', () => {
  test('digits spelled out in English words, mixed with digits; the finding spans the whole run', () => {
    const text = 'Call (415) five five five, oh one three four after lunch';
    const [f] = scan(text);
    expect([f?.start, f?.end, f?.text]).toEqual(at(text, '(415) five five five, oh one three four'));
    expect(f && findingValue(f)).toBe('+14155550134');
    expect(f?.reasons).toContain('digits spelled out in words');
  });

  test('"double" and "triple" repeat the next digit', () => {
    const text = 'my number is zero two zero, seven nine four six, oh double nine five';
    const [f] = scan(text, 'en-GB');
    expect(f?.text).toBe('zero two zero, seven nine four six, oh double nine five');
    expect(f && findingValue(f)).toBe('+442079460995');
    const triple = 'ring oh two oh seven nine four six oh triple nine';
    expect(scan(triple, 'en-GB').map((x) => findingValue(x))).toEqual(['+442079460999']);
  });

  test('digit words of the locale language', () => {
    expect(scan('Erreichbar unter null eins fünf eins 2345 6789', 'de-DE').map((f) => f.text)).toEqual(['null eins fünf eins 2345 6789']);
    expect(scan('mon numéro : zéro six 12 34 56 78', 'fr-FR').map((f) => f.text)).toEqual(['zéro six 12 34 56 78']);
  });

  test('ordinary prose with number words is not a phone', () => {
    expect(scan('I have one or two questions, maybe three, about the five new rules')).toHaveLength(0);
    expect(scan('one two three four five six seven eight nine ten')).toHaveLength(0);
  });

  test('digits separated by single spaces', () => {
    const text = 'text me on 0 2 0 7 9 4 6 0 9 5 8 please';
    const [f] = scan(text, 'en-GB');
    expect([f?.start, f?.end, f?.text]).toEqual(at(text, '0 2 0 7 9 4 6 0 9 5 8'));
    expect(f?.reasons).toContain('digits spaced one by one');
  });
});

describe('extensions', () => {
  test('an extension is part of the span, not of the value', () => {
    const text = 'Desk line +1 415 555 0134 ext. 12 on weekdays';
    const [f] = scan(text);
    expect(f?.text).toBe('+1 415 555 0134 ext. 12');
    expect(f && findingValue(f)).toBe('+14155550134');
    expect(f?.reasons).toContain('extension 12');
    const x = 'Call (415) 555-0134 x12.';
    expect(spans(x)).toEqual([at(x, '(415) 555-0134 x12')]);
  });
});

describe('must not fire', () => {
  const negatives: [string, string, string][] = [
    // locale, text, why
    ['de-DE', 'Geboren am 05.10.1986 in Köln', 'German date that DE validates as a phone'],
    ['de-DE', 'Termin am 03.06.15 um 10', 'short German date'],
    ['en-US', 'Released 2024-03-15 to everyone', 'ISO date'],
    ['en-GB', 'Posted 15/03/2024 at 14:30', 'UK date and time'],
    ['en-US', 'Meeting 03/15/2024 at 2:30pm', 'US date and time'],
    ['nl-NL', 'Geboren op 15-03-1990 in Delft', 'Dutch date'],
    ['en-US', 'Upgraded from 1.2.3 to v2.10.4', 'versions'],
    ['de-DE', 'Windows build 10.0.19045.3803 breaks it', 'build number'],
    ['en-US', 'Servers 192.168.0.1 and 10.0.0.254 are down', 'IP addresses'],
    ['de-DE', 'Kostet 1.299,00 € im Laden', 'German price'],
    ['en-US', 'It costs $1,299.99 plus tax', 'US price'],
    ['en-US', 'See ORD-2024-000123 for details', 'order id'],
    ['en-US', 'Fixed in #4155550134 upstream', 'issue reference'],
    ['de-DE', 'ISBN 978-3-16-148410-0 ist vergriffen', 'ISBN'],
    ['de-DE', 'ISBN 9783161484100 ist vergriffen', 'bare ISBN'],
    ['en-US', 'id 550e8400-e29b-41d4-a716-446655440000', 'UUID'],
    ['en-US', 'commit 3f2a9c81d04455501347 merged', 'hash fragment'],
    ['de-DE', 'Von 1998-2004 in Berlin, dann 2019–2023 in Wien', 'year ranges'],
    ['en-US', 'Final score 3-1, then 102-98 in overtime', 'scores'],
    ['en-GB', 'Located at 51.5074, -0.1278 on the map', 'coordinates'],
    ['en-US', 'Emergency: 911, 112, 999, 110, 15, 17, 18', 'emergency numbers'],
    ['en-US', 'created_at 1700000000 by cron', 'unix timestamp'],
    ['en-US', 'created 1700000000123 ms', 'unix timestamp in ms'],
    ['en-US', 'listening on localhost:8080 and 127.0.0.1:55501', 'ports'],
    ['de-DE', 'Datei backup-20260812-09.tar', 'identifier token'],
    ['en-US', 'request abc123456789 failed', 'digits glued to letters'],
    ['en-US', 'Battery at 100% and 4155550134%', 'percentages'],
    ['en-US', 'Resolution 1920x1080 and 3840x2160', 'measurements'],
    ['en-US', 'Read pages 1203-1245 tonight', 'page range'],
    ['en-US', 'see https://example.com/item/4155550134 for details', 'URL path'],
    ['en-US', 'see www.example.com/p/4155550134', 'URL path without scheme'],
    ['en-US', 'see https://example.com/?id=4155550134', 'URL query'],
    ['en-US', 'Population 1,234,567 and 12,345,678', 'thousands separators'],
    ['fr-FR', 'Population : 2 165 423 habitants', 'French thousands separators'],
    ['pt-BR', 'CPF 123.456.789-09', 'Brazilian CPF'],
    ['en-US', 'mail 4155550134@example.com', 'email local part'],
    ['pt-BR', 'Custa R$ 1.299,00 ou R$ 11 987654321 no atacado', 'amounts after a currency sign'],
    ['en-US', 'Budget: $ 2125550187 for the year', 'an amount after a currency sign and a space'],
    ['es-ES', 'Localizador 871899. 150 min de retraso.', 'two numbers across a sentence end'],
  ];
  test.each(negatives)('%s: %s (%s)', (locale, text) => {
    expect(scan(text, locale)).toEqual([]);
  });
});

describe('subject and allowlist', () => {
  test('self and third party from context cues', () => {
    expect(scan('Call me on 020 7946 0958 tonight.', 'en-GB')[0]?.subject).toBe('self');
    expect(scan('His number is 020 7946 0321, text him.', 'en-GB')[0]?.subject).toBe('third_party');
  });

  test('the allowlist is honoured regardless of formatting', () => {
    const s = createScanner({ locales: ['en-GB'], types: ['phone'], allow: { phones: ['+44 20 7946 0000'] } });
    for (const written of ['020 7946 0000', '+44 20 7946 0000', '+44 (0)20 7946 0000', '(020) 7946-0000', '0044 20 7946 0000']) {
      expect(s.scan(`Support line: ${written}`).findings).toEqual([]);
    }
    expect(s.scan('Support line: 020 7946 0001').findings).toHaveLength(1);
  });
});

describe('hostile inputs', () => {
  test('100,000 digits in a row: not a phone', () => {
    expect(scan('1'.repeat(100_000))).toEqual([]);
  });

  test('100,000 "1 " repetitions: not a phone', () => {
    expect(scan('1 '.repeat(100_000))).toEqual([]);
  });

  test('50,000 "(" and other separator floods', () => {
    expect(scan('('.repeat(50_000))).toEqual([]);
    expect(scan('(1'.repeat(50_000))).toEqual([]);
    expect(scan('+'.repeat(50_000) + '44 20 7946 0958', 'en-GB').map((f) => f.text)).toEqual(['+44 20 7946 0958']);
    expect(scan('-1'.repeat(50_000))).toEqual([]);
    expect(scan('one '.repeat(50_000))).toEqual([]);
  });

  test('a phone after a hostile prefix is still found', () => {
    const text = `${'('.repeat(20_000)} call 020 7946 0958`;
    expect(spans(text, 'en-GB')).toEqual([at(text, '020 7946 0958')]);
  });
});

describe('metadata mirror agrees with libphonenumber-js', () => {
  // Deterministic pseudo-random digits (no Math.random: reproducible failures).
  function* digitsFrom(seed: number, count: number, length: number, prefix: string): Generator<string> {
    let x = seed;
    for (let i = 0; i < count; i++) {
      let d = prefix;
      while (d.length < length) {
        x = (x * 1103515245 + 12345) % 2147483648;
        d += String(x % 10);
      }
      yield d;
    }
  }
  const plans: [CountryCode, string, number][] = [
    ['US', '', 10], ['CA', '', 10], ['GB', '0', 11], ['GB', '07', 11], ['AU', '0', 10], ['IN', '', 10], ['IN', '0', 11],
    ['DE', '0', 11], ['DE', '01', 12], ['FR', '0', 10], ['ES', '', 9], ['IT', '3', 10], ['IT', '0', 10], ['NL', '0', 10], ['BR', '', 11], ['BR', '', 10],
  ];
  test.each(plans)('%s numbers starting %s with %i digits: pre-check, E.164, type and grouping', (region, prefix, length) => {
    let valid = 0;
    for (const d of digitsFrom(length * 7919 + prefix.length, 400, length, prefix)) {
      const lib = parsePhoneNumberFromString(d, region);
      const ours = validatePhone(d, region);
      const libValid = !!lib && lib.isValid();
      expect([d, !!ours]).toEqual([d, libValid]);
      if (!lib || !ours) continue;
      valid++;
      // The cheap pre-check never rejects a number the library accepts.
      // (Digits after an international prefix, "00…" here, are checked as international numbers.)
      const pre = d.startsWith('00') ? possibleInternational(d.slice(2)) : possibleNational(region, d);
      expect([d, pre, possibleInternational(lib.number.slice(1))]).toEqual([d, true, true]);
      expect(ours.e164).toBe(lib.number);
      expect([d, ours.type]).toEqual([d, lib.getType()]);
      // The library's national format ends with the same groups (its first group may carry the
      // national prefix, or show it as a group of its own: "0 822 04 48 60").
      const national = lib.formatNational().split(/[^\d]+/).filter(Boolean).map((g) => g.length);
      const k = ours.groups.length - 1;
      expect([d, ours.groups.slice(1)]).toEqual([d, national.slice(national.length - k)]);
    }
    expect(valid).toBeGreaterThan(0);
  });
});
