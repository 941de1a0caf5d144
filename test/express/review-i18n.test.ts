/**
 * The moderator dashboard in every language it speaks (en, de, fr, es, it, nl, pt): every
 * dictionary has every key with the same placeholders, and a moderator whose browser or host
 * setting says German gets a German page, canned reasons and inline errors (no English words left
 * in the page's own chrome).
 */
import request from 'supertest';
import { DASHBOARD_LANGUAGES, dashboardStrings, fillText, pickLanguage } from '../../src/core/review-i18n';
import { heldRuleText, ackReasonText, whyText } from '../../src/core/review-text';
import { extractCsrf, makeHarness, type Harness } from './review-helpers';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
// Accepts a placeholder "{name}" (global).
const PLACEHOLDER = /\{[a-z]{1,10}\}/g;

/** Dotted keys and string values of a dictionary (arrays: their length under `key#`). */
function flat(obj: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else if (Array.isArray(v)) out.set(`${key}#`, String(v.length));
    else for (const [kk, vv] of flat(v, key)) out.set(kk, vv);
  }
  return out;
}

describe('dictionaries', () => {
  const en = flat(dashboardStrings('en'));
  test.each(DASHBOARD_LANGUAGES.filter((l) => l !== 'en'))('%s: every key of English, the same placeholders, nothing empty', (lang) => {
    const d = flat(dashboardStrings(lang));
    expect([...d.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of d) {
      expect(text.trim().length).toBeGreaterThan(0);
      const src = en.get(key) as string;
      expect(`${key}: ${(text.match(PLACEHOLDER) ?? []).sort().join(' ')}`).toBe(`${key}: ${(src.match(PLACEHOLDER) ?? []).sort().join(' ')}`);
    }
    // Written in the language: the long sentences differ from English.
    expect(dashboardStrings(lang).masked).not.toBe(dashboardStrings('en').masked);
    expect(dashboardStrings(lang).cannedReasons.reject[0]).not.toBe(dashboardStrings('en').cannedReasons.reject[0]);
  });

  test.each(DASHBOARD_LANGUAGES)('%s: held-because, acknowledgement reason and Why column have words', (lang) => {
    expect(heldRuleText('repeat-bypass', lang).known).toBe(true);
    expect(heldRuleText('review-third-party-contact', lang).text.length).toBeGreaterThan(20);
    expect(heldRuleText('my-own-rule', lang).text).toContain('(my-own-rule)');
    expect(ackReasonText({ rule: 'x', reason: 'not_personal' }, lang).length).toBeGreaterThan(5);
    expect(whyText({ type: 'phone', subject: 'third_party', reasons: [] }, lang)).toContain(dashboardStrings(lang).types.phone);
  });

  test('pickLanguage: host locale first, then Accept-Language order; regional tags reach their language', () => {
    expect(pickLanguage(['pt-PT'])).toBe('pt');
    expect(pickLanguage(['nl-BE', 'en'])).toBe('nl');
    expect(pickLanguage(['it-CH'])).toBe('it');
    expect(pickLanguage(['ja', 'de-AT'])).toBe('de');
    expect(pickLanguage(['ja'])).toBe('en');
  });

  test('fillText fills known placeholders only', () => {
    expect(fillText('Seite {page} von {pages} {other}', { page: 2, pages: 3 })).toBe('Seite 2 von 3 {other}');
  });
});

describe('the dashboard in German', () => {
  let h: Harness;
  beforeEach(async () => { h = await makeHarness(); });
  afterEach(async () => { await h.store.close(); });

  const de = dashboardStrings('de');
  const en = dashboardStrings('en');

  test('Accept-Language: de-DE gives a German page: lang, headings, buttons, table headers, statuses, canned reasons, pager', async () => {
    const id = h.items[0]?.id as string;
    const res = await request(h.app).get(`/mod/?item=${encodeURIComponent(id)}`).set('X-Moderator', 'mod-1').set('Accept', BROWSER).set('Accept-Language', 'de-DE,de;q=0.9,en;q=0.5');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="de">');
    for (const word of [de.reviewQueue, de.signedInAs, de.approve, de.reject, de.escalate, de.colConfidence, de.colWhy, de.heldBecause, de.findings, de.status.pending, de.filterButton, de.cannedReasons.reject[0] as string, de.keyHelp]) {
      expect(res.text).toContain(word.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
    }
    // The page's own words are German: none of the English chrome is left.
    for (const word of [en.signedInAs, en.heldBecause, en.colWhy, en.keyHelp, en.cannedReasons.reject[1] as string, en.selectToReview, 'Why flagged', 'Redact these findings']) {
      expect(res.text).not.toContain(word.replace(/'/g, '&#39;'));
    }
    // dashboard.js gets its words too.
    expect(res.text).toContain('data-strings="');
    expect(res.text).toContain(de.jsUndo);
  });

  test('the host\'s locale (authorize → { locale }) wins over the browser', async () => {
    const h2 = await makeHarness({ authorize: () => ({ id: 'mod-9', locale: 'pt-BR' }) });
    try {
      const res = await request(h2.app).get('/mod/').set('Accept', BROWSER).set('Accept-Language', 'de');
      expect(res.text).toContain('<html lang="pt">');
      expect(res.text).toContain(dashboardStrings('pt').reviewQueue);
    } finally {
      await h2.store.close();
    }
  });

  test('a bulk reject without a reason: the inline error in German; a German canned reject reason is accepted', async () => {
    const page = await request(h.app).get('/mod/').set('X-Moderator', 'mod-1').set('Accept', BROWSER).set('Accept-Language', 'de');
    const { cookie, token } = extractCsrf(page.text, page.headers['set-cookie']);
    const id = h.items[0]?.id as string;
    const bulk = await request(h.app).post('/mod/queue/bulk').set('X-Moderator', 'mod-1').set('Cookie', cookie).set('Accept', BROWSER).set('Accept-Language', 'de')
      .type('form').send({ _csrf: token, ids: id, action: 'reject', reason: '' });
    expect(bulk.status).toBe(400);
    expect(bulk.text).toContain(de.errBulkReason);
    const item = h.items[0];
    const act = await request(h.app).post(`/mod/queue/${encodeURIComponent(id)}/actions`).set('X-Moderator', 'mod-1').set('Cookie', cookie).set('Accept', BROWSER).set('Accept-Language', 'de')
      .type('form').send({ _csrf: token, action: 'reject', cannedReason: de.cannedReasons.approve[0], version: String(item?.version) });
    expect(act.status).toBe(400);
    expect(act.text).toContain(de.errNotRejectReason.replace(/'/g, '&#39;'));
    const ok = await request(h.app).post(`/mod/queue/${encodeURIComponent(id)}/actions`).set('X-Moderator', 'mod-1').set('Cookie', cookie).set('Accept', BROWSER).set('Accept-Language', 'de')
      .type('form').send({ _csrf: token, action: 'reject', cannedReason: de.cannedReasons.reject[0], version: String(item?.version) });
    expect(ok.status).toBe(303);
    expect((await h.store.reviews.get(id))?.resolution?.reason).toBe(de.cannedReasons.reject[0]);
  });

  test('the 404 page in German', async () => {
    const res = await request(h.app).get('/mod/items/nope').set('X-Moderator', 'mod-1').set('Accept', BROWSER).set('Accept-Language', 'de');
    expect(res.status).toBe(404);
    expect(res.text).toContain(de.notFound);
    expect(res.text).toContain(de.backToQueue);
  });
});
