/**
 * A small generator of varied hard negatives (no PII) per language: tech-support posts, gaming,
 * sports, travel, shopping, with random versions, ports, hashes, ids, dates, prices and scores.
 * Seeded, so the corpus is reproducible.
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Fill {
  constructor(private readonly r: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  of<T>(xs: readonly T[]): T {
    const v = xs[Math.floor(this.r() * xs.length)];
    if (v === undefined) throw new Error('empty');
    return v;
  }
  digits(n: number): string {
    let s = String(this.int(1, 9));
    while (s.length < n) s += String(this.int(0, 9));
    return s;
  }
  hex(n: number): string {
    let s = '';
    while (s.length < n) s += this.int(0, 15).toString(16);
    return s;
  }
  /** Two different teams, "A 2-1 B" style joined by sep. */
  match(sep: string): string {
    const a = this.of(TEAMS);
    let b = this.of(TEAMS);
    if (b === a) b = TEAMS[(TEAMS.indexOf(a) + 1) % TEAMS.length] ?? 'Town';
    return `${a} ${this.int(0, 5)}${sep}${this.int(0, 5)} ${b}`;
  }
  ver(): string {
    return `${this.int(1, 22)}.${this.int(0, 19)}.${this.int(0, 40)}`;
  }
  port(): number {
    return this.of([22, 80, 443, 3000, 3306, 5432, 5672, 6379, 8000, 8080, 8443, 9000, 9200, 27017]);
  }
  ip(): string {
    const a = this.of(['10', '192.168', '172.16']);
    const parts = a.split('.').length === 1 ? 3 : 2;
    const rest = Array.from({ length: parts }, () => String(this.int(1, 254)));
    return [a, ...rest].join('.');
  }
  date(style: 'us' | 'eu' | 'iso'): string {
    const y = this.int(2019, 2025);
    const m = this.int(1, 12);
    const d = this.int(1, 28);
    const p = (n: number): string => String(n).padStart(2, '0');
    if (style === 'us') return `${m}/${d}/${y}`;
    if (style === 'iso') return `${y}-${p(m)}-${p(d)}`;
    return `${p(d)}.${p(m)}.${y}`;
  }
  time(): string {
    return `${String(this.int(6, 23)).padStart(2, '0')}:${String(this.int(0, 59)).padStart(2, '0')}`;
  }
}

type Frame = (f: Fill) => string;

const SOFT = ['nginx', 'PostgreSQL', 'Redis', 'Docker', 'Node.js', 'Python', 'Home Assistant', 'Nextcloud', 'Jellyfin', 'Grafana', 'Kubernetes', 'WordPress', 'Ubuntu', 'Proxmox', 'OpenWrt'];
const GAMES = ['Elden Ring', 'Factorio', 'Minecraft', 'Stardew Valley', 'Baldur\'s Gate 3', 'Cyberpunk 2077', 'Valheim', 'Civilization VI', 'FIFA 24', 'Terraria'];
const TEAMS = ['Rovers', 'United', 'City', 'Athletic', 'Wanderers', 'Olympic', 'Sporting', 'Real', 'Dynamo', 'Rangers'];
const GPUS = ['RTX 4070', 'RX 7800 XT', 'GTX 1660 Super', 'RTX 3060 Ti', 'Arc A770', 'RTX 4090'];
const AIRLINES = ['LH', 'BA', 'AF', 'IB', 'AZ', 'KL', 'LA', 'QF', 'AC', 'AI', 'UA', 'FR', 'U2'];

