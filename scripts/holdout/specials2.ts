/**
 * More hand-written posts with values outside the generator's pools, so that one detector rule
 * firing on a repeated kit value does not inflate the scores. Same shape as specials.ts.
 */
import type { Special } from './specials';

export const SPECIALS2: Special[] = [
  // ---------------- en-US
  ['en-US', 'plain', 'Selling 2 tickets to the Saturday show, face value. 1-312-555-0190, ask for Ray. Cash only, meet at the box office.', [['phone', '1-312-555-0190', 'self']], 'NANP with leading 1 and hyphens'],
  ['en-US', 'plain', 'my sister keeps getting calls from 3125550134 at 3am, anyone know who that is?? reverse lookup shows nothing', [['phone', '3125550134', 'unknown']], 'unseparated 10-digit number, unknown caller'],
  ['en-US', 'markdown', '**Garage sale** this Sat 8-2 at 4021 Cedar Hollow Road, Franklin, Tennessee 37064. Tools, baby stuff, a canoe. No early birds!', [['address', '4021 Cedar Hollow Road, Franklin, Tennessee 37064', 'self']], 'state spelled out'],
  ['en-US', 'plain', 'Heads up: the guy from the Marketplace scam is Brett, he gave his address as 77 Sycamore Ct, Unit 12, Plano TX 75023-4410 and number 312/555-0161.', [['address', '77 Sycamore Ct, Unit 12, Plano TX 75023-4410', 'third_party'], ['phone', '312/555-0161', 'third_party']], 'scam report, ZIP+4 and slash phone'],
  ['en-US', 'html', '<p>Questions about the recall? Call our hotline <a href="tel:+18005550199">1-800-555-0199</a> (Mon–Fri).</p>', [['phone', '+18005550199', 'unknown'], ['phone', '1-800-555-0199', 'unknown']], 'toll-free tel: link'],
  ['en-US', 'plain', 'The log line was `WARN mailer: bounce for ops.alerts@example.com (550 mailbox full)` — is that our address or theirs?', [['email', 'ops.alerts@example.com', 'unknown']], 'email inside a log line'],
  ['en-US', 'plain', 'Visit https://www.example.com/contact or support.example.com/help — we do not answer DMs.', [], 'URLs with example domains, no email'],
  ['en-US', 'plain', 'Windows 10 build 19045.3693, KB5034441 failed with 0x80070643. BIOS date 03/15/2023. Steam ID 76561198012345678.', [], 'build numbers, KB, error codes, 17-digit id'],
  ['en-US', 'plain', 'Reminder: in an emergency call 911, the non-emergency line is 311. Poison control is on the fridge magnet.', [], 'short service numbers'],
  ['en-US', 'plain', 'I grew up on Elm Street, went to school on 5th Avenue, and now live off Highway 101. Small world.', [], 'street names without a house number'],

  // ---------------- en-GB
  ['en-GB', 'plain', 'Parish council: for allotment queries ring +44 (0) 20 7946 0555 on weekdays, or pop into the office.', [['phone', '+44 (0) 20 7946 0555', 'unknown']], 'international with (0) trunk'],
  ['en-GB', 'plain', 'Old school friends!! I\'m on 0161-496-0999 now, still in Salford. Would love to catch up before the reunion.', [['phone', '0161-496-0999', 'self']], 'hyphenated UK landline'],
  ['en-GB', 'bbcode', '[quote=Nigel]Where do I send the raffle money?[/quote]\nTo the treasurer: Mrs J. Pike, 42 Orchard Close, Little Hadham, Hertfordshire SG11 2DY', [['address', '42 Orchard Close, Little Hadham, Hertfordshire SG11 2DY', 'third_party']], 'bbcode quote then third-party address'],
  ['en-GB', 'plain', 'He\'s moved again, lives at 12 Acacia Avenue in Sheffield now, top flat. Tell him I said hi.', [['address', '12 Acacia Avenue in Sheffield', 'third_party']], 'address without postcode, prose connector'],
  ['en-GB', 'html', '<p>Collection point:</p><p>The Old Forge<br>High Street<br>Much Wenlock<br>TF13 6AA</p>', [['address', 'The Old Forge<br>High Street<br>Much Wenlock<br>TF13 6AA', 'unknown']], 'named house, no number, four lines'],
  ['en-GB', 'plain', 'Train 1A23 from Euston at 07:43, coach F seat 41. Return ticket ref 8KJ2L4MX. Platform 13.', [], 'train headcode, booking ref'],
  ['en-GB', 'plain', 'Sort of thing you see on Downing Street or Abbey Road, tourists everywhere. Number 10 was closed to the public as always.', [], 'famous streets, "Number 10"'],
  ['en-GB', 'plain', 'Can someone explain tax code 1257L and why my P60 says 12,570? Payroll ref 004417, period 11.', [], 'tax code, payroll numbers'],
  ['en-GB', 'markdown', 'Our club secretary is on `07400 123456` if your kid wants a trial. Training is Tuesdays 6pm at the rec.', [['phone', '07400 123456', 'third_party']], 'phone inside inline code'],

  // ---------------- en-CA
  ['en-CA', 'plain', 'For the hockey pool email Steph at steph.ouellet_88@poolnight.test, buy-in is $20.', [['email', 'steph.ouellet_88@poolnight.test', 'third_party']], 'underscore and digits in local part'],
  ['en-CA', 'plain', 'Ottawa office: 613.555.0155. Halifax: 1 (902) 555-0188. We\'re closed Canada Day.', [['phone', '613.555.0155', 'unknown'], ['phone', '1 (902) 555-0188', 'unknown']], 'dotted and 1-prefixed numbers'],
  ['en-CA', 'plain', 'cottage is at 1184 lakeshore rd, rr 2, bracebridge on p1l 1w9 — bring bug spray', [['address', '1184 lakeshore rd, rr 2, bracebridge on p1l 1w9', 'self']], 'lowercase rural route address'],
  ['en-CA', 'plain', 'Postal codes like K1A 0B1 (Parliament) and H0H 0H0 (Santa) are famous. Mine is boring.', [], 'famous postal codes without street'],
  ['en-CA', 'plain', 'Flight AC 8612 YHZ-YUL, PNR 4FJ7KQ, Aeroplan 123 456 789? No wait that\'s my old library card.', [], 'flight, PNR, card-ish id'],
  ['en-CA', 'html', '<p>Stanley Cup final: 4–3 in OT. Shots 38–29. Attendance 19,092. Next game June 14, 8:00 p.m. ET.</p>', [], 'hockey score'],

  // ---------------- en-AU
  ['en-AU', 'plain', 'Footy tipping comp: text your tips to 0412 555 019 by Thursday 7pm or you get the lowest score.', [['phone', '0412 555 019', 'self']], 'AU mobile'],
  ['en-AU', 'plain', 'Adelaide office moved: Level 2, 30 Currie Street, Adelaide South Australia 5000. Ph (08) 7010 2345.', [['address', 'Level 2, 30 Currie Street, Adelaide South Australia 5000', 'unknown'], ['phone', '(08) 7010 2345', 'unknown']], 'state spelled out, business'],
  ['en-AU', 'plain', 'RSVP to the bbq at shazza.p@bbq.example, we\'re at 6 Jacaranda Pl Toowong 4066 (no state, locals know).', [['email', 'shazza.p@bbq.example', 'self'], ['address', '6 Jacaranda Pl Toowong 4066', 'self']], 'address without state'],
  ['en-AU', 'plain', 'The M1 between exits 41 and 45 is closed, use the Pacific Hwy. Bus 333 to Bondi runs every 10 min.', [], 'motorway exits, bus numbers'],
  ['en-AU', 'markdown', '- ABN 51 824 753 556 (that\'s the business, on every invoice)\n- Invoice 000233\n- Due 14/06/2024', [], 'business ABN, invoice, date'],

  // ---------------- en-IN
  ['en-IN', 'plain', 'PG accommodation available for girls near Koramangala. Contact warden 9820012346 between 10 am and 6 pm only.', [['phone', '9820012346', 'third_party']], 'unseparated Indian mobile'],
  ['en-IN', 'plain', 'Our Chennai branch: No. 14, 2nd Main Road, Gandhi Nagar, Adyar, Chennai - 600020. Ph: 044-2811-2345.', [['address', 'No. 14, 2nd Main Road, Gandhi Nagar, Adyar, Chennai - 600020', 'unknown'], ['phone', '044-2811-2345', 'unknown']], 'Indian branch address, STD code'],
  ['en-IN', 'plain', 'PNR 4521378890, train 12951 Mumbai Rajdhani, coach B4 berth 33. Departure 17:00 from platform 3.', [], '10-digit PNR that looks like a mobile'],
  ['en-IN', 'plain', 'My cousin Vikram\'s UPI is vikram.s@okaxis? No wait, don\'t send there, send to vikram.s@upi.example instead.', [['email', 'vikram.s@upi.example', 'third_party']], 'UPI handle vs email (okaxis is not a domain)'],
  ['en-IN', 'plain', 'IPL: 198/4 in 20 overs, chased in 19.2. Kohli 82* off 53. Next match 12-04-2024, 7:30 PM IST.', [], 'cricket score'],
  ['en-IN', 'markdown', 'Aadhaar seeding failed again. Number I entered: `2345 6789 0124`. Bank says wait 7 days.', [['national_id', '2345 6789 0124', 'self']], 'Aadhaar in inline code'],

  // ---------------- de-DE
  ['de-DE', 'plain', 'Hallo Nachbarn, wer hat einen Anhänger zu verleihen? Ich wohne Kastanienallee 9, Seitenflügel, 10435 Berlin. Tel. 0160 99887766', [['address', 'Kastanienallee 9, Seitenflügel, 10435 Berlin', 'self'], ['phone', '0160 99887766', 'self']], 'Seitenflügel, Handy'],
  ['de-DE', 'html', '<p>Impressum-Anfrage: Die Firma sitzt laut Handelsregister in der<br>Hohenzollernring 48<br>50672 Köln<br>Tel. <b>0221</b> 9876543</p>', [['address', 'Hohenzollernring 48<br>50672 Köln', 'unknown'], ['phone', '0221</b> 9876543', 'unknown']], 'Adresse über <br>, Vorwahl fett'],
  ['de-DE', 'plain', 'Der Typ, der meine Tochter belästigt, heißt Sven und wohnt im Rosenweg 3 in 72070 Tübingen. Seine Nummer: +49 (0) 40 4321 9876', [['address', 'Rosenweg 3 in 72070 Tübingen', 'third_party'], ['phone', '+49 (0) 40 4321 9876', 'third_party']], 'Doxxing, Adresse mit "in"'],
  ['de-DE', 'plain', 'Sprechstunde Mo–Fr 8–12 Uhr, Mi 15–18 Uhr. Praxis-Nr. 123456789, Kassen-IK 108310400. Bitte Versichertenkarte mitbringen.', [], 'Institutionskennzeichen, Öffnungszeiten'],
  ['de-DE', 'plain', 'Handelsregister HRB 86789, USt-IdNr. DE123456789, Steuernummer 21/815/08150 – das steht so im Impressum der Firma.', [], 'Firmenkennungen'],
  ['de-DE', 'plain', 'Die A7 zwischen Kassel und Göttingen ist dicht, Ausfahrt 75 gesperrt. Stau 12 km, Zeitverlust 40 Minuten.', [], 'Autobahn, Ausfahrt'],
  ['de-DE', 'bbcode', '[b]Suche[/b] Mitfahrgelegenheit nach Leipzig am 14.3., biete 15 €. Meldet euch per PN oder an [u]lena.s@mitfahren.test[/u]', [['email', 'lena.s@mitfahren.test', 'self']], 'E-Mail in bbcode-Unterstreichung'],
  ['de-DE', 'plain', 'Vereinskonto für Spenden: DE02 1203 0000 0000 2020 51 (Förderverein Grundschule). Danke!', [['iban', 'DE02 1203 0000 0000 2020 51', 'unknown']], 'IBAN eines Vereins'],

  // ---------------- fr-FR
  ['fr-FR', 'plain', 'Cours de guitare à domicile sur Marseille, 25 € l\'heure. Tél : 04 91 23 45 67 ou 0033 6 12 34 56 70 (WhatsApp).', [['phone', '04 91 23 45 67', 'self'], ['phone', '0033 6 12 34 56 70', 'self']], 'fixe et format 0033'],
  ['fr-FR', 'plain', 'Ma voisine, Mme Garnier, habite au 7 place du Marché 21000 Dijon, et elle dépose ses poubelles devant chez moi. Son mail : m.garnier@voisins.test', [['address', '7 place du Marché 21000 Dijon', 'third_party'], ['email', 'm.garnier@voisins.test', 'third_party']], 'voisine, adresse et mail'],
  ['fr-FR', 'html', '<p>Rendez-vous à la salle des fêtes :<br>Mairie annexe<br>14 chemin des Vignes<br>84000 Avignon</p>', [['address', 'Mairie annexe<br>14 chemin des Vignes<br>84000 Avignon', 'unknown']], 'adresse sur trois lignes'],
  ['fr-FR', 'plain', 'Autoroute A7, sortie 23, puis N86 direction Nîmes. Péage 12,40 €. Arrivée prévue vers 18h15.', [], 'autoroute, sortie'],
  ['fr-FR', 'plain', 'SIREN 552 100 554, code APE 4711D, TVA FR40 552100554 : ce sont les infos légales du magasin.', [], 'identifiants d’entreprise'],
  ['fr-FR', 'markdown', '> Quelqu\'un a le numéro du garage ?\n\nOui : **01 99 00 77 88**, demandez Karim.', [['phone', '01 99 00 77 88', 'third_party']], 'citation puis numéro en gras'],
  ['fr-FR', 'plain', 'Résultat du semi : 1h42\'18", dossard 2231, 512e sur 4 876. Prochain : 12/05 à 9h30.', [], 'temps de course'],

  // ---------------- es-ES
  ['es-ES', 'plain', 'Clases de inglés en Valencia, 15 €/hora. Contacto: +34 655 987 321 o profe.ingles@clases.example', [['phone', '+34 655 987 321', 'self'], ['email', 'profe.ingles@clases.example', 'self']], 'anuncio con móvil internacional'],
  ['es-ES', 'plain', 'El vecino del 4ºC, Paco, vive en Calle de Toledo 45, 4ºC, 28005 Madrid y pone la música a tope. Su teléfono es 0034 912 987 654.', [['address', 'Calle de Toledo 45, 4ºC, 28005 Madrid', 'third_party'], ['phone', '0034 912 987 654', 'third_party']], 'vecino, dirección y teléfono 0034'],
  ['es-ES', 'html', '<p>Punto de recogida:<br>Carrer de Mallorca 221, entresuelo 2ª<br>08008 Barcelona</p>', [['address', 'Carrer de Mallorca 221, entresuelo 2ª<br>08008 Barcelona', 'unknown']], 'dirección en catalán con entresuelo'],
  ['es-ES', 'plain', 'La A-6 está cortada en el km 23 y la M-30 a la altura de la salida 17. Línea 6 de metro con retrasos.', [], 'carreteras y kilómetros'],
  ['es-ES', 'plain', 'CIF de la empresa B12345674, número de cliente 00012345, referencia catastral 9872023VH5797S0001WX.', [], 'identificadores de empresa y catastro'],

  // ---------------- it-IT
  ['it-IT', 'plain', 'Lezioni di piano a Roma, zona Prati. Chiamatemi al 3471234567 o al fisso +39 06 6987 5555.', [['phone', '3471234567', 'self'], ['phone', '+39 06 6987 5555', 'self']], 'cellulare senza spazi e fisso internazionale'],
  ['it-IT', 'plain', 'La mia ex suocera abita in via Garibaldi 8, 16124 Genova, e continua a chiamarmi dallo 0039 333 9876543. Basta!', [['address', 'via Garibaldi 8, 16124 Genova', 'third_party'], ['phone', '0039 333 9876543', 'third_party']], 'indirizzo e cellulare di terzi'],
  ['it-IT', 'html', '<p>Ritiro presso:<br>Cascina Bianca<br>Strada Provinciale 12 n. 4<br>27100 Pavia</p>', [['address', 'Cascina Bianca<br>Strada Provinciale 12 n. 4<br>27100 Pavia', 'unknown']], 'indirizzo rurale su tre righe'],
  ['it-IT', 'plain', 'Partita IVA 01234567890 e codice SDI M5UXCR1 sono della ditta, li trovate in fattura. Totale 1.220,00 €.', [], 'partita IVA ditta, codice SDI'],
  ['it-IT', 'plain', 'La A1 è chiusa tra Barberino e Firenze Nord, uscita 18. Il Frecciarossa 9543 viaggia con 40 minuti di ritardo.', [], 'autostrade e treni'],

  // ---------------- nl-NL
  ['nl-NL', 'plain', 'Oppas gezocht voor woensdagmiddag in Utrecht-Oost. Bel of app 0612-345-678, of mail naar gezin.visser@oppas.test', [['phone', '0612-345-678', 'self'], ['email', 'gezin.visser@oppas.test', 'self']], 'mobiel met streepjes, e-mail'],
  ['nl-NL', 'plain', 'Die oplichter van Marktplaats woont gewoon op Kanaalweg 14 bis, 2312 AB Leiden. Zijn nummer: 0031 6 2345 6789.', [['address', 'Kanaalweg 14 bis, 2312 AB Leiden', 'third_party'], ['phone', '0031 6 2345 6789', 'third_party']], 'oplichter, adres en 0031-nummer'],
  ['nl-NL', 'html', '<p>Afhalen kan op:<br>Molenstraat 3<br>5911 GD Venlo<br>(achterdeur)</p>', [['address', 'Molenstraat 3<br>5911 GD Venlo', 'self']], 'adres over twee regels'],
  ['nl-NL', 'plain', 'De A2 bij knooppunt Oudenrijn staat vast, afslag 7 dicht. Bus 12 rijdt om via de Europalaan.', [], 'snelweg en afslag'],
  ['nl-NL', 'plain', 'Ons BTW-nummer NL001234567B01 en KvK 87654321 staan op de factuur. Ordernummer 2024-118, betaald op 03-04.', [], 'bedrijfsnummers'],
  ['nl-NL', 'plain', 'Bellen naar +31 (0)20 765 4321 voor de kaartverkoop van het buurtfeest, niet naar mij!', [['phone', '+31 (0)20 765 4321', 'unknown']], 'internationaal met (0)'],

  // ---------------- pt-BR
  ['pt-BR', 'plain', 'Faço bolos por encomenda! Pedidos pelo (011) 3456-7890 ou +55 (21) 99876-1234. Entrego na zona sul.', [['phone', '(011) 3456-7890', 'self'], ['phone', '+55 (21) 99876-1234', 'self']], 'DDD com zero e internacional'],
  ['pt-BR', 'plain', 'Esse golpista mora na Rua Tiradentes, 45, fundos, Centro, Campinas/SP, CEP 13015-100. O e-mail dele é golpe.zero@fraude.test', [['address', 'Rua Tiradentes, 45, fundos, Centro, Campinas/SP, CEP 13015-100', 'third_party'], ['email', 'golpe.zero@fraude.test', 'third_party']], 'golpista, endereço e e-mail'],
  ['pt-BR', 'html', '<p>Retirada no endereço:<br>Av. Boa Viagem, 3200, apto 1101<br>Boa Viagem, Recife - PE<br>51020-000</p>', [['address', 'Av. Boa Viagem, 3200, apto 1101<br>Boa Viagem, Recife - PE<br>51020-000', 'self']], 'endereço em três linhas'],
  ['pt-BR', 'plain', 'BR-101 interditada no km 230, desvio pela SP-55. Linha 8012 do ônibus com atraso de 40 min.', [], 'rodovias e linhas'],
  ['pt-BR', 'plain', 'Boleto com código de barras 23793.38128 60000.000003 00000.000408 1 84340000012345, vencimento 10/04.', [], 'linha digitável de boleto'],
  ['pt-BR', 'markdown', 'Meu Pix é o e-mail `rafa.pix@banco.example`, pode mandar os R$ 20 do churrasco.', [['email', 'rafa.pix@banco.example', 'self']], 'chave Pix e-mail'],

  // ---------------- cross-locale numbers and mixed
  ['en-US', 'plain', 'My German colleague asked me to share her number for the conference: +49 171 3920047. She prefers Signal.', [['phone', '+49 171 3920047', 'third_party']], 'foreign number in a US post'],
  ['en-GB', 'plain', 'Holiday let in Provence, owner speaks English: +33 4 91 23 45 68, or book through the agency.', [['phone', '+33 4 91 23 45 68', 'unknown']], 'French number in a UK post'],
  ['pt-BR', 'plain', 'Meu primo em Lisboa pediu pra divulgar: apartamento na Rua Augusta 120, 1100-053 Lisboa. Ele fala português e inglês.', [['address', 'Rua Augusta 120, 1100-053 Lisboa', 'third_party']], 'endereço português num post brasileiro'],
  ['es-ES', 'plain', 'Hi! Spanish/English exchange: I\'m Marta, mi correo es marta.intercambio@idiomas.test. Nos vemos en el café.', [['email', 'marta.intercambio@idiomas.test', 'self']], 'intercambio, inglés y español'],
];
