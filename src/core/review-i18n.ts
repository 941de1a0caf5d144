/**
 * The moderator dashboard's words in en, de, fr, es, it, nl, pt: headings, buttons, table headers,
 * status names, the pager, notices, form errors, the default canned reasons and the strings of
 * dashboard.js. One register per language, as in rules/notices: German "du", French "vous", Spanish
 * "tú", Italian impersonal, Dutch "je", Brazilian Portuguese "você". `{name}` placeholders are filled by the page
 * with escaped values.
 */

/** Languages the dashboard is written in. */
export const DASHBOARD_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt'] as const;
export type DashboardLanguage = (typeof DASHBOARD_LANGUAGES)[number];

/** Everything the dashboard says, for one language. */
export interface DashboardStrings {
  status: Record<'pending' | 'escalated' | 'approved' | 'rejected' | 'redacted' | 'all', string>;
  types: Record<'email' | 'phone' | 'address' | 'payment_card' | 'iban' | 'national_id', string>;
  /** Filter options for whose the details seem to be. */
  subjects: Record<'self' | 'third_party' | 'unknown', string>;
  /** The Why column: "Phone number, reads as someone else's". */
  subjectWhy: Record<'self' | 'third_party' | 'unknown', string>;
  /** Audit trail actions. */
  audit: Record<'approve' | 'reject' | 'redact' | 'escalate' | 'claim' | 'unclaim' | 'reveal' | 'reopen' | 'update', string>;
  notices: Record<'approve' | 'reject' | 'redact' | 'escalate' | 'claim' | 'unclaim' | 'bulk' | 'bulk_partial' | 'conflict' | 'reveal_once', string>;
  statusNav: string;
  filters: string;
  filtersActive: string;
  filterForm: string;
  type: string;
  subject: string;
  author: string;
  from: string;
  to: string;
  sort: string;
  any: string;
  oldestFirst: string;
  newestFirst: string;
  filterButton: string;
  pages: string;
  previousPage: string;
  nextPage: string;
  /** {page} {pages} {first} {last} {total} */
  pageOf: string;
  /** {page} */
  pageOnly: string;
  bulkForm: string;
  selectAll: string;
  approveChecked: string;
  rejectChecked: string;
  escalateChecked: string;
  bulkAction: string;
  bulkReasonPlaceholder: string;
  bulkReasonLabel: string;
  apply: string;
  queue: string;
  emptyQueue: string;
  /** {title} */
  selectItem: string;
  /** {author} */
  by: string;
  /** {who} */
  claimedBy: string;
  noFindings: string;
  revealLogged: string;
  revealTitle: string;
  reveal: string;
  /** {name} */
  revealWhich: string;
  findingsCaption: string;
  colType: string;
  colField: string;
  colValue: string;
  colConfidence: string;
  colWhy: string;
  /** {pct} */
  sure: string;
  cannedReject: string;
  cannedApprove: string;
  cannedEscalate: string;
  release: string;
  claim: string;
  decision: string;
  reason: string;
  chooseReason: string;
  writeReason: string;
  writeReasonPlaceholder: string;
  redactThese: string;
  approve: string;
  reject: string;
  redactPublish: string;
  escalate: string;
  rejectHint: string;
  history: string;
  /** {note} is the quoted note. */
  authorNote: string;
  /** {n} */
  truncated: string;
  /** {name} */
  postField: string;
  resolution: string;
  reasonLabel: string;
  publishedVersion: string;
  openPost: string;
  newTab: string;
  heldBecause: string;
  submitted: string;
  format: string;
  claimedByLabel: string;
  nobody: string;
  masked: string;
  thePost: string;
  findings: string;
  openJustDecided: string;
  selectToReview: string;
  /** {key}: the j key. */
  pressToOpen: string;
  skipItem: string;
  skipQueue: string;
  reviewQueue: string;
  signedInAs: string;
  openItem: string;
  noItemOpen: string;
  keyboard: string;
  keyNextPrev: string;
  keyApprove: string;
  keyReject: string;
  keyEscalate: string;
  keyHelp: string;
  /** {title} */
  reviewTitle: string;
  notAuthorized: string;
  notFound: string;
  changed: string;
  wentWrong: string;
  backToQueue: string;
  /** Form errors shown inline. */
  errPickItem: string;
  errBulkReason: string;
  errRejectReason: string;
  errNotRejectReason: string;
  /** dashboard.js: {title}, {s} */
  jsApproving: string;
  jsApprovingShort: string;
  jsUndo: string;
  jsUndone: string;
  /** {n} */
  jsChecked: string;
  cannedReasons: { reject: string[]; approve: string[]; escalate: string[] };
}

