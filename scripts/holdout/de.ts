/** German and French templates for the held-out corpus. */
import type { Template } from './engine';

export const DE_POS: Template[] = [
  { key: 'fahrrad', note: 'Kleinanzeige, Telefon', t: (v) => `Verkaufe mein ${v.one('Trekkingrad', 'Rennrad', 'Kinderrad')} (28 Zoll, Baujahr 2018, ${v.one('Shimano Deore', 'neue Reifen', 'mit Korb')}). VB ${v.one('250 €', '180 Euro', '90€')}. Bitte nur Anrufe ab 18 Uhr: ${v.ph()}` },
  { key: 'katze', note: 'Nachbarschaft, vermisste Katze, Telefon', t: (v) => `Vermisst:\nUnser Kater Moritz ist seit Dienstagabend nicht nach Hause gekommen. Grau getigert, kastriert, gechippt. Wer ihn sieht, bitte unter ${v.ph()} melden – auch nachts!` },
  { key: 'ex', note: 'Doxxing: Adresse und Handy einer Dritten', t: (v) => `Meine Ex schuldet mir 2000 Euro und antwortet nicht. Sie wohnt jetzt ${v.addr('third_party')}, Handy ${v.ph('third_party')}. Vielleicht kennt sie ja jemand hier.` },
  { key: 'job', note: 'Stellenanzeige, E-Mail', t: (v) => `Wir suchen ab sofort eine/n Werkstudent/in (m/w/d) für den IT-Support, 15–20 Std./Woche. Bewerbungen bitte an ${v.email('unknown', 'bewerbung')}.` },
  { key: 'sig', note: 'Signatur mit Kontaktdaten', t: (v) => `Danke für den Tipp mit dem Treiber, läuft jetzt.\n\nViele Grüße\n${v.name()}\nTel.: ${v.ph()}\nMail: ${v.email()}` },
  { key: 'fest', note: 'Veranstaltung mit Adresse', t: (v) => `Sommerfest im Kleingartenverein:\nSamstag, 12. Juli, ab 14 Uhr. Kuchenbuffet, Flohmarkt und Live-Musik. Ort: ${v.biz()}. Anmeldung für Stände bis 30.06.` },
  { key: 'beschwerde', note: 'Beschwerde über Firma, Adresse und Telefon', t: (v) => `Finger weg von diesem Handwerksbetrieb! Anzahlung kassiert, nie erschienen. Firmensitz: ${v.biz()}, Hotline ${v.ph('unknown')} – natürlich nie erreichbar.` },
  { key: 'iban', note: 'IBAN für Sammelbestellung', t: (v) => `Für die Sammelbestellung bitte 25 € pro Person überweisen an ${v.iban()} (Kontoinhaberin ${v.name()}), Verwendungszweck „Trikot + Name“.` },
  { key: 'lieferung', note: 'Lieferadresse mehrzeilig', t: (v) => `Nehme das Objektiv zum genannten Preis. Bitte schicken an:\n${v.ml()}\nÜberweisung geht heute noch raus.` },
  { key: 'intl', note: 'internationale Nummer', t: (v) => `Bin bis Ende August in Spanien, erreichbar nur über WhatsApp unter ${v.intl()}.` },
  { key: 'wohnung', note: 'Nachmieter gesucht, Adresse', t: (v) => `Nachmieter gesucht: 2-Zimmer-Wohnung, 54 m², 3. OG ohne Aufzug, warm 780 €. Adresse: ${v.addr()}. Besichtigung nach Absprache per Mail an ${v.email()}.` },
  { key: 'steuer', note: 'Steuer-ID selbst gepostet', t: (v) => `Das ELSTER-Formular meckert bei meiner Steuer-ID ${v.nid()}, obwohl sie genau so auf dem Bescheid steht. Hat jemand eine Idee?` },
];

