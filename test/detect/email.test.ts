/**
 * The email detector, through the public scanner: plain and obfuscated addresses, every input
 * format, exact offsets into the original text, the must-not-fire cases, the allowlist, the rule
 * files' own examples and hostile inputs (asserting results; time is measured in bench, not here).
 */
import { createScanner, findingValue } from '../../src/scanner';
import type { Finding, Format, Scanner } from '../../src/types';
import plainRule from '../../rules/email.json';
import obfRule from '../../rules/email-obfuscated.json';

const scanner = createScanner({ locales: ['en-US'], types: ['email'] });

function scan(text: string, format: Format = 'plain', s = scanner): Finding[] {
  return s.scan(text, { format }).findings;
}

/** [start, end, text] of each finding, with the text checked against the original. */
function spans(text: string, format: Format = 'plain', s = scanner): [number, number, string][] {
  return scan(text, format, s).map((f) => {
    expect(text.slice(f.start, f.end)).toBe(f.text);
    return [f.start, f.end, f.text];
  });
}

function at(text: string, needle: string, from = 0): [number, number, string] {
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`"${needle}" not in "${text}"`);
  return [i, i + needle.length, needle];
}

describe('plain addresses', () => {
  test('exact offsets, validated confidence and reasons', () => {
    const text = 'Contact jane.doe@example.com for details';
    const [f, ...rest] = scan(text);
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({ type: 'email', start: 8, end: 28, text: 'jane.doe@example.com', ruleId: 'email/validated', confidence: 0.9 });
    expect(f?.reasons).toEqual(expect.arrayContaining(['validator.isEmail passed', 'TLD .com known']));
    expect(f && findingValue(f)).toBe('jane.doe@example.com');
  });

  test('trailing punctuation is not part of the address', () => {
    for (const tail of ['.', ',', '!', '?', ')', ';', ':', '...', '."', "'"]) {
      const text = `mail me at a@example.com${tail}`;
      expect(spans(text)).toEqual([at(text, 'a@example.com')]);
    }
  });

  test('mailto: prefix, brackets and quotes are not part of the span', () => {
    for (const text of ['mailto:jane@example.com', '<jane@example.com>', '(jane@example.com)', '"jane@example.com"', 'Email:jane@example.com']) {
      expect(spans(text)).toEqual([at(text, 'jane@example.com')]);
    }
  });

  test('value is the lower-cased address', () => {
    const [f] = scan('Write to JANE.Doe@Example.COM now');
    expect(f?.text).toBe('JANE.Doe@Example.COM');
    expect(f && findingValue(f)).toBe('jane.doe@example.com');
  });

  test('several addresses, subdomains, plus tags, country and reserved TLDs', () => {
    const text = 'a.b+forum@mail.example.co.uk, c_d@post.example; e-f@home.test and g@example.org';
    expect(spans(text)).toEqual([
      at(text, 'a.b+forum@mail.example.co.uk'),
      at(text, 'c_d@post.example'),
      at(text, 'e-f@home.test'),
      at(text, 'g@example.org'),
    ]);
  });

  test('UTF-8 local parts and IDN domains', () => {
    const text = 'Schreib an jörg.müller@example.de oder josé@exämple.com';
    expect(spans(text)).toEqual([at(text, 'jörg.müller@example.de'), at(text, 'josé@exämple.com')]);
  });

  test('a sentence glued after the TLD ("example.com.Thanks") is cut off', () => {
    const text = 'my address is jane@example.com.Thanks!';
    expect(spans(text)).toEqual([at(text, 'jane@example.com')]);
  });

  test('text glued after the TLD: another script, dashes', () => {
    for (const text of ['联系 jane@example.com你好', 'email jane@example.com--thanks', 'write jane@example.com—I read it daily', 'Почта: jane@example.comспасибо', '(jane@example.com-)']) {
      expect(spans(text)).toEqual([at(text, 'jane@example.com')]);
    }
  });

  test('addresses in example/placeholder context are still emails', () => {
    for (const text of ['For example: jane@example.com', 'e.g. support@example.com', 'a fake address like dummy@example.org', 'z.B. k.mueller@example.de']) {
      expect(scan(text).map((f) => f.type)).toEqual(['email']);
    }
    const obf = 'for example jane [at] example [dot] com';
    expect(spans(obf)).toEqual([at(obf, 'jane [at] example [dot] com')]);
  });

  test('an address inside a URL query is still an address', () => {
    const text = 'unsubscribe: https://example.com/u?email=jane.doe@example.com&x=1';
    expect(spans(text)).toEqual([at(text, 'jane.doe@example.com')]);
  });

  test('command lines: the target of ssh/scp is skipped, an address given as an argument is not', () => {
    expect(scan('ssh -i ~/.ssh/id_ed25519 -p 2222 deploy@web1.example.com')).toEqual([]);
    expect(scan('$ rsync -avz ./site/ www@static.example.com')).toEqual([]);
    for (const text of ['git config --global user.email jane@example.com', 'ssh-keygen -t ed25519 -C "jane@example.com"', 'I use ssh, mail me jane@example.com', 'git commit --author="Jane <jane@example.com>"']) {
      expect(spans(text)).toEqual([at(text, 'jane@example.com')]);
    }
  });

  test('template local parts (firstname.lastname@…) are not addresses', () => {
    expect(scan('your login is `firstname.lastname@company.example`', 'markdown')).toEqual([]);
    expect(scan('Format: yourname@example.com')).toEqual([]);
  });

  test('a domain inside an email is not a second finding', () => {
    expect(scan('jane@mail.example.com', 'plain', createScanner({ locales: ['en-US'] }))).toHaveLength(1);
  });
});