const en: DashboardStrings = {
  status: { pending: 'pending', escalated: 'escalated', approved: 'approved', rejected: 'rejected', redacted: 'redacted', all: 'all' },
  types: { email: 'Email address', phone: 'Phone number', address: 'Street address', payment_card: 'Payment card number', iban: 'Bank account number (IBAN)', national_id: 'National ID number' },
  subjects: { self: 'self', third_party: 'third party', unknown: 'unknown' },
  subjectWhy: { self: "reads as the author's own", third_party: "reads as someone else's", unknown: 'owner unclear' },
  audit: { approve: 'approve', reject: 'reject', redact: 'redact', escalate: 'escalate', claim: 'claim', unclaim: 'unclaim', reveal: 'reveal', reopen: 'reopen', update: 'update' },
  notices: {
    approve: 'Approved.',
    reject: 'Rejected; the reason goes to the author.',
    redact: 'Redacted; the redacted version will be published.',
    escalate: 'Escalated for a second opinion.',
    claim: 'Claimed: other moderators cannot act on it until you release it.',
    unclaim: 'Released.',
    bulk: 'Bulk action done.',
    bulk_partial: 'Bulk action done; some items could not be changed (already resolved or claimed by someone else).',
    conflict: 'Not done: the item was changed by someone else (claimed, resolved or edited). This is its current state.',
    reveal_once: 'A revealed value is shown once and was not kept. Reveal it again to see it (each reveal is logged).',
  },
  statusNav: 'Status', filters: 'Filters', filtersActive: 'Filters (active)', filterForm: 'Filter the queue',
  type: 'Type', subject: 'Subject', author: 'Author', from: 'From', to: 'To', sort: 'Sort', any: 'any',
  oldestFirst: 'oldest first', newestFirst: 'newest first', filterButton: 'Filter',
  pages: 'Pages', previousPage: '← Previous page', nextPage: 'Next page →',
  pageOf: 'Page {page} of {pages} · items {first}–{last} of {total}', pageOnly: 'Page {page}',
  bulkForm: 'Bulk action on the checked items', selectAll: 'Select all on this page',
  approveChecked: 'Approve checked', rejectChecked: 'Reject checked', escalateChecked: 'Escalate checked', bulkAction: 'Bulk action',
  bulkReasonPlaceholder: 'Reason (needed to reject; sent to the authors)', bulkReasonLabel: 'Reason for the bulk action', apply: 'Apply',
  queue: 'Queue', emptyQueue: 'No items match these filters.', selectItem: 'Select “{title}”', by: 'by {author}', claimedBy: 'claimed by {who}',
  noFindings: 'No findings recorded.', revealLogged: '(reveal logged; shown once)',
  revealTitle: 'Shows the raw value once; the reveal is written to the audit trail', reveal: 'Reveal', revealWhich: ' finding {name}',
  findingsCaption: 'Findings of this post', colType: 'Type', colField: 'Field', colValue: 'Value', colConfidence: 'Confidence', colWhy: 'Why flagged',
  sure: '{pct} sure',
  cannedReject: 'To reject (sent to the author)', cannedApprove: 'To approve', cannedEscalate: 'To escalate',
  release: 'Release', claim: 'Claim', decision: 'Decision', reason: 'Reason', chooseReason: '— choose a reason —',
  writeReason: 'Or write a reason', writeReasonPlaceholder: 'Or write a reason (sent to the author when rejecting)',
  redactThese: 'Redact these findings', approve: 'Approve', reject: 'Reject', redactPublish: 'Redact & publish', escalate: 'Escalate',
  rejectHint: 'Choose or write a reason before rejecting: it is sent to the author.',
  history: 'History', authorNote: "Author's note: {note}", truncated: 'Only the first {n} findings are listed and masked: the post holds more.',
  postField: 'Post {name}', resolution: 'Resolution', reasonLabel: 'Reason:', publishedVersion: 'Published version',
  openPost: 'Open the post', newTab: ' (new tab)', heldBecause: 'Held because', submitted: 'Submitted', format: 'Format',
  claimedByLabel: 'Claimed by', nobody: 'nobody',
  masked: 'Values are masked. Hover or focus a highlight for the type, confidence and why it was flagged.',
  thePost: 'The post', findings: 'Findings', openJustDecided: 'Open the item you just decided',
  selectToReview: 'Select an item to review it.', pressToOpen: 'Press {key} to open the first one.',
  skipItem: 'Skip to the open item', skipQueue: 'Skip to the queue', reviewQueue: 'Review queue', signedInAs: 'Signed in as',
  openItem: 'Open item', noItemOpen: 'No item open',
  keyboard: 'Keyboard:', keyNextPrev: 'next/previous item', keyApprove: 'approve and go to the next (undo for 5 s)', keyReject: 'reject',
  keyEscalate: 'escalate', keyHelp: 'show or hide this help',
  reviewTitle: 'Review: {title}',
  notAuthorized: 'Not authorized', notFound: 'Not found', changed: 'Changed by someone else', wentWrong: 'Something went wrong',
  backToQueue: 'Back to the review queue',
  errPickItem: 'Check at least one item first (select at least one item).',
  errBulkReason: 'Write a reason to reject: it is sent to the authors. Your selection is kept.',
  errRejectReason: 'Choose or write a reason before rejecting: it is sent to the author.',
  errNotRejectReason: 'That reason is not one for rejecting. Choose a reason to send to the author, or write one.',
  jsApproving: 'Approving “{title}” in {s} s, then the next item opens.', jsApprovingShort: 'Approving…', jsUndo: 'Undo',
  jsUndone: 'Not approved: nothing was recorded.', jsChecked: '{n} checked',
  cannedReasons: {
    reject: [
      "Your post contains someone else's phone number or email address. Please remove it and post again.",
      "Your post contains a private person's home address. Please remove it and post again.",
      'Your post names and exposes a private person. This is not allowed here.',
    ],
    approve: ['Business or public contact details: fine to publish', "The author's own details, published intentionally", 'Fictional or example details: not personal'],
    escalate: ['Needs a second opinion'],
  },
};