export const DE_NEG: Template[] = [
  { key: 'log', note: 'Log mit Zeitstempeln, Ports, Versionen', t: () => "Nach dem Update auf 2.14.1 startet der Dienst nicht mehr:\n\n```\n2024-03-11 08:15:02,117 ERROR [main] Verbindung zu 10.0.3.12:5432 fehlgeschlagen (Timeout 30000 ms)\n2024-03-11 08:15:02,118 INFO  Neuer Versuch 3/5\n```\n\nPostgreSQL 15.6, Debian 12." },
  { key: 'datum', note: 'deutsche Datumsangaben, die libphonenumber für Nummern halten könnte', t: () => `Termine: 05.10.1986 Geburtstag Opa, 03.06.15 Umzug, am 12.04.2024 um 14.30 Uhr die Feier. Bitte bis 28.02. zusagen.` },
  { key: 'rezept', note: 'Rezept mit Mengen und Zeiten', t: () => `Apfelkuchen:\n250 g Mehl, 125 g Butter, 100 g Zucker, 1 Ei, 1 Pck. Backpulver, 750 g Äpfel. Bei 180 °C Umluft 45–50 Minuten backen, 10 Min. abkühlen lassen.` },
  { key: 'fussball', note: 'Fußballergebnisse', t: () => `Was für ein Spiel! 0:2 zur Pause, dann 3:2 in der 89. Minute. 81.365 Zuschauer. Nächstes Heimspiel am 23.03. um 15:30 Uhr.` },
  { key: 'bestellung', note: 'Bestell- und Sendungsnummern', t: () => `Bestellnummer 302-8841203-5567341, Sendungsnummer 00340434161094042557, Rechnungsnr. RE-2024-00871. Paket liegt seit 6 Tagen im Verteilzentrum.` },
  { key: 'strasse', note: 'Straßennamen ohne Hausnummer', t: () => `Die Baustelle auf der Hauptstraße dauert bis Juni, Umleitung über die Bahnhofstraße und den Lindenweg. Die B 27 ist zwischen den Ausfahrten gesperrt.` },
  { key: 'hardware', note: 'Modellnummern und Preise', t: () => `Lohnt sich der Umstieg von der RTX 3060 Ti auf die 4070 Super für 599 €? Netzteil ist ein 650W Gold, CPU Ryzen 5 5600X.` },
  { key: 'ibanfalsch', note: 'IBAN-ähnlich, Prüfsumme falsch', t: (v) => `In der Anleitung steht als Beispiel ${v.badIban()} – unser Formular lehnt das ab. Ist das Beispiel absichtlich ungültig?` },
  { key: 'politik', note: 'Meinung ohne PII', t: () => `Die neue Parkraumbewirtschaftung im Viertel ist völlig unausgegoren. Drei Zonen in einer Straße und die Schilder widersprechen sich. Schreibt dem Bezirksamt!` },
  { key: 'mention', note: '@-Erwähnungen und Paketnamen', t: () => `@mueller_k danke! Für alle anderen: npm i @vue/cli@5.0.8 und dann im Router @click.prevent benutzen. Bei Fragen @team-frontend anpingen.` },
  { key: 'bahn', note: 'Zugnummern und Gleise', t: () => `ICE 578 fiel aus, Ersatz mit IC 2013 ab Gleis 7, Abfahrt 17:42. Verspätung insgesamt 94 Minuten, Fahrgastrechte-Formular ist raus.` },
  { key: 'seriennr', note: 'Seriennummer und Firmware', t: () => `Seriennummer FRITZ!Box 7590: 2110.123.45.678.901, Firmware 7.57. Seit dem Update Abbrüche alle 20–30 Minuten.` },
];