const EN: Frame[] = [
  (f) => `${f.of(SOFT)} ${f.ver()} keeps restarting. Logs show "connection refused" on ${f.ip()}:${f.port()} every ${f.int(2, 59)} seconds. Rolled back to ${f.ver()} and it's stable. Any ideas?`,
  (f) => `Update: the fix in commit ${f.hex(7)} (PR #${f.int(100, 9999)}) solved it. Build ${f.date('iso').replace(/-/g, '')}.${f.int(1, 9)} is green, memory down from ${f.int(900, 2400)} MB to ${f.int(200, 800)} MB.`,
  (f) => `${f.of(GAMES)} patch ${f.ver()}: my save from ${f.date('us')} still loads, but FPS dropped from ${f.int(90, 144)} to ${f.int(30, 70)} on a ${f.of(GPUS)}. Driver ${f.int(531, 566)}.${f.int(10, 99)}.`,
  (f) => `Final score ${f.match('-')}. Goals at ${f.int(2, 45)}', ${f.int(46, 90)}' and ${f.int(46, 90)}'. Crowd ${f.int(8, 60)},${f.digits(3)}. League position now ${f.int(1, 20)}th with ${f.int(20, 80)} points.`,
  (f) => `Flight ${f.of(AIRLINES)} ${f.int(100, 9999)} on ${f.date('us')}, dep ${f.time()}, arr ${f.time()}. Confirmation code ${f.hex(6).toUpperCase()}. Terminal ${f.int(1, 5)}, gate ${f.of(['A', 'B', 'C', 'D'])}${f.int(1, 60)}. Any lounge tips?`,
  (f) => `Picked up a used ${f.of(GPUS)} for ${f.int(180, 900)}. Serial ${f.hex(4).toUpperCase()}-${f.digits(6)}, warranty until ${f.date('us')}. Idle temp ${f.int(30, 45)}C, load ${f.int(60, 84)}C at ${f.int(1800, 2800)} MHz.`,
  (f) => `Order #${f.digits(3)}-${f.digits(7)}-${f.digits(7)} arrived with the wrong size. Return label ${f.of(['1Z', 'JD', 'RR'])}${f.digits(16)}, refund of ${f.int(10, 300)}.${f.int(10, 99)} promised in ${f.int(3, 14)} working days.`,
  (f) => `Seed ${f.digits(f.int(9, 18))} has a stronghold at ${f.int(-3000, 3000)} ${f.int(-60, 120)} ${f.int(-3000, 3000)} and a mesa at ${f.int(-5000, 5000)}, ${f.int(-5000, 5000)}. Tested on ${f.ver()}.`,
  (f) => `My allotment yield this year: ${f.int(4, 30)} kg potatoes, ${f.int(2, 15)} kg tomatoes, ${f.int(10, 80)} courgettes (too many). Rainfall ${f.int(300, 900)} mm since April. Plot ${f.int(1, 60)}${f.of(['a', 'b', ''])} is up for renewal.`,
  (f) => `Speedtest: ${f.int(50, 940)} Mbps down, ${f.int(10, 110)} up, ping ${f.int(4, 40)} ms. Router firmware ${f.ver()}, channel ${f.of([1, 6, 11, 36, 44, 149])}, MTU ${f.of([1492, 1500, 1480])}.`,
  (f) => `Half marathon in ${f.int(1, 2)}:${String(f.int(10, 59)).padStart(2, '0')}:${String(f.int(10, 59)).padStart(2, '0')}, bib ${f.int(100, 9999)}, average pace ${f.int(4, 6)}:${String(f.int(10, 59)).padStart(2, '0')}/km. Next race on ${f.date('us')}.`,
  (f) => `Exception in thread "main" java.lang.NullPointerException\n    at com.acme.${f.of(['billing', 'auth', 'search'])}.Service.run(Service.java:${f.int(20, 900)})\n    at com.acme.Main.main(Main.java:${f.int(5, 80)})\nJDK ${f.int(11, 21)}.0.${f.int(1, 12)}, heap ${f.int(512, 8192)}m.`,
];