const de: DashboardStrings = {
  status: { pending: 'offen', escalated: 'eskaliert', approved: 'freigegeben', rejected: 'abgelehnt', redacted: 'geschwärzt', all: 'alle' },
  types: { email: 'E-Mail-Adresse', phone: 'Telefonnummer', address: 'Postanschrift', payment_card: 'Kartennummer', iban: 'Kontonummer (IBAN)', national_id: 'Ausweis- oder Identifikationsnummer' },
  subjects: { self: 'eigene', third_party: 'fremde', unknown: 'unklar' },
  subjectWhy: { self: 'wohl die eigene des Autors', third_party: 'wohl die einer anderen Person', unknown: 'Inhaber unklar' },
  audit: { approve: 'freigegeben', reject: 'abgelehnt', redact: 'geschwärzt', escalate: 'eskaliert', claim: 'übernommen', unclaim: 'abgegeben', reveal: 'aufgedeckt', reopen: 'wieder geöffnet', update: 'aktualisiert' },
  notices: {
    approve: 'Freigegeben.',
    reject: 'Abgelehnt; der Grund geht an den Autor.',
    redact: 'Geschwärzt; die geschwärzte Fassung wird veröffentlicht.',
    escalate: 'Für eine zweite Meinung eskaliert.',
    claim: 'Übernommen: Andere Moderatoren können nichts daran ändern, bis du es abgibst.',
    unclaim: 'Abgegeben.',
    bulk: 'Sammelaktion ausgeführt.',
    bulk_partial: 'Sammelaktion ausgeführt; einige Einträge ließen sich nicht ändern (schon entschieden oder von jemand anderem übernommen).',
    conflict: 'Nicht ausgeführt: Jemand anderes hat den Eintrag geändert (übernommen, entschieden oder bearbeitet). Das ist sein aktueller Stand.',
    reveal_once: 'Ein aufgedeckter Wert wird nur einmal angezeigt und nicht gespeichert. Decke ihn erneut auf, um ihn zu sehen (jedes Aufdecken wird protokolliert).',
  },
  statusNav: 'Status', filters: 'Filter', filtersActive: 'Filter (aktiv)', filterForm: 'Warteschlange filtern',
  type: 'Art', subject: 'Zugehörigkeit', author: 'Autor', from: 'Von', to: 'Bis', sort: 'Sortierung', any: 'alle',
  oldestFirst: 'älteste zuerst', newestFirst: 'neueste zuerst', filterButton: 'Filtern',
  pages: 'Seiten', previousPage: '← Vorherige Seite', nextPage: 'Nächste Seite →',
  pageOf: 'Seite {page} von {pages} · Einträge {first}–{last} von {total}', pageOnly: 'Seite {page}',
  bulkForm: 'Sammelaktion für die markierten Einträge', selectAll: 'Alle auf dieser Seite auswählen',
  approveChecked: 'Markierte freigeben', rejectChecked: 'Markierte ablehnen', escalateChecked: 'Markierte eskalieren', bulkAction: 'Sammelaktion',
  bulkReasonPlaceholder: 'Grund (zum Ablehnen nötig; geht an die Autoren)', bulkReasonLabel: 'Grund für die Sammelaktion', apply: 'Ausführen',
  queue: 'Warteschlange', emptyQueue: 'Keine Einträge entsprechen diesen Filtern.', selectItem: '„{title}“ auswählen', by: 'von {author}', claimedBy: 'übernommen von {who}',
  noFindings: 'Keine Treffer gespeichert.', revealLogged: '(Aufdecken protokolliert; einmalig angezeigt)',
  revealTitle: 'Zeigt den Originalwert einmal an; das Aufdecken wird im Prüfprotokoll vermerkt', reveal: 'Aufdecken', revealWhich: ' Treffer {name}',
  findingsCaption: 'Treffer in diesem Beitrag', colType: 'Art', colField: 'Feld', colValue: 'Wert', colConfidence: 'Sicherheit', colWhy: 'Warum markiert',
  sure: '{pct} sicher',
  cannedReject: 'Zum Ablehnen (geht an den Autor)', cannedApprove: 'Zum Freigeben', cannedEscalate: 'Zum Eskalieren',
  release: 'Abgeben', claim: 'Übernehmen', decision: 'Entscheidung', reason: 'Grund', chooseReason: '– Grund wählen –',
  writeReason: 'Oder einen Grund schreiben', writeReasonPlaceholder: 'Oder einen Grund schreiben (geht beim Ablehnen an den Autor)',
  redactThese: 'Diese Treffer schwärzen', approve: 'Freigeben', reject: 'Ablehnen', redactPublish: 'Schwärzen & veröffentlichen', escalate: 'Eskalieren',
  rejectHint: 'Wähle oder schreibe vor dem Ablehnen einen Grund: Er geht an den Autor.',
  history: 'Verlauf', authorNote: 'Notiz des Autors: {note}', truncated: 'Nur die ersten {n} Treffer sind aufgeführt und geschwärzt; der Beitrag enthält weitere.',
  postField: 'Beitrag: {name}', resolution: 'Entscheidung', reasonLabel: 'Grund:', publishedVersion: 'Veröffentlichte Fassung',
  openPost: 'Beitrag öffnen', newTab: ' (neuer Tab)', heldBecause: 'Angehalten, weil', submitted: 'Eingereicht', format: 'Format',
  claimedByLabel: 'Übernommen von', nobody: 'niemandem',
  masked: 'Die Werte sind geschwärzt. Zeige auf eine Markierung oder fokussiere sie, um Art, Sicherheit und Grund zu sehen.',
  thePost: 'Der Beitrag', findings: 'Treffer', openJustDecided: 'Gerade entschiedenen Eintrag öffnen',
  selectToReview: 'Wähle einen Eintrag zur Prüfung aus.', pressToOpen: 'Mit {key} öffnest du den ersten.',
  skipItem: 'Zum geöffneten Eintrag springen', skipQueue: 'Zur Warteschlange springen', reviewQueue: 'Prüfwarteschlange', signedInAs: 'Angemeldet als',
  openItem: 'Geöffneter Eintrag', noItemOpen: 'Kein Eintrag geöffnet',
  keyboard: 'Tastatur:', keyNextPrev: 'nächster/vorheriger Eintrag', keyApprove: 'freigeben und zum nächsten (5 s rückgängig machbar)', keyReject: 'ablehnen',
  keyEscalate: 'eskalieren', keyHelp: 'diese Hilfe ein- oder ausblenden',
  reviewTitle: 'Prüfung: {title}',
  notAuthorized: 'Keine Berechtigung', notFound: 'Nicht gefunden', changed: 'Von jemand anderem geändert', wentWrong: 'Etwas ist schiefgelaufen',
  backToQueue: 'Zurück zur Prüfwarteschlange',
  errPickItem: 'Markiere zuerst mindestens einen Eintrag.',
  errBulkReason: 'Schreibe einen Grund für die Ablehnung: Er geht an die Autoren. Deine Auswahl bleibt erhalten.',
  errRejectReason: 'Wähle oder schreibe vor dem Ablehnen einen Grund: Er geht an den Autor.',
  errNotRejectReason: 'Dieser Grund ist keiner zum Ablehnen. Wähle einen Grund für den Autor oder schreibe selbst einen.',
  jsApproving: '„{title}“ wird in {s} s freigegeben, dann öffnet sich der nächste Eintrag.', jsApprovingShort: 'Wird freigegeben…', jsUndo: 'Rückgängig',
  jsUndone: 'Nicht freigegeben: Es wurde nichts gespeichert.', jsChecked: '{n} markiert',
  cannedReasons: {
    reject: [
      'Dein Beitrag enthält die Telefonnummer oder E-Mail-Adresse einer anderen Person. Bitte entferne sie und veröffentliche ihn erneut.',
      'Dein Beitrag enthält die Wohnadresse einer Privatperson. Bitte entferne sie und veröffentliche ihn erneut.',
      'Dein Beitrag nennt eine Privatperson und stellt sie bloß. Das ist hier nicht erlaubt.',
    ],
    approve: ['Geschäftliche oder öffentliche Kontaktdaten: darf veröffentlicht werden', 'Eigene Angaben des Autors, absichtlich veröffentlicht', 'Erfundene oder Beispielangaben: nicht persönlich'],
    escalate: ['Braucht eine zweite Meinung'],
  },
};

