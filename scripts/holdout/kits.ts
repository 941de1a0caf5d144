/**
 * Per-locale fake values for the blind held-out corpus (fixtures/holdout). Every value is
 * invented: reserved e-mail domains, fictional or unassigned-looking phone numbers (checked
 * valid with libphonenumber-js/max by scripts/check-holdout.ts), test card numbers, IBANs built
 * with a computed mod-97 check.
 */

export interface Kit {
  locale: string;
  region: string;
  names: string[];
  /** Valid national-format numbers in the locale's usual groupings. */
  phones: string[];
  /** The same kind of numbers written in international form. */
  intl: string[];
  /** Addresses on one line, in the locale's usual shapes (units, PO boxes, lowercase…). */
  addrs: string[];
  /** Addresses over two or three lines ("\n" between lines). */
  mlAddrs: string[];
  /** Business addresses for complaints, events, venues. */
  bizAddrs: string[];
  nids: string[];
  ibanCountry: string;
  bbans: string[];
  domains: string[];
}

/** ISO 13616 check digits for a BBAN. */
export function ibanOf(country: string, bban: string): string {
  const raw = `${bban}${country}00`.toUpperCase();
  let digits = '';
  for (const ch of raw) digits += /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
  let rem = 0;
  for (const d of digits) rem = (rem * 10 + Number(d)) % 97;
  const check = String(98 - rem).padStart(2, '0');
  return `${country}${check}${bban}`;
}

/** Groups of four, the way people paste them. */
export function grouped(iban: string): string {
  return iban.replace(/(.{4})/g, '$1 ').trim();
}

export const CARDS = ['4111 1111 1111 1111', '5555 5555 5555 4444', '4012-8888-8888-1881', '378282246310005', '6011 1111 1111 1117', '5105105105105100', '4242 4242 4242 4242'];

