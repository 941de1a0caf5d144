/**
 * Hand-written hard cases for the held-out corpus: obfuscation, markup, Unicode tricks, mixed
 * languages, and hard negatives. Each: [locale, format, text, labels, note].
 * Label: [type, text, subject?].
 */
export type SLabel = [string, string, string?];
export type Special = [string, string, string, SLabel[], string];

const ZW = '\u200b';

export const SPECIALS: Special[] = [
  // ---- obfuscated e-mails
  ['en-US', 'plain', 'Not posting my address here because of bots, but you can reach me: dana dot whitfield at example dot com. Put "quilt" in the subject.', [['email', 'dana dot whitfield at example dot com', 'self']], 'obfuscated email, spelled-out at/dot'],
  ['en-GB', 'plain', 'Drop me a message - fiona.hartley [at] example [dot] org - and I will send you the pattern PDF.', [['email', 'fiona.hartley [at] example [dot] org', 'self']], 'obfuscated email, [at] [dot]'],
  ['en-AU', 'bbcode', '[i]Contact for the working bee:[/i] liam(at)example(dot)com — bring gloves and a hat!', [['email', 'liam(at)example(dot)com', 'self']], 'obfuscated email, (at)(dot)'],
  ['en-CA', 'plain', 'my email is j o r d a n . m a c l e o d @ e x a m p l e . c o m lol spaced out so the scrapers dont get it', [['email', 'j o r d a n . m a c l e o d @ e x a m p l e . c o m', 'self']], 'obfuscated email, every letter spaced'],
  ['en-GB', 'html', '<p>Questions about the allotment waiting list? Email <span>priya&#64;example.org</span> or leave a note in the shed.</p>', [['email', 'priya&#64;example.org', 'unknown']], 'HTML entity &#64; for @'],
  ['en-US', 'html', '<p>Write to me: <code>tom.okafor&#x40;mail&#46;example</code> (entities so it survives the forum filter)</p>', [['email', 'tom.okafor&#x40;mail&#46;example', 'self']], 'hex and decimal HTML entities in email'],
  ['fr-FR', 'plain', 'Pour les inscriptions : camille.durand arobase example point com, ou en MP.', [['email', 'camille.durand arobase example point com', 'self']], 'email obfusqué arobase/point'],
  ['de-DE', 'plain', 'Schreibt mir an jana.koehler (at) example (punkt) org, ich schicke dann die Liste.', [['email', 'jana.koehler (at) example (punkt) org', 'self']], 'E-Mail verschleiert (at)/(punkt)'],
  ['es-ES', 'plain', 'Escribidme a lucia.fernandez arroba example punto net y os paso el enlace.', [['email', 'lucia.fernandez arroba example punto net', 'self']], 'correo ofuscado arroba/punto'],
  ['pt-BR', 'plain', 'Me manda um email: rafael.lima arroba example ponto com, respondo hoje.', [['email', 'rafael.lima arroba example ponto com', 'self']], 'email ofuscado arroba/ponto'],
  ['en-US', 'plain', `Contact Kelsey at kelsey${ZW}.brandt@example.com for the carpool sheet.`, [['email', `kelsey${ZW}.brandt@example.com`, 'third_party']], 'zero-width space inside email'],
  ['en-IN', 'markdown', 'Reach the organiser **Ananya** at [ananya.iyer@example.org](mailto:ananya.iyer@example.org) for passes.', [['email', 'ananya.iyer@example.org', 'third_party']], 'markdown mailto link: text and target both labeled'],
  ['en-GB', 'html', '<p>Booking enquiries: <a href="mailto:bookings@villagehall.example">bookings@villagehall.example</a></p>', [['email', 'bookings@villagehall.example', 'unknown']], 'html mailto link'],
  ['en-US', 'plain', 'Use Marcus.Reyes+forum@Example.COM, I filter everything from here into one folder.', [['email', 'Marcus.Reyes+forum@Example.COM', 'self']], 'plus addressing, mixed case'],
  ['it-IT', 'plain', 'scrivetemi a giulia.ferri[chiocciola]example[punto]com per le iscrizioni al corso', [['email', 'giulia.ferri[chiocciola]example[punto]com', 'self']], 'email offuscata chiocciola/punto'],
  ['nl-NL', 'plain', 'Mailen kan naar sanne.devries apenstaartje example punt org, bellen liever niet.', [['email', 'sanne.devries apenstaartje example punt org', 'self']], 'e-mail verhuld apenstaartje/punt'],
  ['en-AU', 'plain', 'Quoted from the old thread:\n> On 3 Mar, Bronwyn Kelly <bronwyn.kelly@example.org> wrote:\n> Anyone keen for the cleanup?\nYes! Count me in.', [['email', 'bronwyn.kelly@example.org', 'third_party']], 'email in quoted reply header'],

  // ---- phone tricks
  ['en-GB', 'plain', 'Ring the office on ０２０ ７９４６ ０９５８ (sorry, my phone types weird digits).', [['phone', '０２０ ７９４６ ０９５８', 'self']], 'fullwidth digits phone'],
  ['en-US', 'plain', `Text me at 415${ZW}-555-0188 if the gate is locked.`, [['phone', `415${ZW}-555-0188`, 'self']], 'zero-width space inside phone'],
  ['en-GB', 'html', '<p>Call <b>020</b> 7946 0958 to book a slot.</p>', [['phone', '020</b> 7946 0958', 'unknown']], 'phone split across markup'],
  ['en-US', 'html', '<p>Office: <span class="area">(212)</span> <span>555-0123</span></p>', [['phone', '(212)</span> <span>555-0123', 'unknown']], 'phone split across spans'],
  ['en-GB', 'plain', 'My number is oh two oh, seven nine four six, oh nine five eight - call after tea.', [['phone', 'oh two oh, seven nine four six, oh nine five eight', 'self']], 'phone fully in words'],
  ['en-US', 'plain', 'call me four one five 555 0188 if you want the crib', [['phone', 'four one five 555 0188', 'self']], 'phone partly in words'],
  ['en-GB', 'html', '<p>Questions? <a href="tel:+442079460321">020 7946 0321</a></p>', [['phone', '+442079460321', 'unknown'], ['phone', '020 7946 0321', 'unknown']], 'tel: link target and text'],
  ['de-DE', 'plain', 'Tel. 030/23125456 oder mobil 0171-3920045, bitte nicht vor 9 Uhr.', [['phone', '030/23125456', 'self'], ['phone', '0171-3920045', 'self']], 'Schrägstrich- und Bindestrich-Schreibweise'],
  ['fr-FR', 'plain', 'Mon portable : 06.12.34.56.78 (pas de SMS après 21h).', [['phone', '06.12.34.56.78', 'self']], 'portable avec points'],
  ['nl-NL', 'plain', 'Bel gerust: 06 - 12 34 56 78, ook in het weekend.', [['phone', '06 - 12 34 56 78', 'self']], 'mobiel met streepje en spaties'],
  ['en-US', 'plain', 'Front desk is +1 (212) 555-0123 ext. 42, ask for Jenna.', [['phone', '+1 (212) 555-0123', 'unknown']], 'phone with extension'],
  ['en-IN', 'plain', 'For the flat contact owner Mr. Khanna +91-98200-12345 (no brokers).', [['phone', '+91-98200-12345', 'third_party']], 'Indian mobile hyphenated'],
  ['en-AU', 'markdown', '| Role | Name | Mobile |\n|---|---|---|\n| Coach | Mick | 0491 570 156 |\n| Manager | Shaz | 0491 570 006 |', [['phone', '0491 570 156', 'third_party'], ['phone', '0491 570 006', 'third_party']], 'phones inside a markdown table'],
  ['pt-BR', 'plain', 'me chama no zap 11 9 8765-4321 que eu te passo o endereço', [['phone', '11 9 8765-4321', 'self']], 'celular com nono dígito separado'],
  ['es-ES', 'plain', 'Llamadme al seis uno dos 345 678 que estoy sin datos.', [['phone', 'seis uno dos 345 678', 'self']], 'teléfono en parte con palabras'],
  ['it-IT', 'bbcode', '[b]Info e prenotazioni:[/b] [color=red]347[/color] 123 4567 (anche WhatsApp)', [['phone', '347[/color] 123 4567', 'unknown']], 'telefono spezzato da bbcode'],

  // ---- addresses, multi-line and odd shapes
  ['en-GB', 'html', '<p>Send the forms to:<br>Gareth Pryce<br>14 Harrow Road<br>London<br>W2 4RX</p>', [['address', '14 Harrow Road<br>London<br>W2 4RX', 'self']], 'address over <br> lines'],
  ['en-GB', 'bbcode', '[b]Ship to:[/b]\n27 Mill Lane\nChorlton\nManchester M21 9TE\n[i]thanks![/i]', [['address', '27 Mill Lane\nChorlton\nManchester M21 9TE', 'self']], 'bbcode multi-line address'],
  ['en-CA', 'plain', 'I\'m on the 4th floor, 221 King St W, Toronto ON M5H 1K5 - buzz 4012.', [['address', '4th floor, 221 King St W, Toronto ON M5H 1K5', 'self']], 'floor before street'],
  ['en-US', 'markdown', 'Drop-off point:\n\n- **Where:** 1432 Maple Ave, Apt 3B\n  Springfield, IL 62704\n- **When:** Sat 10-12', [['address', '1432 Maple Ave, Apt 3B\n  Springfield, IL 62704', 'self']], 'address in markdown list over two lines'],
  ['en-IN', 'plain', 'Pickup from my place: 5th Block, 80 Feet Road, Koramangala, Bengaluru 560 095, near the Sony signal.', [['address', '5th Block, 80 Feet Road, Koramangala, Bengaluru 560 095', 'self']], 'Indian PIN with space'],
  ['en-AU', 'plain', 'come round to 3/117 oxford st darlinghurst nsw 2010 after 6, door code is on the group chat', [['address', '3/117 oxford st darlinghurst nsw 2010', 'self']], 'lowercase address with unit slash'],
  ['de-DE', 'plain', 'Abholung bei mir: Lindenstr. 14 Hinterhaus 3. OG 10969 Berlin (Klingel Köhler)', [['address', 'Lindenstr. 14 Hinterhaus 3. OG 10969 Berlin', 'self']], 'Adresse ohne Kommas mit Hinterhaus/OG'],
  ['fr-FR', 'html', '<p>Adresse du dépôt :<br>3 bis boulevard Victor Hugo<br>06000 Nice</p>', [['address', '3 bis boulevard Victor Hugo<br>06000 Nice', 'unknown']], 'adresse sur deux lignes html'],
  ['es-ES', 'plain', 'Recogida en c/ Mayor 15 3ºB 28013 Madrid, tocad al timbre de Gil.', [['address', 'c/ Mayor 15 3ºB 28013 Madrid', 'self']], 'dirección sin comas con piso'],
  ['it-IT', 'bbcode', 'Indirizzo per la raccolta tappi:\n[i]Via Toledo 256, scala B[/i]\n[i]80134 Napoli[/i]', [['address', 'Via Toledo 256, scala B[/i]\n[i]80134 Napoli', 'unknown']], 'indirizzo spezzato da bbcode'],
  ['nl-NL', 'plain', 'adres: dorpsweg 4a 1741ba schagen, achterom graag', [['address', 'dorpsweg 4a 1741ba schagen', 'self']], 'kleine letters, postcode zonder spatie'],
  ['pt-BR', 'plain', 'Entrega na Rua Padre Chagas 79 casa 2 Moinhos de Vento Porto Alegre RS CEP 90570080 por favor', [['address', 'Rua Padre Chagas 79 casa 2 Moinhos de Vento Porto Alegre RS CEP 90570080', 'self']], 'endereço sem vírgulas, CEP sem hífen'],
  ['en-US', 'plain', 'Mail donations to PO Box 4471, Tucson AZ 85717. Checks payable to the PTA.', [['address', 'PO Box 4471, Tucson AZ 85717', 'unknown']], 'PO box'],
  ['en-GB', 'plain', 'His new place is 9 kings road brighton bn1 2fp, in case anyone wants to return his stuff.', [['address', '9 kings road brighton bn1 2fp', 'third_party']], 'lowercase UK address, third party'],
  ['en-CA', 'html', '<address>Unit 6, 2880 Queen St E<br>Brampton, ON<br>L6S 6H4</address><p>Open Mon–Sat.</p>', [['address', 'Unit 6, 2880 Queen St E<br>Brampton, ON<br>L6S 6H4', 'unknown']], 'business address in <address> tag'],
  ['en-US', 'plain', 'Meet at 88 W 21st St New York NY 10010 at noon', [['address', '88 W 21st St New York NY 10010', 'self']], 'address without commas'],

  // ---- cards, ibans, ids
  ['en-US', 'bbcode', '[code]card=378282246310005 exp=0427 cvv=***[/code] is what the log printed?! why is the app logging this', [['payment_card', '378282246310005', 'self']], 'Amex number in bbcode code block'],
  ['en-GB', 'plain', 'Paid with 5555-5555-5555-4444 and got charged twice, bank says wait 5 working days.', [['payment_card', '5555-5555-5555-4444', 'self']], 'Mastercard hyphenated'],
  ['de-DE', 'html', '<p>Bitte auf mein Konto: <b>DE89 3704 0044 0532 0130 00</b> – danke!</p>', [['iban', 'DE89 3704 0044 0532 0130 00', 'self']], 'IBAN fett in html'],
  ['nl-NL', 'plain', 'Tikkie werkt niet, dus: NL91ABNA0417164300 t.n.v. F. Bakker', [['iban', 'NL91ABNA0417164300', 'self']], 'IBAN zonder spaties'],
  ['en-US', 'html', '<p>The form wants SSN as <kbd>457-55-5462</kbd> but rejects dashes?</p>', [['national_id', '457-55-5462', 'self']], 'SSN in kbd tag'],
  ['en-GB', 'plain', 'HMRC letter quotes my NI number QQ 12 34 56 C but the portal says not found.', [['national_id', 'QQ 12 34 56 C', 'self']], 'National Insurance number'],
  ['es-ES', 'plain', 'Mi NIE es X1234567L y la sede electrónica sigue diciendo que no existe.', [['national_id', 'X1234567L', 'self']], 'NIE'],
  ['pt-BR', 'plain', 'O CPF dela é 111.444.777-35, mas ela não consegue entrar no app do banco.', [['national_id', '111.444.777-35', 'third_party']], 'CPF de terceiro'],

  // ---- mixed languages
  ['es-ES', 'plain', 'Hi all / hola a todos: selling my surfboard, 7\'2", vendo tabla de surf. Call or WhatsApp 655 12 34 56. Hablo inglés y español.', [['phone', '655 12 34 56', 'self']], 'inglés y español mezclados'],
  ['de-DE', 'plain', 'Hallo zusammen, quick question in English for our new colleague: the meeting room booking is via raum@firma.example or call 089 12345678. Danke!', [['email', 'raum@firma.example', 'unknown'], ['phone', '089 12345678', 'unknown']], 'Deutsch und Englisch gemischt'],
  ['fr-FR', 'plain', 'Bonjour! Our flat in Lyon is available for the festival – appartement à louer, 45 avenue Jean Jaurès 69007 Lyon. Contact me in English or French.', [['address', '45 avenue Jean Jaurès 69007 Lyon', 'self']], 'français/anglais mélangés'],
  ['en-CA', 'plain', 'Bonjour/hi neighbours, garage sale samedi 9h-14h au 2150 Rue Saint-Denis, Montréal QC H2X 3K9. Tout doit partir!', [['address', '2150 Rue Saint-Denis, Montréal QC H2X 3K9', 'self']], 'English/French mix, Quebec address'],
  ['nl-NL', 'plain', 'Hey everyone, for the expat meetup: we meet at Stationsplein 7, 9726 AE Groningen. Tot dan!', [['address', 'Stationsplein 7, 9726 AE Groningen', 'unknown']], 'Engels/Nederlands door elkaar'],
  ['it-IT', 'plain', 'Ciao! For the English speakers: dinner at Via Roma 24, 20121 Milano, 8pm. Portate il vino!', [['address', 'Via Roma 24, 20121 Milano', 'unknown']], 'italiano/inglese misti'],

  // ---- hard negatives
  ['en-US', 'plain', 'Just drove Route 66 and I-40 across Arizona. Stopped at Exit 195, then Highway 89A to Sedona. 412 miles today.', [], 'road numbers, exits, mileage'],
  ['en-GB', 'plain', 'Fans queued outside 221B Baker Street all afternoon for the Sherlock anniversary. The museum opens 9:30-18:00.', [], 'famous fictional address, not personal'],
  ['en-US', 'markdown', 'Run `ssh deploy@10.0.4.17 -p 2222` then `scp dist/*.js admin@build-host:/srv/`. The key is in `~/.ssh/id_ed25519`.', [], 'user@host in ssh/scp commands'],
  ['en-US', 'plain', 'Pushing to git@gitlab.example:team/app.git fails with "Permission denied (publickey)". ssh -T git@gitlab.example works though.', [], 'git@host remote'],
  ['en-IN', 'plain', 'Pin 4.2.0 of @aws-sdk/client-s3 and @angular/cli@17.3.0, and tag the reviewer @rohit.k in the PR. Build #20240311.7 passed.', [], 'npm scopes and @mentions with dots'],
  ['en-GB', 'plain', 'Product EAN 5012345678900, SKU B08N5WRWNW, model A1466. Price 899.00, RRP 1,049.00.', [], 'EAN, SKU, model numbers'],
  ['en-AU', 'plain', 'Population of Greater Sydney: 5 450 496 (2021 census). Postcodes 2000-2234 cover the metro area. Coordinates -33.8688, 151.2093.', [], 'census numbers, postcode ranges, coordinates'],
  ['en-US', 'plain', 'Tracking 9400 1000 0000 0000 0000 00 says "label created". Order #11-24097-33318. Return auth RMA 771203.', [], 'USPS tracking number and RMA'],
  ['de-DE', 'plain', 'Vorwahl-Liste für die Präsentation: Berlin 030, München 089, Hamburg 040. Postleitzahlenbereiche 10115–14199.', [], 'Vorwahlen und PLZ-Bereiche ohne Anschluss'],
  ['fr-FR', 'plain', 'Le colis 6A12345678901 est bloqué. Numéro de SIRET de la boutique affiché sur le site : 732 829 320 00074. Facture du 05.03.2024.', [], 'SIRET entreprise, suivi, date'],
  ['en-US', 'plain', 'Apollo 11 landed July 20, 1969. Area 51. Catch-22. Fahrenheit 451. Boeing 747-400. Section 230. Ocean\'s 11.', [], 'numbered names'],
  ['en-GB', 'plain', 'Compare card 4111 1111 1111 1121 (from the docs, intentionally invalid) with the Luhn checker output.', [], 'card-shaped number failing Luhn'],
  ['en-CA', 'plain', 'Timestamps: 1710152400, 1710238800. Request ids 4929-1234-5678-9012-77 and 7000 1234 5678 9012. None of these parse for me.', [], 'timestamps and long ids'],
  ['en-US', 'plain', 'Ports open: 22, 80, 443, 8080, 5432. Latency 212 ms. Scoreboard: Lakers 112 - 108 Celtics, 2OT.', [], 'ports, latency, scores'],
  ['es-ES', 'plain', 'Horario: lunes a viernes 9:00-14:00 y 17:00-20:00. Precio 19,95 €. Código promocional VERANO2024. Vuelo IB 3166 a las 07:45.', [], 'horarios, precios, vuelo'],
  ['it-IT', 'plain', 'Il volo AZ 1234 parte alle 06:50 dal gate B12. Codice prenotazione XK4P7Q, biglietto 055-2148736591.', [], 'volo, PNR, biglietto'],
  ['pt-BR', 'plain', 'CNPJ da loja no rodapé do site: 11.222.333/0001-81. Pedido 2024-0311-887, voo LA 3310 às 14h05.', [], 'CNPJ de empresa, pedido, voo'],
  ['nl-NL', 'plain', 'KvK-nummer van de winkel: 12345678. Bestelling 7781-22-003, levering tussen 14:00 en 16:00 op 12-03-2024.', [], 'KvK-nummer, bestelling, datum'],
  ['en-GB', 'markdown', 'Section 5 of the Highway Code, Rule 126. Apollo 13 was on 11 April 1970. The A303 past Stonehenge, the M25 junction 10.', [], 'rule/section/road numbers'],
  ['en-US', 'plain', 'Email templates use placeholders like {{user.email}} and %EMAIL% and name@domain. Real ones never appear in the repo.', [], 'email placeholders, not addresses'],
  ['en-AU', 'plain', 'Score 241/6 off 50 overs, chased down with 14 balls to spare. Next game 03/03 at the MCG, 1:10pm start.', [], 'cricket score and date'],
  ['en-IN', 'plain', 'GST invoice no. GSTIN 29ABCDE1234F1Z5 printed on the bill (that is the shop\'s). Total ₹12,480 incl. 18% GST.', [], 'business GSTIN on a bill'],
  ['de-DE', 'plain', 'Am 05.10.1986 geboren, am 03.06.15 umgezogen, am 24.12.2023 um 18.30 Uhr Bescherung. Version 1.0.3.2, Build 20231224.', [], 'Datumsformate, die wie Rufnummern aussehen'],
  ['fr-FR', 'plain', 'Télécharger logo@2x.png et icon@3x.png, puis lancer npm i @nestjs/core@10.3.2. Le décorateur @Injectable() est obligatoire.', [], 'file@2x.png, scopes npm, décorateurs'],
  ['en-GB', 'plain', 'I live on Station Road, near the Co-op, by the big roundabout. Everyone knows it.', [], 'street without number: not an address'],
  ['pt-BR', 'plain', 'ISBN 978-85-359-0277-8, 3ª edição, 2019, página 245. Preço de capa R$ 79,90.', [], 'ISBN e preço'],
  ['es-ES', 'plain', 'El IBAN de ejemplo ES00 0000 0000 0000 0000 0000 es solo un marcador, no lo uséis.', [], 'IBAN de marcador con checksum inválido'],
];