const fr: DashboardStrings = {
  status: { pending: 'en attente', escalated: 'escaladé', approved: 'approuvé', rejected: 'refusé', redacted: 'caviardé', all: 'tous' },
  types: { email: 'Adresse e-mail', phone: 'Numéro de téléphone', address: 'Adresse postale', payment_card: 'Numéro de carte bancaire', iban: 'Numéro de compte (IBAN)', national_id: "Numéro d’identification national" },
  subjects: { self: "l’auteur", third_party: 'un tiers', unknown: 'inconnu' },
  subjectWhy: { self: "semble appartenir à l’auteur", third_party: "semble appartenir à quelqu’un d’autre", unknown: 'titulaire incertain' },
  audit: { approve: 'approuvé', reject: 'refusé', redact: 'caviardé', escalate: 'escaladé', claim: 'pris en charge', unclaim: 'libéré', reveal: 'révélé', reopen: 'rouvert', update: 'mis à jour' },
  notices: {
    approve: 'Approuvé.',
    reject: "Refusé ; le motif est envoyé à l’auteur.",
    redact: 'Caviardé ; la version caviardée sera publiée.',
    escalate: 'Escaladé pour un deuxième avis.',
    claim: "Pris en charge : les autres modérateurs ne peuvent pas agir dessus tant que vous ne l’avez pas libéré.",
    unclaim: 'Libéré.',
    bulk: 'Action groupée effectuée.',
    bulk_partial: "Action groupée effectuée ; certains éléments n’ont pas pu être modifiés (déjà traités ou pris en charge par quelqu’un d’autre).",
    conflict: "Non effectué : l’élément a été modifié par quelqu’un d’autre (pris en charge, traité ou édité). Voici son état actuel.",
    reveal_once: "Une valeur révélée n’est affichée qu’une fois et n’est pas conservée. Révélez-la à nouveau pour la voir (chaque révélation est journalisée).",
  },
  statusNav: 'Statut', filters: 'Filtres', filtersActive: 'Filtres (actifs)', filterForm: "Filtrer la file d’attente",
  type: 'Type', subject: 'Titulaire', author: 'Auteur', from: 'Du', to: 'Au', sort: 'Tri', any: 'tous',
  oldestFirst: 'plus anciens en premier', newestFirst: 'plus récents en premier', filterButton: 'Filtrer',
  pages: 'Pages', previousPage: '← Page précédente', nextPage: 'Page suivante →',
  pageOf: 'Page {page} sur {pages} · éléments {first} à {last} sur {total}', pageOnly: 'Page {page}',
  bulkForm: 'Action groupée sur les éléments cochés', selectAll: 'Tout sélectionner sur cette page',
  approveChecked: 'Approuver la sélection', rejectChecked: 'Refuser la sélection', escalateChecked: 'Escalader la sélection', bulkAction: 'Action groupée',
  bulkReasonPlaceholder: 'Motif (obligatoire pour refuser ; envoyé aux auteurs)', bulkReasonLabel: "Motif de l’action groupée", apply: 'Appliquer',
  queue: "File d’attente", emptyQueue: 'Aucun élément ne correspond à ces filtres.', selectItem: 'Sélectionner « {title} »', by: 'par {author}', claimedBy: 'pris en charge par {who}',
  noFindings: 'Aucune détection enregistrée.', revealLogged: '(révélation journalisée ; affichée une seule fois)',
  revealTitle: "Affiche la valeur d’origine une fois ; la révélation est inscrite au journal d’audit", reveal: 'Révéler', revealWhich: ' la détection {name}',
  findingsCaption: 'Détections de ce message', colType: 'Type', colField: 'Champ', colValue: 'Valeur', colConfidence: 'Confiance', colWhy: 'Pourquoi signalé',
  sure: 'sûr à {pct}',
  cannedReject: "Pour refuser (envoyé à l’auteur)", cannedApprove: 'Pour approuver', cannedEscalate: 'Pour escalader',
  release: 'Libérer', claim: 'Prendre en charge', decision: 'Décision', reason: 'Motif', chooseReason: '— choisir un motif —',
  writeReason: 'Ou rédiger un motif', writeReasonPlaceholder: "Ou rédiger un motif (envoyé à l’auteur en cas de refus)",
  redactThese: 'Caviarder ces détections', approve: 'Approuver', reject: 'Refuser', redactPublish: 'Caviarder et publier', escalate: 'Escalader',
  rejectHint: "Choisissez ou rédigez un motif avant de refuser : il est envoyé à l’auteur.",
  history: 'Historique', authorNote: "Note de l’auteur : {note}", truncated: 'Seules les {n} premières détections sont listées et masquées : le message en contient davantage.',
  postField: 'Message : {name}', resolution: 'Décision', reasonLabel: 'Motif :', publishedVersion: 'Version publiée',
  openPost: 'Ouvrir le message', newTab: ' (nouvel onglet)', heldBecause: 'Retenu parce que', submitted: 'Envoyé le', format: 'Format',
  claimedByLabel: 'Pris en charge par', nobody: 'personne',
  masked: 'Les valeurs sont masquées. Survolez ou sélectionnez un passage surligné pour voir le type, la confiance et la raison du signalement.',
  thePost: 'Le message', findings: 'Détections', openJustDecided: "Ouvrir l’élément que vous venez de traiter",
  selectToReview: 'Sélectionnez un élément pour le vérifier.', pressToOpen: 'Appuyez sur {key} pour ouvrir le premier.',
  skipItem: "Aller à l’élément ouvert", skipQueue: "Aller à la file d’attente", reviewQueue: 'File de modération', signedInAs: 'Connecté en tant que',
  openItem: 'Élément ouvert', noItemOpen: 'Aucun élément ouvert',
  keyboard: 'Clavier :', keyNextPrev: 'élément suivant/précédent', keyApprove: 'approuver et passer au suivant (annulable pendant 5 s)', keyReject: 'refuser',
  keyEscalate: 'escalader', keyHelp: 'afficher ou masquer cette aide',
  reviewTitle: 'Modération : {title}',
  notAuthorized: 'Accès non autorisé', notFound: 'Introuvable', changed: "Modifié par quelqu’un d’autre", wentWrong: "Une erreur s’est produite",
  backToQueue: 'Retour à la file de modération',
  errPickItem: "Cochez d’abord au moins un élément.",
  errBulkReason: 'Rédigez un motif pour refuser : il est envoyé aux auteurs. Votre sélection est conservée.',
  errRejectReason: "Choisissez ou rédigez un motif avant de refuser : il est envoyé à l’auteur.",
  errNotRejectReason: "Ce motif n’est pas un motif de refus. Choisissez un motif à envoyer à l’auteur, ou rédigez-en un.",
  jsApproving: 'Approbation de « {title} » dans {s} s, puis ouverture de l’élément suivant.', jsApprovingShort: 'Approbation…', jsUndo: 'Annuler',
  jsUndone: "Non approuvé : rien n’a été enregistré.", jsChecked: '{n} coché(s)',
  cannedReasons: {
    reject: [
      "Votre message contient le numéro de téléphone ou l’adresse e-mail de quelqu’un d’autre. Retirez-le et publiez à nouveau.",
      "Votre message contient l’adresse personnelle d’un particulier. Retirez-la et publiez à nouveau.",
      "Votre message nomme et expose un particulier. Ce n’est pas autorisé ici.",
    ],
    approve: ['Coordonnées professionnelles ou publiques : publication possible', "Coordonnées de l’auteur, publiées volontairement", "Coordonnées fictives ou d’exemple : rien de personnel"],
    escalate: ['Nécessite un deuxième avis'],
  },
};