export const KITS: Record<string, Kit> = {
  'en-US': {
    locale: 'en-US', region: 'US',
    names: ['Dana Whitfield', 'Marcus Reyes', 'Kelsey Brandt', 'Tom Okafor', 'Jenna Lutz'],
    phones: ['(212) 555-0123', '415-555-0188', '312.555.0147', '(503) 555-0172', '617 555 0139'],
    intl: ['+1 312 555 0147', '+1-206-555-0111'],
    addrs: ['1432 Maple Ave, Apt 3B, Springfield, IL 62704', 'PO Box 4471, Tucson, AZ 85717', '2207 oak ridge dr austin tx 78745', '500 Elm Street Suite 210, Denver, CO 80202-1134'],
    mlAddrs: ['88 W 21st St\nNew York, NY 10010', '19 Birch Lane, Unit 4\nMadison, WI 53703'],
    bizAddrs: ['7600 Commerce Pkwy, Building C, Columbus, OH 43219', '1201 Harbor Blvd, Long Beach, CA 90802'],
    nids: ['457-55-5462', '512 48 7730'],
    ibanCountry: 'DE', bbans: ['370400440532013000'],
    domains: ['example.com', 'mail.example', 'example.net'],
  },
  'en-GB': {
    locale: 'en-GB', region: 'GB',
    names: ['Fiona Hartley', 'Gareth Pryce', 'Priya Shah', 'Callum Doyle', 'Imogen Ward'],
    phones: ['020 7946 0958', '0161 496 0123', '0113 496 0456', '07912 345678', '020 7946 0321'],
    intl: ['+44 20 7946 0018', '+44 (0)113 496 0789'],
    addrs: ['Flat 2, 14 Harrow Road, London W2 4RX', 'PO Box 512, Leeds LS1 4AP', '9 kings road brighton bn1 2fp', 'Unit 4, 61 Castle Street, Cardiff CF10 1BS'],
    mlAddrs: ['27 Mill Lane\nChorlton\nManchester M21 9TE', 'Rose Cottage, 3 Church Walk\nBurford OX18 4RY'],
    bizAddrs: ['Unit 12, Riverside Trading Estate, Bristol BS2 0QT', '140 High Street, Oxford OX1 4DH'],
    nids: ['QQ 12 34 56 C', 'QQ123456A'],
    ibanCountry: 'GB', bbans: ['WEST12345698765432', 'NWBK60161331926819'],
    domains: ['example.co.uk.example', 'example.org', 'post.test'],
  },
  'en-CA': {
    locale: 'en-CA', region: 'CA',
    names: ['Émilie Tremblay', 'Jordan MacLeod', 'Aisha Rahman', 'Kyle Fontaine'],
    phones: ['(416) 555-0199', '604 555 0134', '514-555-0162', '(902) 555-0108'],
    intl: ['+1 403 555 0177', '+1 (613) 555-0145'],
    addrs: ['1203-455 Bloor St W, Toronto, ON M5S 1X8', 'PO Box 221, Station A, Halifax NS B3J 2M4', '48 maple cres guelph on n1e 3k2', '2150 Rue Saint-Denis, Montréal QC H2X 3K9'],
    mlAddrs: ['3 Pine Crescent\nKelowna, BC V1Y 4P2', 'Suite 800, 10180 101 St NW\nEdmonton AB T5J 3S4'],
    bizAddrs: ['Unit 6, 2880 Queen St E, Brampton, ON L6S 6H4', '1055 W Georgia St, Vancouver, BC V6E 3P3'],
    nids: ['046 454 286', '130 692 544'],
    ibanCountry: 'FR', bbans: ['20041010050500013M02606'],
    domains: ['example.ca.example', 'example.com', 'courriel.test'],
  },
  'en-AU': {
    locale: 'en-AU', region: 'AU',
    names: ['Bronwyn Kelly', 'Liam Nguyen', 'Shaz Patel', 'Mick O\'Brien'],
    phones: ['0491 570 156', '0491 570 006', '(02) 5550 1234', '03 7010 4321', '0412 345 678'],
    intl: ['+61 491 570 110', '+61 3 7010 9876'],
    addrs: ['Unit 5/22 Smith Street, Fitzroy VIC 3065', 'PO Box 381, Fortitude Valley QLD 4006', '8 beach rd glenelg sa 5045', '3/117 Oxford St Darlinghurst NSW 2010'],
    mlAddrs: ['14 Wattle Ave\nMosman NSW 2088', 'Lot 9 Kookaburra Rd\nMargaret River WA 6285'],
    bizAddrs: ['Shop 4, 120 Rundle Mall, Adelaide SA 5000', 'Level 3, 55 Collins Street, Melbourne VIC 3000'],
    nids: ['123 456 782', '876 543 210'],
    ibanCountry: 'GB', bbans: ['BARC20000055779911'],
    domains: ['example.com.example', 'example.org', 'inbox.test'],
  },
  'en-IN': {
    locale: 'en-IN', region: 'IN',
    names: ['Ananya Iyer', 'Rohit Khanna', 'Sneha Kulkarni', 'Arjun Menon'],
    phones: ['98765 43210', '+91 98200 12345', '022 2345 6789', '080 4123 4567', '91234 56789'],
    intl: ['+91 99887 76655', '+91-80-4123-9876'],
    addrs: ['Flat 302, Sai Krupa Apartments, 14th Cross, Indiranagar, Bengaluru 560038', 'B-45, Sector 62, Noida, Uttar Pradesh 201301', 'House No. 7, Lane 3, Banjara Hills, Hyderabad - 500034', '21 anna salai chennai 600002'],
    mlAddrs: ['12/4 MG Road\nCamp\nPune 411001', 'C-14, Green Park Extension\nNew Delhi 110016'],
    bizAddrs: ['Plot 88, MIDC Industrial Area, Andheri East, Mumbai 400093', '3rd Floor, Prestige Tower, Residency Road, Bengaluru 560025'],
    nids: ['ABCPK1234F', '2345 6789 0124'],
    ibanCountry: 'GB', bbans: ['MIDL40051512345674'],
    domains: ['example.in.example', 'example.com', 'mail.test'],
  },
  'de-DE': {
    locale: 'de-DE', region: 'DE',
    names: ['Jana Köhler', 'Tobias Brandt', 'Leonie Wagner', 'Mehmet Yilmaz'],
    phones: ['030 23125 456', '0171 3920045', '089 12345678', '0152 28817349', '040 4321 987'],
    intl: ['+49 30 23125456', '+49 (0)171 3920046'],
    addrs: ['Lindenstraße 14, 10969 Berlin', 'Am Stadtpark 3, 2. OG, 50667 Köln', 'Postfach 10 12 34, 20008 Hamburg', 'goethestrasse 22 60313 frankfurt am main'],
    mlAddrs: ['Hauptstr. 7a\n80331 München', 'c/o Weber\nBahnhofsweg 5\n01067 Dresden'],
    bizAddrs: ['Industriestraße 40, Halle 2, 70565 Stuttgart', 'Königsallee 92, 40212 Düsseldorf'],
    nids: ['65 929 970 489', '47 156 023 898'],
    ibanCountry: 'DE', bbans: ['370400440532013000', '500105175407324931'],
    domains: ['example.de.example', 'example.org', 'post.test'],
  },
  'fr-FR': {
    locale: 'fr-FR', region: 'FR',
    names: ['Camille Durand', 'Julien Moreau', 'Inès Benali', 'Hugo Lefèvre'],
    phones: ['01 99 00 12 34', '06 12 34 56 78', '04 72 10 20 30', '07 56 12 34 56', '01.99.00.45.67'],
    intl: ['+33 1 99 00 12 34', '+33 6 12 34 56 79'],
    addrs: ['12 rue des Lilas, 75011 Paris', 'BP 1234, 13002 Marseille', '3 bis boulevard Victor Hugo 06000 Nice', '8 impasse du moulin 44000 nantes'],
    mlAddrs: ['Appt 4B, 45 avenue Jean Jaurès\n69007 Lyon', 'Résidence Les Pins, bât. C\n17 allée des Tilleuls\n33000 Bordeaux'],
    bizAddrs: ['ZAC des Portes, 2 rue de l\'Industrie, 67100 Strasbourg', '110 quai de la Fosse, 44100 Nantes'],
    nids: ['1 85 05 78 006 084 91', '2 92 07 75 123 456 03'],
    ibanCountry: 'FR', bbans: ['20041010050500013M02606', '30006000011234567890189'],
    domains: ['example.fr.example', 'example.com', 'courriel.test'],
  },
  'es-ES': {
    locale: 'es-ES', region: 'ES',
    names: ['Lucía Fernández', 'Javier Ortega', 'Marta Gil', 'Sergio Navarro'],
    phones: ['912 345 678', '612 345 678', '934 56 78 90', '655 12 34 56', '91 123 45 67'],
    intl: ['+34 612 345 679', '+34 91 123 45 68'],
    addrs: ['Calle Mayor 15, 3º B, 28013 Madrid', 'Apartado de Correos 112, 46080 Valencia', 'c/ san fernando 8 41004 sevilla', 'Avda. de la Constitución 22, bajo, 29001 Málaga'],
    mlAddrs: ['Avda. Diagonal 412\n08037 Barcelona', 'Plaza del Pilar 3, 2º izq.\n50003 Zaragoza'],
    bizAddrs: ['Polígono Industrial Las Arenas, nave 7, 28320 Pinto', 'Gran Vía 48, 28013 Madrid'],
    nids: ['12345678Z', 'X1234567L'],
    ibanCountry: 'ES', bbans: ['21000418450200051332', '00491500051234567892'],
    domains: ['example.es.example', 'example.com', 'correo.test'],
  },
  'it-IT': {
    locale: 'it-IT', region: 'IT',
    names: ['Giulia Ferri', 'Marco Bianchi', 'Chiara Esposito', 'Luca Romano'],
    phones: ['02 1234 5678', '347 123 4567', '06 6987 1234', '333 1234567', '+39 347 765 4321'],
    intl: ['+39 02 1234 5679', '+39 333 765 4321'],
    addrs: ['Via Roma 24, 20121 Milano MI', 'Piazza Navona 3, int. 5, 00186 Roma', 'Casella Postale 45, 50123 Firenze', 'viale dei mille 17 40124 bologna'],
    mlAddrs: ['Corso Vittorio Emanuele II 110\n10121 Torino (TO)', 'Via Toledo 256, scala B\n80134 Napoli'],
    bizAddrs: ['Via dell\'Industria 12, 37135 Verona', 'Zona Industriale Lotto 8, 70026 Modugno BA'],
    nids: ['RSSMRA85T10A562S', 'BNCMRC90A01F205H'],
    ibanCountry: 'IT', bbans: ['X0542811101000000123456', 'Z0300203280000400162854'],
    domains: ['example.it.example', 'example.com', 'posta.test'],
  },
  'nl-NL': {
    locale: 'nl-NL', region: 'NL',
    names: ['Sanne de Vries', 'Bram Jansen', 'Fleur Bakker', 'Youssef El Amrani'],
    phones: ['020 123 4567', '06 12345678', '010-4567890', '030 234 5678', '06-23456789'],
    intl: ['+31 6 12345679', '+31 20 123 4568'],
    addrs: ['Prinsengracht 263-1, 1016 GV Amsterdam', 'Postbus 1234, 3000 BA Rotterdam', 'laan van meerdervoort 88 2517 an den haag', 'Oudegracht 120 bis, 3511 AX Utrecht'],
    mlAddrs: ['Kerkstraat 12\n3511 LK Utrecht', 'Dorpsweg 4a\n1741 BA Schagen'],
    bizAddrs: ['Industrieweg 31, 5531 AD Bladel', 'Stationsplein 7, 9726 AE Groningen'],
    nids: ['111222333', '123456782'],
    ibanCountry: 'NL', bbans: ['ABNA0417164300', 'RABO0123456789'],
    domains: ['example.nl.example', 'example.org', 'mail.test'],
  },
  'pt-BR': {
    locale: 'pt-BR', region: 'BR',
    names: ['Ana Beatriz Souza', 'Rafael Lima', 'Juliana Costa', 'Thiago Alves'],
    phones: ['(11) 98765-4321', '(21) 3456-7890', '11 91234-5678', '(31) 99876-5432', '(41) 3322-1100'],
    intl: ['+55 11 98765-4322', '+55 21 3456-7891'],
    addrs: ['Rua das Flores, 123, apto 45 - Jardim Paulista, São Paulo - SP, 01415-000', 'Caixa Postal 7788, Belo Horizonte - MG, 30112-970', 'rua xv de novembro 500 curitiba pr 80020-310', 'Av. Sete de Setembro, 1500, sala 302, Salvador - BA, 40080-001'],
    mlAddrs: ['Av. Atlântica 1702\nCopacabana, Rio de Janeiro - RJ\n22021-001', 'Rua Padre Chagas, 79, casa 2\nPorto Alegre/RS 90570-080'],
    bizAddrs: ['Rod. Anhanguera, km 24, Galpão 3, Cajamar - SP, 07750-000', 'Av. Paulista, 1000, 12º andar, São Paulo - SP, 01310-100'],
    nids: ['529.982.247-25', '111.444.777-35'],
    ibanCountry: 'BR', bbans: ['00360305000010009795493P1', '12345678000011234567890C1'],
    domains: ['example.com.br.example', 'example.com', 'correio.test'],
  },
};