describe('input formats (offsets into the original)', () => {
  test('html: a mailto: link gives two findings, the href target and the visible text', () => {
    const text = '<p>Write <a href="mailto:jane.doe@example.com?subject=Hi">jane.doe@example.com</a> today</p>';
    const first = text.indexOf('jane.doe@example.com');
    expect(spans(text, 'html')).toEqual([at(text, 'jane.doe@example.com'), at(text, 'jane.doe@example.com', first + 1)]);
  });

  test('html: a mailto: link with other visible text', () => {
    const text = '<a href="mailto:b.jones@example.com">write me</a>';
    expect(spans(text, 'html')).toEqual([at(text, 'b.jones@example.com')]);
  });

  test('html entities: &#64; &#x40; &commat; &#46;', () => {
    const text = '<p>jane&#64;example&#46;com, tom&#x40;example.org and a&commat;example.net</p>';
    expect(spans(text, 'html')).toEqual([at(text, 'jane&#64;example&#46;com'), at(text, 'tom&#x40;example.org'), at(text, 'a&commat;example.net')]);
    expect(scan(text, 'html').map(findingValue)).toEqual(['jane@example.com', 'tom@example.org', 'a@example.net']);
  });

  test('markdown: link target, autolink, emphasis', () => {
    const text = '[Mail me](mailto:jane.doe@example.com) or <tom@example.org> or **b.jones@example.net**';
    expect(spans(text, 'markdown')).toEqual([at(text, 'jane.doe@example.com'), at(text, 'tom@example.org'), at(text, 'b.jones@example.net')]);
  });

  test('bbcode: [email]…[/email], [email=…], [url=mailto:…]', () => {
    const text = '[email]jane.doe@example.com[/email] [url=mailto:tom@example.org]Tom[/url] [email=b.jones@example.net]Ben[/email]';
    expect(spans(text, 'bbcode')).toEqual([at(text, 'jane.doe@example.com'), at(text, 'tom@example.org'), at(text, 'b.jones@example.net')]);
  });

  test('fullwidth ＠ and letters', () => {
    const text = 'mail: jane＠ｅｘａｍｐｌｅ．ｃｏｍ!';
    expect(spans(text)).toEqual([at(text, 'jane＠ｅｘａｍｐｌｅ．ｃｏｍ')]);
    expect(scan(text).map(findingValue)).toEqual(['jane@example.com']);
  });

  test('zero-width characters and soft hyphens inside', () => {
    const text = 'ja\u200bne@\u200dexample.com and jo\u00adhn@exam\u2060ple.org';
    expect(spans(text)).toEqual([at(text, 'ja\u200bne@\u200dexample.com'), at(text, 'jo\u00adhn@exam\u2060ple.org')]);
    expect(scan(text).map(findingValue)).toEqual(['jane@example.com', 'john@example.org']);
  });

  test('obfuscations survive markup: [at] in bbcode, <at> and &lt;at&gt; in html', () => {
    const bb = 'write jane [at] example [dot] com';
    expect(spans(bb, 'bbcode')).toEqual([at(bb, 'jane [at] example [dot] com')]);
    const html = '<p>write jane &lt;at&gt; example &lt;dot&gt; com</p>';
    expect(spans(html, 'html')).toEqual([at(html, 'jane &lt;at&gt; example &lt;dot&gt; com')]);
  });
});