const es: DashboardStrings = {
  status: { pending: 'pendiente', escalated: 'escalado', approved: 'aprobado', rejected: 'rechazado', redacted: 'censurado', all: 'todos' },
  types: { email: 'Correo electrónico', phone: 'Número de teléfono', address: 'Dirección postal', payment_card: 'Número de tarjeta', iban: 'Número de cuenta (IBAN)', national_id: 'Número de identidad' },
  subjects: { self: 'propios', third_party: 'de otra persona', unknown: 'desconocido' },
  subjectWhy: { self: 'parece del propio autor', third_party: 'parece de otra persona', unknown: 'titular incierto' },
  audit: { approve: 'aprobado', reject: 'rechazado', redact: 'censurado', escalate: 'escalado', claim: 'asignado', unclaim: 'liberado', reveal: 'revelado', reopen: 'reabierto', update: 'actualizado' },
  notices: {
    approve: 'Aprobado.',
    reject: 'Rechazado; el motivo se envía al autor.',
    redact: 'Censurado; se publicará la versión censurada.',
    escalate: 'Escalado para una segunda opinión.',
    claim: 'Asignado: los demás moderadores no pueden actuar sobre él hasta que lo liberes.',
    unclaim: 'Liberado.',
    bulk: 'Acción en bloque realizada.',
    bulk_partial: 'Acción en bloque realizada; algunos elementos no se pudieron cambiar (ya resueltos o asignados a otra persona).',
    conflict: 'No realizado: otra persona cambió el elemento (lo asignó, resolvió o editó). Este es su estado actual.',
    reveal_once: 'Un valor revelado se muestra una sola vez y no se guarda. Revélalo de nuevo para verlo (cada revelación queda registrada).',
  },
  statusNav: 'Estado', filters: 'Filtros', filtersActive: 'Filtros (activos)', filterForm: 'Filtrar la cola',
  type: 'Tipo', subject: 'Titular', author: 'Autor', from: 'Desde', to: 'Hasta', sort: 'Orden', any: 'cualquiera',
  oldestFirst: 'más antiguos primero', newestFirst: 'más recientes primero', filterButton: 'Filtrar',
  pages: 'Páginas', previousPage: '← Página anterior', nextPage: 'Página siguiente →',
  pageOf: 'Página {page} de {pages} · elementos {first}–{last} de {total}', pageOnly: 'Página {page}',
  bulkForm: 'Acción en bloque sobre los elementos marcados', selectAll: 'Seleccionar todos en esta página',
  approveChecked: 'Aprobar marcados', rejectChecked: 'Rechazar marcados', escalateChecked: 'Escalar marcados', bulkAction: 'Acción en bloque',
  bulkReasonPlaceholder: 'Motivo (necesario para rechazar; se envía a los autores)', bulkReasonLabel: 'Motivo de la acción en bloque', apply: 'Aplicar',
  queue: 'Cola', emptyQueue: 'Ningún elemento coincide con estos filtros.', selectItem: 'Seleccionar «{title}»', by: 'de {author}', claimedBy: 'asignado a {who}',
  noFindings: 'No hay resultados registrados.', revealLogged: '(revelación registrada; se muestra una vez)',
  revealTitle: 'Muestra el valor original una vez; la revelación queda en el registro de auditoría', reveal: 'Revelar', revealWhich: ' el resultado {name}',
  findingsCaption: 'Resultados de este mensaje', colType: 'Tipo', colField: 'Campo', colValue: 'Valor', colConfidence: 'Confianza', colWhy: 'Por qué se marcó',
  sure: '{pct} de certeza',
  cannedReject: 'Para rechazar (se envía al autor)', cannedApprove: 'Para aprobar', cannedEscalate: 'Para escalar',
  release: 'Liberar', claim: 'Asignármelo', decision: 'Decisión', reason: 'Motivo', chooseReason: '— elige un motivo —',
  writeReason: 'O escribe un motivo', writeReasonPlaceholder: 'O escribe un motivo (se envía al autor si rechazas)',
  redactThese: 'Censurar estos resultados', approve: 'Aprobar', reject: 'Rechazar', redactPublish: 'Censurar y publicar', escalate: 'Escalar',
  rejectHint: 'Elige o escribe un motivo antes de rechazar: se envía al autor.',
  history: 'Historial', authorNote: 'Nota del autor: {note}', truncated: 'Solo se listan y anonimizan los primeros {n} resultados: el mensaje contiene más.',
  postField: 'Mensaje: {name}', resolution: 'Resolución', reasonLabel: 'Motivo:', publishedVersion: 'Versión publicada',
  openPost: 'Abrir el mensaje', newTab: ' (pestaña nueva)', heldBecause: 'Retenido porque', submitted: 'Enviado', format: 'Formato',
  claimedByLabel: 'Asignado a', nobody: 'nadie',
  masked: 'Los valores están anonimizados. Pasa el puntero o el foco por un resaltado para ver el tipo, la confianza y por qué se marcó.',
  thePost: 'El mensaje', findings: 'Resultados', openJustDecided: 'Abrir el elemento que acabas de resolver',
  selectToReview: 'Selecciona un elemento para revisarlo.', pressToOpen: 'Pulsa {key} para abrir el primero.',
  skipItem: 'Ir al elemento abierto', skipQueue: 'Ir a la cola', reviewQueue: 'Cola de revisión', signedInAs: 'Sesión iniciada como',
  openItem: 'Elemento abierto', noItemOpen: 'Ningún elemento abierto',
  keyboard: 'Teclado:', keyNextPrev: 'elemento siguiente/anterior', keyApprove: 'aprobar e ir al siguiente (se puede deshacer durante 5 s)', keyReject: 'rechazar',
  keyEscalate: 'escalar', keyHelp: 'mostrar u ocultar esta ayuda',
  reviewTitle: 'Revisión: {title}',
  notAuthorized: 'Sin autorización', notFound: 'No encontrado', changed: 'Modificado por otra persona', wentWrong: 'Algo salió mal',
  backToQueue: 'Volver a la cola de revisión',
  errPickItem: 'Marca primero al menos un elemento.',
  errBulkReason: 'Escribe un motivo para rechazar: se envía a los autores. Tu selección se mantiene.',
  errRejectReason: 'Elige o escribe un motivo antes de rechazar: se envía al autor.',
  errNotRejectReason: 'Ese motivo no es de rechazo. Elige un motivo para enviar al autor o escribe uno.',
  jsApproving: 'Se aprobará «{title}» en {s} s y luego se abrirá el siguiente elemento.', jsApprovingShort: 'Aprobando…', jsUndo: 'Deshacer',
  jsUndone: 'No aprobado: no se registró nada.', jsChecked: '{n} marcados',
  cannedReasons: {
    reject: [
      'Tu mensaje contiene el teléfono o el correo electrónico de otra persona. Elimínalo y vuelve a publicarlo.',
      'Tu mensaje contiene la dirección particular de una persona. Elimínala y vuelve a publicarlo.',
      'Tu mensaje nombra y expone a un particular. Esto no está permitido aquí.',
    ],
    approve: ['Datos de contacto de empresa o públicos: se pueden publicar', 'Datos propios del autor, publicados a propósito', 'Datos ficticios o de ejemplo: no son personales'],
    escalate: ['Necesita una segunda opinión'],
  },
};