export const FR_POS: Template[] = [
  { key: 'velo', note: 'petite annonce, téléphone', t: (v) => `Vends ${v.one('vélo de route', 'VTT', 'vélo enfant')} taille M, année 2020, ${v.one('très bon état', 'pneus neufs', 'quelques rayures')}. Prix : ${v.one('320 €', '150 euros', '80€')} à débattre. Appelez-moi au ${v.ph()} après 18h.` },
  { key: 'chat', note: 'voisinage, chat perdu, téléphone', t: (v) => `Chat perdu :\nNotre chatte Praline a disparu depuis samedi soir. Tigrée, collier rouge, pucée. Merci de m'appeler au ${v.ph()} si vous la voyez, même tard.` },
  { key: 'ex', note: 'doxxing, adresse et numéro d’un tiers', t: (v) => `Mon ex m'a volé mon scooter. Il habite ${v.addr('third_party')}, son portable c'est le ${v.ph('third_party')}. Faites tourner.` },
  { key: 'emploi', note: 'offre d’emploi, e-mail', t: (v) => `Boulangerie cherche vendeur/vendeuse en CDI, 35h, week-ends inclus. CV à envoyer à ${v.email('unknown', 'recrutement')}.` },
  { key: 'sig', note: 'signature avec coordonnées', t: (v) => `Merci, le correctif fonctionne aussi chez moi.\n\nCordialement,\n${v.name()}\nTél. : ${v.ph()}\n${v.email()}` },
  { key: 'fete', note: 'événement avec adresse de salle', t: (v) => `Vide-grenier du quartier :\nDimanche 6 avril de 8h à 17h, emplacement 10 € les 2 mètres. Lieu : ${v.biz()}. Inscriptions à ${v.email('unknown', 'videgrenier')}.` },
  { key: 'plainte', note: 'réclamation contre une entreprise', t: (v) => `Arnaque ! Cuisine payée en janvier, toujours rien. Le magasin est au ${v.biz()} et le service client (${v.ph('unknown')}) ne répond jamais.` },
  { key: 'rib', note: 'IBAN pour remboursement', t: (v) => `Pour le covoiturage du week-end, remboursez-moi sur ${v.iban()}, merci ! 15 € chacun.` },
  { key: 'livraison', note: 'adresse de livraison sur plusieurs lignes', t: (v) => `Je prends l'appareil photo. Envoi en Colissimo à :\n${v.ml()}\nJe vire le montant ce soir.` },
  { key: 'secu', note: 'numéro de sécurité sociale', t: (v) => `Ameli refuse mon numéro de sécu ${v.nid()} alors que c'est celui de ma carte Vitale. Quelqu'un a eu ce bug ?` },
  { key: 'location', note: 'location avec adresse et mail', t: (v) => `À louer : studio meublé 22 m², 650 € CC, proche métro. Adresse : ${v.addr('unknown')}. Contact : ${v.email('unknown')}.` },
  { key: 'intl', note: 'numéro au format international', t: (v) => `Je suis au Canada jusqu'au 15, joignable uniquement sur WhatsApp au ${v.intl()}.` },
];

export const FR_NEG: Template[] = [
  { key: 'log', note: 'journal technique avec ports et versions', t: () => "Depuis la mise à jour en 3.2.1, Apache refuse de démarrer :\n\n```\n[Mon Mar 11 09:12:44.201 2024] [core:error] [pid 2214] AH00072: make_sock: could not bind to address 0.0.0.0:80\n```\n\nUbuntu 22.04.4, PHP 8.1.2." },
  { key: 'recette', note: 'recette avec quantités et temps', t: () => `Quiche lorraine :\n200 g de lardons, 3 œufs, 20 cl de crème, 20 cl de lait, 1 pâte brisée. Four à 180 °C (th. 6) pendant 35 à 40 min.` },
  { key: 'foot', note: 'scores sportifs', t: () => `Quel match ! Mené 1-0 à la mi-temps, victoire 3-1 au final. 45 112 spectateurs. Prochain match le 14/04 à 21h00.` },
  { key: 'commande', note: 'numéros de commande et de suivi', t: () => `Commande n° 405-1234567-8901234 toujours en préparation, numéro de suivi 6A12345678901, facture FA-2024-0042. Vous avez eu le même souci ?` },
  { key: 'dates', note: 'dates au format français', t: () => `Planning : réunion le 05/03/2024 à 14h30, livraison prévue le 12.03.24, clôture le 31/03. Pensez à poser vos congés avant le 15/02.` },
  { key: 'rue', note: 'noms de rues sans numéro', t: () => `Travaux rue de la République et boulevard Gambetta jusqu'en mai. La ligne 4 est déviée par l'avenue Foch. Évitez le rond-point le matin.` },
  { key: 'ibanfaux', note: 'IBAN au mauvais checksum', t: (v) => `L'exemple du tutoriel, ${v.badIban()}, est refusé par notre formulaire. C'est voulu ?` },
  { key: 'materiel', note: 'références produit et prix', t: () => `Je compare la Clio V TCe 90 (19 990 €) et la 208 PureTech 100 (21 450 €). Consommation 5,3 l/100 km contre 5,6. Avis ?` },
  { key: 'mention', note: '@mentions et décorateurs', t: () => `@lucie_b merci ! Pour les autres : ajoutez @Input() dans le composant et installez @angular/material@17.1.0. Ping @equipe-dev en cas de souci.` },
  { key: 'train', note: 'numéros de train et voies', t: () => `TGV 6611 supprimé, remplacé par le 6615 voie 11, départ 17h42. Référence dossier QZXPLM, voiture 14 place 82.` },
];