describe('must not fire', () => {
  const negatives: [string, Format][] = [
    ['@john thanks, and @john.doe thanks too', 'plain'],
    ['cc @jane.de and @anna.it', 'plain'],
    ['npm i -D @types/node @babel/core @angular/core', 'plain'],
    ['@Component({ selector: "app" }) class A { @Override run() {} }', 'plain'],
    ['@media (max-width: 600px) { a { color: red } } @import url("x.css"); @font-face {}', 'plain'],
    ['git clone git@github.com:org/repo.git', 'plain'],
    ['git remote add origin ssh://git@gitlab.com/org/repo.git', 'plain'],
    ['ssh -T git@github.com', 'plain'],
    ['ssh -i ~/.ssh/key.pem -p 2222 deploy@web1.example.com', 'plain'],
    ['$ scp backup.tar.gz admin@files.example.com:/srv/', 'plain'],
    ['root@server:~# systemctl restart nginx', 'plain'],
    ['deploy@web1.example.com:~$ uptime', 'plain'],
    ['user@host:~$ ls -la', 'plain'],
    ['Use logo@2x.png, icon@3x.jpg and banner@2x.webp for retina', 'plain'],
    ['npm i pkg@1.2.3 react@^18.2.0 lodash@latest pnpm@8.15.4', 'plain'],
    ['at Object.<anonymous> (/home/app/node_modules/ioredis@5.3.2/built/Redis.js:170:41)', 'plain'],
    ['FROM nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', 'plain'],
    ['docker pull sha256@0d17b565c37bcbd895e9d92315a05c1c', 'plain'],
    ['url = postgres://app:secret@db.example.com:5432/shop', 'plain'],
    ['https://user:pw@example.com/x and ftp://anonymous@ftp.example.org', 'plain'],
    ['meet me at the office dot com', 'plain'],
    ['I was at home dot dot dot', 'plain'],
    ['meet me at home dot com', 'plain'],
    ['look at this dot com bubble', 'plain'],
    ['I work at example.com now, logged in at github.com today', 'plain'],
    ['jane at example', 'plain'],
    ['jane [at] example [dot] nothing', 'plain'],
    ['see you @ 5.30 tonight', 'plain'],
    ['thanks @ john . doe', 'plain'],
    ['at this point it was over', 'plain'],
    ['ping admin@localhost or admin@printer.local or user@corp.lan', 'plain'],
    ['a@b@example.com', 'plain'],
    ['"john doe"@example.com', 'plain'],
    ['jane@example', 'plain'],
    ['jane@example.c', 'plain'],
    ['jane@-example.com', 'plain'],
    ['@@@ @ @@ @', 'plain'],
    ['<a href="https://example.com/@jane">profile</a>', 'html'],
    ['Follow https://medium.com/@jane.doe/my-post', 'plain'],
    ['Use `git@github.com:org/repo.git` and `@types/node`', 'markdown'],
  ];
  test.each(negatives)('%s', (text, format) => {
    expect(scan(text, format)).toEqual([]);
  });
});