const it: DashboardStrings = {
  status: { pending: 'in attesa', escalated: 'inoltrato', approved: 'approvato', rejected: 'rifiutato', redacted: 'oscurato', all: 'tutti' },
  types: { email: 'Indirizzo email', phone: 'Numero di telefono', address: 'Indirizzo postale', payment_card: 'Numero di carta di pagamento', iban: 'Numero di conto (IBAN)', national_id: 'Numero di identificazione nazionale' },
  subjects: { self: "dell'autore", third_party: 'di terzi', unknown: 'non chiaro' },
  subjectWhy: { self: "sembra dell'autore stesso", third_party: "sembra di un'altra persona", unknown: 'titolare non chiaro' },
  audit: { approve: 'approvato', reject: 'rifiutato', redact: 'oscurato', escalate: 'inoltrato', claim: 'preso in carico', unclaim: 'rilasciato', reveal: 'rivelato', reopen: 'riaperto', update: 'aggiornato' },
  notices: {
    approve: 'Approvato.',
    reject: "Rifiutato; il motivo viene inviato all'autore.",
    redact: 'Oscurato; verrà pubblicata la versione oscurata.',
    escalate: 'Inoltrato per un secondo parere.',
    claim: 'Preso in carico: gli altri moderatori non possono intervenire finché non viene rilasciato.',
    unclaim: 'Rilasciato.',
    bulk: 'Azione multipla eseguita.',
    bulk_partial: 'Azione multipla eseguita; alcuni elementi non sono stati modificati (già decisi o presi in carico da altri).',
    conflict: 'Non eseguito: qualcun altro ha modificato l’elemento (preso in carico, deciso o modificato). Questo è il suo stato attuale.',
    reveal_once: 'Un valore rivelato viene mostrato una sola volta e non viene conservato. Per vederlo occorre rivelarlo di nuovo (ogni rivelazione viene registrata).',
  },
  statusNav: 'Stato', filters: 'Filtri', filtersActive: 'Filtri (attivi)', filterForm: 'Filtra la coda',
  type: 'Tipo', subject: 'Titolare', author: 'Autore', from: 'Dal', to: 'Al', sort: 'Ordine', any: 'tutti',
  oldestFirst: 'prima i meno recenti', newestFirst: 'prima i più recenti', filterButton: 'Filtra',
  pages: 'Pagine', previousPage: '← Pagina precedente', nextPage: 'Pagina successiva →',
  pageOf: 'Pagina {page} di {pages} · elementi {first}–{last} di {total}', pageOnly: 'Pagina {page}',
  bulkForm: 'Azione multipla sugli elementi selezionati', selectAll: 'Seleziona tutti in questa pagina',
  approveChecked: 'Approva selezionati', rejectChecked: 'Rifiuta selezionati', escalateChecked: 'Inoltra selezionati', bulkAction: 'Azione multipla',
  bulkReasonPlaceholder: 'Motivo (obbligatorio per rifiutare; inviato agli autori)', bulkReasonLabel: "Motivo dell'azione multipla", apply: 'Applica',
  queue: 'Coda', emptyQueue: 'Nessun elemento corrisponde a questi filtri.', selectItem: 'Seleziona «{title}»', by: 'di {author}', claimedBy: 'in carico a {who}',
  noFindings: 'Nessun risultato registrato.', revealLogged: '(rivelazione registrata; mostrato una sola volta)',
  revealTitle: 'Mostra una volta il valore originale; la rivelazione viene scritta nel registro di controllo', reveal: 'Rivela', revealWhich: ' il risultato {name}',
  findingsCaption: 'Risultati di questo messaggio', colType: 'Tipo', colField: 'Campo', colValue: 'Valore', colConfidence: 'Affidabilità', colWhy: 'Perché segnalato',
  sure: 'affidabilità {pct}',
  cannedReject: "Per rifiutare (inviato all'autore)", cannedApprove: 'Per approvare', cannedEscalate: 'Per inoltrare',
  release: 'Rilascia', claim: 'Prendi in carico', decision: 'Decisione', reason: 'Motivo', chooseReason: '— scegliere un motivo —',
  writeReason: 'Oppure scrivere un motivo', writeReasonPlaceholder: "Oppure scrivere un motivo (inviato all'autore in caso di rifiuto)",
  redactThese: 'Oscura questi risultati', approve: 'Approva', reject: 'Rifiuta', redactPublish: 'Oscura e pubblica', escalate: 'Inoltra',
  rejectHint: "Prima di rifiutare occorre scegliere o scrivere un motivo: viene inviato all'autore.",
  history: 'Cronologia', authorNote: "Nota dell'autore: {note}", truncated: 'Sono elencati e oscurati solo i primi {n} risultati: il messaggio ne contiene altri.',
  postField: 'Messaggio: {name}', resolution: 'Esito', reasonLabel: 'Motivo:', publishedVersion: 'Versione pubblicata',
  openPost: 'Apri il messaggio', newTab: ' (nuova scheda)', heldBecause: 'Trattenuto perché', submitted: 'Inviato', format: 'Formato',
  claimedByLabel: 'In carico a', nobody: 'nessuno',
  masked: "I valori sono mascherati. Passando sopra un'evidenziazione, o selezionandola, si vedono il tipo, l'affidabilità e il motivo della segnalazione.",
  thePost: 'Il messaggio', findings: 'Risultati', openJustDecided: "Apri l'elemento appena deciso",
  selectToReview: 'Selezionare un elemento da esaminare.', pressToOpen: 'Con {key} si apre il primo.',
  skipItem: "Vai all'elemento aperto", skipQueue: 'Vai alla coda', reviewQueue: 'Coda di moderazione', signedInAs: 'Accesso effettuato come',
  openItem: 'Elemento aperto', noItemOpen: 'Nessun elemento aperto',
  keyboard: 'Tastiera:', keyNextPrev: 'elemento successivo/precedente', keyApprove: 'approva e passa al successivo (annullabile per 5 s)', keyReject: 'rifiuta',
  keyEscalate: 'inoltra', keyHelp: 'mostra o nasconde questa guida',
  reviewTitle: 'Moderazione: {title}',
  notAuthorized: 'Accesso non autorizzato', notFound: 'Non trovato', changed: 'Modificato da qualcun altro', wentWrong: 'Si è verificato un errore',
  backToQueue: 'Torna alla coda di moderazione',
  errPickItem: 'Selezionare prima almeno un elemento.',
  errBulkReason: 'Per rifiutare occorre scrivere un motivo: viene inviato agli autori. La selezione è stata mantenuta.',
  errRejectReason: "Prima di rifiutare occorre scegliere o scrivere un motivo: viene inviato all'autore.",
  errNotRejectReason: "Questo non è un motivo di rifiuto. Scegliere un motivo da inviare all'autore, oppure scriverne uno.",
  jsApproving: '«{title}» sarà approvato tra {s} s, poi si aprirà l’elemento successivo.', jsApprovingShort: 'Approvazione in corso…', jsUndo: 'Annulla',
  jsUndone: 'Non approvato: non è stato registrato nulla.', jsChecked: '{n} selezionati',
  cannedReasons: {
    reject: [
      "Il messaggio contiene il numero di telefono o l'indirizzo email di un'altra persona. Rimuoverlo e pubblicare di nuovo.",
      "Il messaggio contiene l'indirizzo di casa di un privato. Rimuoverlo e pubblicare di nuovo.",
      'Il messaggio nomina ed espone un privato. Qui non è consentito.',
    ],
    approve: ['Recapiti aziendali o pubblici: si possono pubblicare', "Dati dell'autore stesso, pubblicati di proposito", 'Dati inventati o di esempio: non personali'],
    escalate: ['Serve un secondo parere'],
  },
};