const DE: Frame[] = [
  (f) => `${f.of(SOFT)} ${f.ver()} startet seit dem Update nicht mehr. Im Log: „Verbindung zu ${f.ip()}:${f.port()} abgelehnt“, alle ${f.int(2, 59)} Sekunden. Mit ${f.ver()} läuft es. Jemand eine Idee?`,
  (f) => `Endstand ${f.match(':')}. Tore in der ${f.int(2, 45)}. und ${f.int(46, 90)}. Minute, ${f.int(8, 80)}.${f.digits(3)} Zuschauer. Jetzt Platz ${f.int(1, 18)} mit ${f.int(10, 70)} Punkten.`,
  (f) => `Bestellung Nr. ${f.digits(3)}-${f.digits(7)}-${f.digits(7)} kam am ${f.date('eu')} beschädigt an. Retourenschein ${f.digits(12)}, Erstattung über ${f.int(10, 300)},${f.int(10, 99)} € angekündigt.`,
  (f) => `${f.of(GAMES)} Patch ${f.ver()}: Spielstand vom ${f.date('eu')} lädt, aber nur noch ${f.int(30, 70)} statt ${f.int(90, 144)} FPS auf der ${f.of(GPUS)}. Treiber ${f.int(531, 566)}.${f.int(10, 99)}.`,
  (f) => `Zug ${f.of(['ICE', 'IC', 'RE', 'RB'])} ${f.int(10, 999)} am ${f.date('eu')} um ${f.time()} ab Gleis ${f.int(1, 24)}, Wagen ${f.int(1, 14)}, Platz ${f.int(11, 128)}. ${f.int(15, 180)} Minuten Verspätung.`,
  (f) => `Halbmarathon in ${f.int(1, 2)}:${String(f.int(10, 59)).padStart(2, '0')}:${String(f.int(10, 59)).padStart(2, '0')} h, Startnummer ${f.int(100, 9999)}, Puls im Schnitt ${f.int(140, 175)}. Nächster Lauf am ${f.date('eu')}.`,
];

const FR: Frame[] = [
  (f) => `${f.of(SOFT)} ${f.ver()} plante depuis la mise à jour : « connexion refusée » sur ${f.ip()}:${f.port()} toutes les ${f.int(2, 59)} secondes. Retour en ${f.ver()}, tout va bien. Une idée ?`,
  (f) => `Score final ${f.match('-')}. Buts à la ${f.int(2, 45)}e et à la ${f.int(46, 90)}e minute, ${f.int(8, 80)} ${f.digits(3)} spectateurs.`,
  (f) => `Commande n° ${f.digits(3)}-${f.digits(7)}-${f.digits(7)} reçue le ${f.date('eu').replace(/\./g, '/')} abîmée. Étiquette retour ${f.digits(13)}, remboursement de ${f.int(10, 300)},${f.int(10, 99)} € annoncé.`,
  (f) => `${f.of(GAMES)} version ${f.ver()} : ma partie du ${f.date('eu').replace(/\./g, '/')} se charge mais je tombe à ${f.int(30, 70)} FPS sur une ${f.of(GPUS)}. Pilote ${f.int(531, 566)}.${f.int(10, 99)}.`,
  (f) => `Vol ${f.of(AIRLINES)} ${f.int(100, 9999)} du ${f.date('eu').replace(/\./g, '/')}, départ ${f.time().replace(':', 'h')}, porte ${f.of(['K', 'L', 'M'])}${f.int(20, 60)}. Dossier ${f.hex(6).toUpperCase()}. Retard de ${f.int(15, 180)} min.`,
];

const ES: Frame[] = [
  (f) => `${f.of(SOFT)} ${f.ver()} se reinicia sin parar: "connection refused" en ${f.ip()}:${f.port()} cada ${f.int(2, 59)} segundos. Con la ${f.ver()} va bien. ¿Alguna idea?`,
  (f) => `Resultado final ${f.match('-')}. Goles en el ${f.int(2, 45)}' y el ${f.int(46, 90)}', ${f.int(8, 80)}.${f.digits(3)} espectadores.`,
  (f) => `Pedido nº ${f.digits(3)}-${f.digits(7)}-${f.digits(7)} llegó roto el ${f.date('eu').replace(/\./g, '/')}. Etiqueta de devolución ${f.digits(14)}, reembolso de ${f.int(10, 300)},${f.int(10, 99)} €.`,
  (f) => `Vuelo ${f.of(AIRLINES)} ${f.int(100, 9999)} del ${f.date('eu').replace(/\./g, '/')}, salida ${f.time()}, puerta ${f.of(['H', 'J', 'K'])}${f.int(20, 60)}. Localizador ${f.hex(6).toUpperCase()}. ${f.int(15, 180)} min de retraso.`,
  (f) => `${f.of(GAMES)} parche ${f.ver()}: la partida del ${f.date('eu').replace(/\./g, '/')} carga pero bajo a ${f.int(30, 70)} FPS con una ${f.of(GPUS)}.`,
];