describe('obfuscated addresses', () => {
  const positives: [string, string, string][] = [
    ['write to jane.doe at example dot com', 'jane.doe at example dot com', 'jane.doe@example.com'],
    ['jane.doe [at] example [dot] com', 'jane.doe [at] example [dot] com', 'jane.doe@example.com'],
    ['jane.doe[at]example[dot]com', 'jane.doe[at]example[dot]com', 'jane.doe@example.com'],
    ['mail: jane.doe(at)example.com', 'jane.doe(at)example.com', 'jane.doe@example.com'],
    ['mail: jane.doe [at] example.com.', 'jane.doe [at] example.com', 'jane.doe@example.com'],
    ['tom.baker {at} example {dot} org', 'tom.baker {at} example {dot} org', 'tom.baker@example.org'],
    ['reach me: sarahk <at> example <dot> net', 'sarahk <at> example <dot> net', 'sarahk@example.net'],
    ['b.jones (at) mail (dot) example (dot) com', 'b.jones (at) mail (dot) example (dot) com', 'b.jones@mail.example.com'],
    ['jane [ at ] example [ . ] com', 'jane [ at ] example [ . ] com', 'jane@example.com'],
    ['jane(@)example(.)com', 'jane(@)example(.)com', 'jane@example.com'],
    ['MIKE_1987 AT EXAMPLE DOT ORG', 'MIKE_1987 AT EXAMPLE DOT ORG', 'mike_1987@example.org'],
    ['olivia.r AT example.com', 'olivia.r AT example.com', 'olivia.r@example.com'],
    ['email chloe.w @ example . com please', 'chloe.w @ example . com', 'chloe.w@example.com'],
    ['j o h n @ e x a m p l e . c o m and more', 'j o h n @ e x a m p l e . c o m', 'john@example.com'],
    ['jane dot doe at example dot com', 'jane dot doe at example dot com', 'jane.doe@example.com'],
    ['jane@example dot com', 'jane@example dot com', 'jane@example.com'],
    ['contact: sales at example dot co dot uk', 'sales at example dot co dot uk', 'sales@example.co.uk'],
  ];
  test.each(positives)('%s', (text, match, value) => {
    const found = scan(text);
    expect(found.map((f) => [f.text, findingValue(f), f.ruleId])).toEqual([[match, value, 'email/obfuscated']]);
    const f = found[0] as Finding;
    expect(f.start).toBe(text.indexOf(match));
    expect(f.confidence).toBeGreaterThanOrEqual(0.7);
    expect(f.reasons.join(' ')).toMatch(/obfuscated/);
    expect(f.reasons).toContain('validator.isEmail passed');
  });

  test('a lower-case " at " with literal dots needs an address-shaped local part (lower confidence)', () => {
    const text = 'Backup: b.jones at example.co.uk.';
    const found = scan(text);
    expect(found.map((f) => [f.start, f.end, findingValue(f), f.confidence])).toEqual([[8, 32, 'b.jones@example.co.uk', 0.6]]);
    for (const neg of ['I work at example.com', 'deployed app.py at heroku.com', 'Node.js at example.com', 'released v1.2 at github.com', 'meet at 10.30 at example.com', 'sales at example.com']) {
      expect(scan(neg)).toEqual([]);
    }
  });

  test('a space on one side of @: the local part must be address-shaped when the space is before it', () => {
    const a = 'My email: jane.doe @example.com';
    expect(spans(a)).toEqual([at(a, 'jane.doe @example.com')]);
    const b = 'write jane@ example.com';
    expect(spans(b)).toEqual([at(b, 'jane@ example.com')]);
    for (const neg of ['thanks @jane.de and @anna.it', 'via @example.com', 'see v1.2 @example.com', 'open README.md @example.com', 'RT @jane.doe: hello']) {
      expect(scan(neg)).toEqual([]);
    }
  });

  test('reasons say which at/dot forms were seen', () => {
    expect(scan('jane at example dot com')[0]?.reasons).toContain("obfuscated ' at '/' dot '");
    expect(scan('jane [at] example [dot] com')[0]?.reasons).toContain("obfuscated '[at]'/'[dot]'");
  });

  test('bracketed forms score higher than spelled-out words, plain addresses higher still', () => {
    const words = scan('jane at example dot com')[0]?.confidence ?? 0;
    const bracket = scan('jane [at] example [dot] com')[0]?.confidence ?? 0;
    const plain = scan('jane@example.com')[0]?.confidence ?? 0;
    expect(words).toBeLessThan(bracket);
    expect(bracket).toBeLessThan(plain);
  });

  test('the at/dot words of the configured languages', () => {
    const cases: [string, string, string][] = [
      ['de-DE', 'Schreibt an k.mueller at example punkt de', 'k.mueller at example punkt de'],
      ['fr-FR', 'Écrivez à sophie.martin arobase example point fr', 'sophie.martin arobase example point fr'],
      ['es-ES', 'Escribidme a lucia.garcia arroba example punto es', 'lucia.garcia arroba example punto es'],
      ['it-IT', 'Scrivetemi a giulia.rossi at example punto it', 'giulia.rossi at example punto it'],
      ['nl-NL', 'Mail me op jan.devries at example punt nl', 'jan.devries at example punt nl'],
      ['pt-BR', 'Meu e-mail é joao.silva arroba example ponto com ponto br', 'joao.silva arroba example ponto com ponto br'],
    ];
    for (const [locale, text, match] of cases) {
      const s = createScanner({ locales: [locale], types: ['email'] });
      expect(spans(text, 'plain', s)).toEqual([at(text, match)]);
    }
  });

  test('another language\'s dot word is not used ("punto" is not a dot in an en-US scan)', () => {
    expect(scan('lucia arroba example punto es')).toEqual([]);
  });
});