const nl: DashboardStrings = {
  status: { pending: 'open', escalated: 'doorgestuurd', approved: 'goedgekeurd', rejected: 'afgewezen', redacted: 'afgeschermd', all: 'alle' },
  types: { email: 'E-mailadres', phone: 'Telefoonnummer', address: 'Postadres', payment_card: 'Betaalkaartnummer', iban: 'Rekeningnummer (IBAN)', national_id: 'Nationaal identificatienummer' },
  subjects: { self: 'eigen', third_party: 'van een ander', unknown: 'onbekend' },
  subjectWhy: { self: 'lijkt van de auteur zelf', third_party: 'lijkt van iemand anders', unknown: 'eigenaar onduidelijk' },
  audit: { approve: 'goedgekeurd', reject: 'afgewezen', redact: 'afgeschermd', escalate: 'doorgestuurd', claim: 'opgepakt', unclaim: 'vrijgegeven', reveal: 'onthuld', reopen: 'heropend', update: 'bijgewerkt' },
  notices: {
    approve: 'Goedgekeurd.',
    reject: 'Afgewezen; de reden gaat naar de auteur.',
    redact: 'Afgeschermd; de afgeschermde versie wordt geplaatst.',
    escalate: 'Doorgestuurd voor een tweede mening.',
    claim: 'Opgepakt: andere moderators kunnen er niets mee tot je het vrijgeeft.',
    unclaim: 'Vrijgegeven.',
    bulk: 'Bulkactie uitgevoerd.',
    bulk_partial: 'Bulkactie uitgevoerd; sommige items konden niet worden gewijzigd (al afgehandeld of opgepakt door iemand anders).',
    conflict: 'Niet uitgevoerd: iemand anders heeft het item gewijzigd (opgepakt, afgehandeld of bewerkt). Dit is de huidige stand.',
    reveal_once: 'Een onthulde waarde wordt één keer getoond en niet bewaard. Onthul hem opnieuw om hem te zien (elke onthulling wordt gelogd).',
  },
  statusNav: 'Status', filters: 'Filters', filtersActive: 'Filters (actief)', filterForm: 'De wachtrij filteren',
  type: 'Soort', subject: 'Van wie', author: 'Auteur', from: 'Van', to: 'Tot', sort: 'Volgorde', any: 'alle',
  oldestFirst: 'oudste eerst', newestFirst: 'nieuwste eerst', filterButton: 'Filteren',
  pages: "Pagina's", previousPage: '← Vorige pagina', nextPage: 'Volgende pagina →',
  pageOf: 'Pagina {page} van {pages} · items {first}–{last} van {total}', pageOnly: 'Pagina {page}',
  bulkForm: 'Bulkactie op de aangevinkte items', selectAll: 'Alles op deze pagina selecteren',
  approveChecked: 'Aangevinkte goedkeuren', rejectChecked: 'Aangevinkte afwijzen', escalateChecked: 'Aangevinkte doorsturen', bulkAction: 'Bulkactie',
  bulkReasonPlaceholder: 'Reden (nodig om af te wijzen; gaat naar de auteurs)', bulkReasonLabel: 'Reden voor de bulkactie', apply: 'Uitvoeren',
  queue: 'Wachtrij', emptyQueue: 'Geen items die aan deze filters voldoen.', selectItem: '‘{title}’ selecteren', by: 'door {author}', claimedBy: 'opgepakt door {who}',
  noFindings: 'Geen gevonden gegevens vastgelegd.', revealLogged: '(onthulling gelogd; één keer getoond)',
  revealTitle: 'Toont de oorspronkelijke waarde één keer; de onthulling komt in het auditlog', reveal: 'Onthullen', revealWhich: ' gevonden gegeven {name}',
  findingsCaption: 'Gevonden gegevens in dit bericht', colType: 'Soort', colField: 'Veld', colValue: 'Waarde', colConfidence: 'Zekerheid', colWhy: 'Waarom gemarkeerd',
  sure: '{pct} zeker',
  cannedReject: 'Om af te wijzen (gaat naar de auteur)', cannedApprove: 'Om goed te keuren', cannedEscalate: 'Om door te sturen',
  release: 'Vrijgeven', claim: 'Oppakken', decision: 'Besluit', reason: 'Reden', chooseReason: '— kies een reden —',
  writeReason: 'Of schrijf een reden', writeReasonPlaceholder: 'Of schrijf een reden (gaat bij afwijzen naar de auteur)',
  redactThese: 'Deze gegevens afschermen', approve: 'Goedkeuren', reject: 'Afwijzen', redactPublish: 'Afschermen en plaatsen', escalate: 'Doorsturen',
  rejectHint: 'Kies of schrijf een reden voordat je afwijst: die gaat naar de auteur.',
  history: 'Geschiedenis', authorNote: 'Notitie van de auteur: {note}', truncated: 'Alleen de eerste {n} gevonden gegevens staan hier en zijn afgeschermd: het bericht bevat er meer.',
  postField: 'Bericht: {name}', resolution: 'Afhandeling', reasonLabel: 'Reden:', publishedVersion: 'Geplaatste versie',
  openPost: 'Bericht openen', newTab: ' (nieuw tabblad)', heldBecause: 'Tegengehouden omdat', submitted: 'Ingediend', format: 'Opmaak',
  claimedByLabel: 'Opgepakt door', nobody: 'niemand',
  masked: 'De waarden zijn afgeschermd. Wijs een markering aan of geef die focus voor de soort, de zekerheid en de reden van de markering.',
  thePost: 'Het bericht', findings: 'Gevonden gegevens', openJustDecided: 'Het item openen dat je net hebt afgehandeld',
  selectToReview: 'Kies een item om te beoordelen.', pressToOpen: 'Druk op {key} om het eerste te openen.',
  skipItem: 'Naar het geopende item', skipQueue: 'Naar de wachtrij', reviewQueue: 'Moderatiewachtrij', signedInAs: 'Ingelogd als',
  openItem: 'Geopend item', noItemOpen: 'Geen item geopend',
  keyboard: 'Toetsenbord:', keyNextPrev: 'volgend/vorig item', keyApprove: 'goedkeuren en naar het volgende (5 s ongedaan te maken)', keyReject: 'afwijzen',
  keyEscalate: 'doorsturen', keyHelp: 'deze hulp tonen of verbergen',
  reviewTitle: 'Beoordelen: {title}',
  notAuthorized: 'Geen toegang', notFound: 'Niet gevonden', changed: 'Gewijzigd door iemand anders', wentWrong: 'Er ging iets mis',
  backToQueue: 'Terug naar de moderatiewachtrij',
  errPickItem: 'Vink eerst minstens één item aan.',
  errBulkReason: 'Schrijf een reden om af te wijzen: die gaat naar de auteurs. Je selectie blijft staan.',
  errRejectReason: 'Kies of schrijf een reden voordat je afwijst: die gaat naar de auteur.',
  errNotRejectReason: 'Die reden is er geen om af te wijzen. Kies een reden voor de auteur of schrijf er zelf een.',
  jsApproving: '‘{title}’ wordt over {s} s goedgekeurd, daarna opent het volgende item.', jsApprovingShort: 'Bezig met goedkeuren…', jsUndo: 'Ongedaan maken',
  jsUndone: 'Niet goedgekeurd: er is niets vastgelegd.', jsChecked: '{n} aangevinkt',
  cannedReasons: {
    reject: [
      'Je bericht bevat het telefoonnummer of e-mailadres van iemand anders. Haal het weg en plaats het opnieuw.',
      'Je bericht bevat het huisadres van een privépersoon. Haal het weg en plaats het opnieuw.',
      'Je bericht noemt een privépersoon en stelt die bloot. Dat is hier niet toegestaan.',
    ],
    approve: ['Zakelijke of openbare contactgegevens: mogen geplaatst worden', 'Eigen gegevens van de auteur, bewust geplaatst', 'Verzonnen of voorbeeldgegevens: niet persoonlijk'],
    escalate: ['Heeft een tweede mening nodig'],
  },
};