const IT: Frame[] = [
  (f) => `${f.of(SOFT)} ${f.ver()} si riavvia di continuo: "connection refused" su ${f.ip()}:${f.port()} ogni ${f.int(2, 59)} secondi. Con la ${f.ver()} funziona. Idee?`,
  (f) => `Risultato finale ${f.match('-')}. Gol al ${f.int(2, 45)}' e al ${f.int(46, 90)}', ${f.int(8, 80)}.${f.digits(3)} spettatori.`,
  (f) => `Ordine n. ${f.digits(3)}-${f.digits(7)}-${f.digits(7)} arrivato danneggiato il ${f.date('eu').replace(/\./g, '/')}. Etichetta reso ${f.digits(12)}, rimborso di ${f.int(10, 300)},${f.int(10, 99)} €.`,
  (f) => `Treno ${f.of(['FR', 'IC', 'REG'])} ${f.int(100, 9999)} del ${f.date('eu').replace(/\./g, '/')}, partenza ${f.time()} dal binario ${f.int(1, 22)}, carrozza ${f.int(1, 12)} posto ${f.int(1, 90)}${f.of(['A', 'B', 'C', 'D'])}.`,
  (f) => `${f.of(GAMES)} patch ${f.ver()}: il salvataggio del ${f.date('eu').replace(/\./g, '/')} si carica ma scendo a ${f.int(30, 70)} FPS con una ${f.of(GPUS)}.`,
];

const NL: Frame[] = [
  (f) => `${f.of(SOFT)} ${f.ver()} herstart steeds: "connection refused" op ${f.ip()}:${f.port()} elke ${f.int(2, 59)} seconden. Met ${f.ver()} gaat het goed. Iemand een idee?`,
  (f) => `Eindstand ${f.match('-')}. Doelpunten in de ${f.int(2, 45)}e en ${f.int(46, 90)}e minuut, ${f.int(8, 55)}.${f.digits(3)} toeschouwers.`,
  (f) => `Bestelling ${f.digits(4)}-${f.digits(4)}-${f.digits(4)} kwam op ${f.date('eu').replace(/\./g, '-')} kapot aan. Retourlabel 3S${f.hex(4).toUpperCase()}${f.digits(7)}, terugbetaling € ${f.int(10, 300)},${f.int(10, 99)}.`,
  (f) => `Trein ${f.int(100, 9999)} op ${f.date('eu').replace(/\./g, '-')} om ${f.time()} van spoor ${f.int(1, 20)}${f.of(['a', 'b', ''])}. ${f.int(5, 90)} minuten vertraging.`,
  (f) => `${f.of(GAMES)} patch ${f.ver()}: savegame van ${f.date('eu').replace(/\./g, '-')} laadt, maar nog maar ${f.int(30, 70)} FPS op een ${f.of(GPUS)}.`,
];

const PT: Frame[] = [
  (f) => `${f.of(SOFT)} ${f.ver()} fica reiniciando: "connection refused" em ${f.ip()}:${f.port()} a cada ${f.int(2, 59)} segundos. Na ${f.ver()} funciona. Alguma ideia?`,
  (f) => `Placar final ${f.match('x')}. Gols aos ${f.int(2, 45)} e aos ${f.int(46, 90)} minutos, público de ${f.int(8, 70)}.${f.digits(3)}.`,
  (f) => `Pedido nº ${f.digits(13)} chegou quebrado em ${f.date('eu').replace(/\./g, '/')}. Código de rastreio ${f.of(['QB', 'OJ', 'NX'])}${f.digits(9)}BR, reembolso de R$ ${f.int(10, 900)},${f.int(10, 99)}.`,
  (f) => `Voo ${f.of(AIRLINES)} ${f.int(100, 9999)} dia ${f.date('eu').replace(/\./g, '/')}, saída ${f.time()}, portão ${f.int(1, 40)}. Localizador ${f.hex(6).toUpperCase()}. Atraso de ${f.int(15, 180)} min.`,
  (f) => `${f.of(GAMES)} patch ${f.ver()}: o save do dia ${f.date('eu').replace(/\./g, '/')} carrega mas caiu pra ${f.int(30, 70)} FPS numa ${f.of(GPUS)}.`,
];

export const NEG_FRAMES: Record<string, Frame[]> = {
  'en-US': EN, 'en-GB': EN, 'en-CA': EN, 'en-AU': EN, 'en-IN': EN,
  'de-DE': DE, 'fr-FR': FR, 'es-ES': ES, 'it-IT': IT, 'nl-NL': NL, 'pt-BR': PT,
};