describe('spelled-out at-words of every configured language', () => {
  const byLocale = new Map<string, Scanner>();
  function scanIn(locale: string, text: string): Finding[] {
    let s = byLocale.get(locale);
    if (!s) {
      s = createScanner({ locales: [locale], types: ['email'] });
      byLocale.set(locale, s);
    }
    return s.scan(text, { format: 'plain' }).findings;
  }

  const positives: [string, string, string, string][] = [
    ['nl-NL', 'Mail gerust naar sanne.vos apenstaartje example punt org, groet', 'sanne.vos apenstaartje example punt org', 'sanne.vos@example.org'],
    ['nl-NL', 'bereikbaar via daan apestaart example punt net', 'daan apestaart example punt net', 'daan@example.net'],
    ['nl-BE', 'joost.peeters Apenstaartje example punt be', 'joost.peeters Apenstaartje example punt be', 'joost.peeters@example.be'],
    ['nl-NL', 'eva_88 apestaartje mail punt example punt org', 'eva_88 apestaartje mail punt example punt org', 'eva_88@mail.example.org'],
    ['de-DE', 'Schreib an lena.vogt Klammeraffe example Punkt org', 'lena.vogt Klammeraffe example Punkt org', 'lena.vogt@example.org'],
    ['de-AT', 'felix ät example punkt at', 'felix ät example punkt at', 'felix@example.at'],
    ['it-IT', 'Scrivimi: marco.bianchi chiocciola example punto net', 'marco.bianchi chiocciola example punto net', 'marco.bianchi@example.net'],
    ['fr-FR', 'camille arobas example point org', 'camille arobas example point org', 'camille@example.org'],
    ['es-MX', 'diego.ruiz arroba example punto com punto mx', 'diego.ruiz arroba example punto com punto mx', 'diego.ruiz@example.com.mx'],
    ['pt-PT', 'ines arroba example ponto pt', 'ines arroba example ponto pt', 'ines@example.pt'],
  ];
  test.each(positives)('%s: %s', (locale, text, match, value) => {
    const found = scanIn(locale, text);
    expect(found.map((f) => [f.start, f.end, f.text, findingValue(f), f.ruleId])).toEqual([[text.indexOf(match), text.indexOf(match) + match.length, match, value, 'email/obfuscated']]);
    expect(found[0]?.reasons).toContain('validator.isEmail passed');
  });

  test('an at-word of a language that is not configured is ignored', () => {
    expect(scanIn('en-US', 'sanne.vos apenstaartje example punt org')).toEqual([]);
    expect(scanIn('de-DE', 'sanne.vos apenstaartje example punkt org')).toEqual([]);
    expect(scanIn('nl-NL', 'lena.vogt Klammeraffe example punt org')).toEqual([]);
  });

  test('the Dutch form keeps the prose guards: both parts, a real TLD, no prose words', () => {
    for (const text of [
      'sanne.vos apenstaartje example',
      'sanne apenstaartje example punt nergens',
      'ik ben thuis apenstaartje example punt org',
      'het apenstaartje is een teken, punt',
      'een apenstaartje punt een punt',
      'wat betekent apenstaartje eigenlijk',
    ]) {
      expect(scanIn('nl-NL', text)).toEqual([]);
    }
  });
});