const pt: DashboardStrings = {
  status: { pending: 'pendente', escalated: 'encaminhado', approved: 'aprovado', rejected: 'rejeitado', redacted: 'mascarado', all: 'todos' },
  types: { email: 'Endereço de e-mail', phone: 'Número de telefone', address: 'Endereço postal', payment_card: 'Número de cartão', iban: 'Número de conta (IBAN)', national_id: 'Número de identificação nacional' },
  subjects: { self: 'do autor', third_party: 'de terceiros', unknown: 'desconhecido' },
  subjectWhy: { self: 'parece ser do próprio autor', third_party: 'parece ser de outra pessoa', unknown: 'titular incerto' },
  audit: { approve: 'aprovado', reject: 'rejeitado', redact: 'mascarado', escalate: 'encaminhado', claim: 'assumido', unclaim: 'liberado', reveal: 'revelado', reopen: 'reaberto', update: 'atualizado' },
  notices: {
    approve: 'Aprovado.',
    reject: 'Rejeitado; o motivo vai para o autor.',
    redact: 'Mascarado; a versão mascarada será publicada.',
    escalate: 'Encaminhado para uma segunda opinião.',
    claim: 'Assumido: os outros moderadores não podem agir nele até você liberá-lo.',
    unclaim: 'Liberado.',
    bulk: 'Ação em lote concluída.',
    bulk_partial: 'Ação em lote concluída; alguns itens não puderam ser alterados (já resolvidos ou assumidos por outra pessoa).',
    conflict: 'Não feito: outra pessoa alterou o item (assumiu, resolveu ou editou). Este é o estado atual dele.',
    reveal_once: 'Um valor revelado aparece uma única vez e não fica guardado. Revele de novo para vê-lo (cada revelação é registrada).',
  },
  statusNav: 'Status', filters: 'Filtros', filtersActive: 'Filtros (ativos)', filterForm: 'Filtrar a fila',
  type: 'Tipo', subject: 'Titular', author: 'Autor', from: 'De', to: 'Até', sort: 'Ordem', any: 'qualquer',
  oldestFirst: 'mais antigos primeiro', newestFirst: 'mais recentes primeiro', filterButton: 'Filtrar',
  pages: 'Páginas', previousPage: '← Página anterior', nextPage: 'Próxima página →',
  pageOf: 'Página {page} de {pages} · itens {first}–{last} de {total}', pageOnly: 'Página {page}',
  bulkForm: 'Ação em lote nos itens marcados', selectAll: 'Selecionar todos nesta página',
  approveChecked: 'Aprovar marcados', rejectChecked: 'Rejeitar marcados', escalateChecked: 'Encaminhar marcados', bulkAction: 'Ação em lote',
  bulkReasonPlaceholder: 'Motivo (obrigatório para rejeitar; vai para os autores)', bulkReasonLabel: 'Motivo da ação em lote', apply: 'Aplicar',
  queue: 'Fila', emptyQueue: 'Nenhum item corresponde a estes filtros.', selectItem: 'Selecionar “{title}”', by: 'por {author}', claimedBy: 'assumido por {who}',
  noFindings: 'Nenhum item encontrado registrado.', revealLogged: '(revelação registrada; mostrado uma vez)',
  revealTitle: 'Mostra o valor original uma vez; a revelação fica no registro de auditoria', reveal: 'Revelar', revealWhich: ' o item {name}',
  findingsCaption: 'Itens encontrados nesta publicação', colType: 'Tipo', colField: 'Campo', colValue: 'Valor', colConfidence: 'Confiança', colWhy: 'Por que foi marcado',
  sure: '{pct} de confiança',
  cannedReject: 'Para rejeitar (vai para o autor)', cannedApprove: 'Para aprovar', cannedEscalate: 'Para encaminhar',
  release: 'Liberar', claim: 'Assumir', decision: 'Decisão', reason: 'Motivo', chooseReason: '— escolha um motivo —',
  writeReason: 'Ou escreva um motivo', writeReasonPlaceholder: 'Ou escreva um motivo (vai para o autor ao rejeitar)',
  redactThese: 'Mascarar estes itens', approve: 'Aprovar', reject: 'Rejeitar', redactPublish: 'Mascarar e publicar', escalate: 'Encaminhar',
  rejectHint: 'Escolha ou escreva um motivo antes de rejeitar: ele vai para o autor.',
  history: 'Histórico', authorNote: 'Nota do autor: {note}', truncated: 'Só os primeiros {n} itens encontrados estão listados e mascarados: a publicação contém mais.',
  postField: 'Publicação: {name}', resolution: 'Resolução', reasonLabel: 'Motivo:', publishedVersion: 'Versão publicada',
  openPost: 'Abrir a publicação', newTab: ' (nova aba)', heldBecause: 'Retida porque', submitted: 'Enviada', format: 'Formato',
  claimedByLabel: 'Assumido por', nobody: 'ninguém',
  masked: 'Os valores estão mascarados. Passe o mouse ou o foco sobre um destaque para ver o tipo, a confiança e o motivo da marcação.',
  thePost: 'A publicação', findings: 'Itens encontrados', openJustDecided: 'Abrir o item que você acabou de resolver',
  selectToReview: 'Selecione um item para revisá-lo.', pressToOpen: 'Pressione {key} para abrir o primeiro.',
  skipItem: 'Ir para o item aberto', skipQueue: 'Ir para a fila', reviewQueue: 'Fila de moderação', signedInAs: 'Conectado como',
  openItem: 'Item aberto', noItemOpen: 'Nenhum item aberto',
  keyboard: 'Teclado:', keyNextPrev: 'próximo item/item anterior', keyApprove: 'aprovar e ir para o próximo (dá para desfazer por 5 s)', keyReject: 'rejeitar',
  keyEscalate: 'encaminhar', keyHelp: 'mostrar ou ocultar esta ajuda',
  reviewTitle: 'Revisão: {title}',
  notAuthorized: 'Sem autorização', notFound: 'Não encontrado', changed: 'Alterado por outra pessoa', wentWrong: 'Algo deu errado',
  backToQueue: 'Voltar para a fila de moderação',
  errPickItem: 'Marque pelo menos um item primeiro.',
  errBulkReason: 'Escreva um motivo para rejeitar: ele vai para os autores. Sua seleção foi mantida.',
  errRejectReason: 'Escolha ou escreva um motivo antes de rejeitar: ele vai para o autor.',
  errNotRejectReason: 'Esse não é um motivo de rejeição. Escolha um motivo para enviar ao autor ou escreva um.',
  jsApproving: '“{title}” será aprovado em {s} s; depois o próximo item abre.', jsApprovingShort: 'Aprovando…', jsUndo: 'Desfazer',
  jsUndone: 'Não aprovado: nada foi registrado.', jsChecked: '{n} marcados',
  cannedReasons: {
    reject: [
      'Sua publicação contém o telefone ou o e-mail de outra pessoa. Remova-o e publique novamente.',
      'Sua publicação contém o endereço residencial de uma pessoa física. Remova-o e publique novamente.',
      'Sua publicação identifica e expõe uma pessoa física. Isso não é permitido aqui.',
    ],
    approve: ['Dados de contato comerciais ou públicos: podem ser publicados', 'Dados do próprio autor, publicados de propósito', 'Dados fictícios ou de exemplo: não são pessoais'],
    escalate: ['Precisa de uma segunda opinião'],
  },
};

const STRINGS: Record<DashboardLanguage, DashboardStrings> = { en, de, fr, es, it, nl, pt };

/** The dashboard's words in a language. */
export function dashboardStrings(lang: DashboardLanguage): DashboardStrings {
  return STRINGS[lang];
}

/** The moderator's language among the dashboard's: an explicit locale first, then Accept-Language order. */
export function pickLanguage(preferred: readonly string[]): DashboardLanguage {
  for (const tag of preferred) {
    const base = tag.trim().toLowerCase().split('-')[0] ?? '';
    if ((DASHBOARD_LANGUAGES as readonly string[]).includes(base)) return base as DashboardLanguage;
  }
  return 'en';
}

// Accepts a placeholder "{name}" of 1-10 lowercase letters (global); a single pass, no nesting.
const PLACEHOLDER_RE = /\{([a-z]{1,10})\}/g;

/** Fills `{name}` placeholders of a template; values are inserted as given (escape them first when the result is HTML). */
export function fillText(template: string, values: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER_RE, (m: string, k: string) => (Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m));
}