describe('letter-spaced addresses', () => {
  const positives: [string, string, string][] = [
    ['j o r d a n . m a c l e o d @ e x a m p l e . c o m', 'j o r d a n . m a c l e o d @ e x a m p l e . c o m', 'jordan.macleod@example.com'],
    ['mail r o w a n . k e l l y @ e x a m p l e . n e t please', 'r o w a n . k e l l y @ e x a m p l e . n e t', 'rowan.kelly@example.net'],
    ['Reach me at: t . o . b . y @ e x a m p l e . o r g.', 't . o . b . y @ e x a m p l e . o r g', 't.o.b.y@example.org'],
    ['(p r i y a _ 9 @ m a i l . e x a m p l e . o r g)', 'p r i y a _ 9 @ m a i l . e x a m p l e . o r g', 'priya_9@mail.example.org'],
    ['k i m @ e x a m p l e . c o m a n d more', 'k i m @ e x a m p l e . c o m', 'kim@example.com'],
  ];
  test.each(positives)('%s', (text, match, value) => {
    const found = scan(text);
    expect(found.map((f) => [f.start, f.end, f.text, findingValue(f), f.ruleId])).toEqual([[text.indexOf(match), text.indexOf(match) + match.length, match, value, 'email/obfuscated']]);
    expect(found[0]?.reasons).toContain('obfuscated: letter-spaced address');
  });

  test('two letter-spaced addresses in one post are two findings', () => {
    const a = 'r o w a n @ e x a m p l e . n e t';
    const b = 'k i m . l e e @ e x a m p l e . o r g';
    const text = `first ${a}, then ${b}`;
    expect(spans(text)).toEqual([at(text, a), at(text, b)]);
  });

  test('rejected: no TLD, too short, two @, no @, not valid once de-spaced', () => {
    for (const text of [
      'r o w a n . k e l l y @ e x a m p l e',
      'a @ b . c o m',
      'r o w a n @ e x a m p l e . n e t @ a b c . o r g',
      'H E L L O . W O R L D . C O M',
      'r o w a n . . k e l l y @ e x a m p l e . n e t',
      '1 2 3 @ 4 5 6 . 7 8 9',
      'x y z @ e x a m p l e . z z z z',
    ]) {
      expect(scan(text)).toEqual([]);
    }
  });
});

describe('allowlist', () => {
  test('allow.emails and allow.domains are honoured, for obfuscated forms too', () => {
    const s = createScanner({ locales: ['en-US'], types: ['email'], allow: { emails: ['Support@Example.com'], domains: ['forum.example'] } });
    const text = 'support@example.com, support [at] example [dot] com, mod@forum.example, a@mail.forum.example, jane@example.com';
    expect(spans(text, 'plain', s)).toEqual([at(text, 'jane@example.com')]);
  });
});

describe('rule files carry their own examples', () => {
  interface Example { text: string; match?: string; locale?: string; format?: string }
  for (const [name, rule] of [['rules/email.json', plainRule], ['rules/email-obfuscated.json', obfRule]] as const) {
    const valid = rule.examples.valid as Example[];
    const invalid = rule.examples.invalid as Example[];
    test.each(valid.map((e) => [e.text, e]))(`${name} valid: %s`, (_t, e) => {
      const s = createScanner({ locales: [e.locale ?? 'en-US'], types: ['email'] });
      const texts = s.scan(e.text, { format: (e.format ?? 'plain') as Format }).findings.map((f) => f.text);
      expect(texts).toContain(e.match);
    });
    test.each(invalid.map((e) => [e.text, e]))(`${name} invalid: %s`, (_t, e) => {
      const s = createScanner({ locales: [e.locale ?? 'en-US'], types: ['email'] });
      expect(s.scan(e.text, { format: (e.format ?? 'plain') as Format }).findings).toEqual([]);
    });
  }
});

describe('hostile inputs (linear-time scanners; results asserted)', () => {
  const big = createScanner({ locales: ['en-US'], types: ['email'], maxLength: 1_000_000, maxFindings: 100_000 });

  test("100,000 '@' in a row: no findings", () => {
    expect(big.scan('@'.repeat(100_000)).findings).toEqual([]);
  });

  test('100,000 "a at " repetitions: no findings', () => {
    expect(big.scan('a at '.repeat(100_000)).findings).toEqual([]);
  });

  test('50,000 "a at a dot " repetitions: no findings (single-letter prose, no TLD)', () => {
    expect(big.scan('a at a dot '.repeat(50_000)).findings).toEqual([]);
  });

  test('60,000 "[at]" and 50,000 "( at " in a row: no findings', () => {
    expect(big.scan('[at]'.repeat(60_000)).findings).toEqual([]);
    expect(big.scan('( at '.repeat(50_000)).findings).toEqual([]);
  });

  test('100,000 "a@" and a local part far longer than 64 units: no findings', () => {
    expect(big.scan('a@'.repeat(100_000)).findings).toEqual([]);
    expect(big.scan(`${'a'.repeat(200_000)}@example.com`).findings).toEqual([]);
  });

  test('a dotted run of 100,000 labels before the @ gives only the bounded tail', () => {
    const text = `${'a.'.repeat(100_000)}b@example.com`;
    expect(big.scan(text).findings).toEqual([]);
  });

  test('a domain longer than 253 units is not an address; one just under is', () => {
    const label = 'a'.repeat(63);
    expect(big.scan(`jane@${`${label}.`.repeat(4)}com`).findings).toEqual([]);
    expect(big.scan(`jane@${`${label}.`.repeat(3)}com`).findings).toHaveLength(1);
    expect(big.scan(`jane@${'a'.repeat(64)}.com`).findings).toEqual([]);
  });

  test('a local part of 64 units is accepted, 65 is not', () => {
    expect(big.scan(`${'j'.repeat(64)}@example.com`).findings).toHaveLength(1);
    expect(big.scan(`${'j'.repeat(65)}@example.com`).findings).toEqual([]);
  });

  test('a long letter-spaced run still finds the one address in it', () => {
    const text = `${' x'.repeat(50_000)}  j o h n @ e x a m p l e . c o m`;
    const found = big.scan(text).findings;
    expect(found.map((f) => findingValue(f))).toEqual(['john@example.com']);
  });

  test('100,000 "a " and "a . " repetitions (letter-spaced, no @): no findings', () => {
    expect(big.scan('a '.repeat(100_000)).findings).toEqual([]);
    expect(big.scan('a . '.repeat(100_000)).findings).toEqual([]);
    // With an '@' elsewhere in the text the run pass does run: the one real address is found.
    const text = `${'a . '.repeat(100_000)}jane@example.com`;
    expect(big.scan(text).findings.map((f) => [f.start, findingValue(f)])).toEqual([[400_000, 'jane@example.com']]);
  });

  test('100,000 "a @ " and "a . a @ " repetitions: one run with many @, no findings', () => {
    expect(big.scan('a @ '.repeat(100_000)).findings).toEqual([]);
    expect(big.scan('a . a @ '.repeat(100_000)).findings).toEqual([]);
  });

  test('a letter-spaced run far longer than an address: no findings', () => {
    expect(big.scan(`${'b '.repeat(100_000)}@ e x a m p l e . c o m`).findings).toEqual([]);
    expect(big.scan(`j o h n @ ${'e '.repeat(100_000)}. c o m`).findings).toEqual([]);
  });

  test('5,000 letter-spaced addresses apart: every one is found', () => {
    const one = 'k i m @ e x a m p l e . c o m';
    const found = big.scan(Array.from({ length: 5_000 }, () => one).join('  ')).findings;
    expect(found).toHaveLength(5_000);
    expect(found.every((f) => findingValue(f) === 'kim@example.com' && f.text === one)).toBe(true);
  });

  test('50,000 "a apenstaartje a punt " repetitions in an nl-NL scan: no findings', () => {
    const nl = createScanner({ locales: ['nl-NL'], types: ['email'], maxLength: 2_000_000 });
    expect(nl.scan('a apenstaartje a punt '.repeat(50_000)).findings).toEqual([]);
  });

  test('many real addresses: every one is found', () => {
    const text = Array.from({ length: 300 }, (_, i) => `user${i}@example.com`).join(' ');
    const found = big.scan(text).findings;
    expect(found).toHaveLength(300);
    expect(findingValue(found[299] as Finding)).toBe('user299@example.com');
  });
});

describe('invisible format characters', () => {
  test('bidi marks, isolates and variation selectors inside an address do not hide it', () => {
    for (const unit of ['\u200e', '\u200f', '\u202a', '\u2066', '\u061c', '\ufe0f', '\u034f']) {
      const text = `Write to jane.doe@exa${unit}mple.com today`;
      expect(spans(text)).toEqual([at(text, `jane.doe@exa${unit}mple.com`)]);
      expect(findingValue(scan(text)[0] as Finding)).toBe('jane.doe@example.com');
    }
  });
});
