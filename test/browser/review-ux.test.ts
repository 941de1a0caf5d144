/**
 * The moderator dashboard for people (issue 16, points 7–10), in REAL headless Chromium (the
 * system's /usr/bin/chromium via playwright-core) with axe-core injected into every page checked:
 * plain words, a queue of 66 held posts (pages, bulk, approve-and-next with undo), reveal shown
 * once, a 390×844 phone, keyboard and screen-reader access.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { ReviewItem, Store } from '../../src/store/types';
import { demoReviewInput } from '../../src/express/review-demo';
import { RAW_PHONE, makeHarness, type Harness } from '../express/review-helpers';

jest.setTimeout(180_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = process.env.PII_SHOTS_DIR;
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let h: Harness;
let server: Server;
let base: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});
afterAll(async () => {
  await browser.close();
});

/** 62 more held posts (66 with the 4 demo posts), each with a title and a fake phone or email. */
async function seedMany(store: Store, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const phone = `555-01${String(i % 100).padStart(2, '0')}`;
    const email = `member${i}@example.org`;
    const title = i % 3 === 0 ? `Call ${phone} about the lost keys` : `Meetup number ${i}`;
    const body = i % 2 === 0 ? `Ask my neighbour on ${phone}, he knows.` : `Write to ${email} for the tickets.`;
    const specs: Parameters<typeof demoReviewInput>[4] = [
      i % 2 === 0
        ? { field: 'body', raw: phone, type: 'phone', reasons: ['grouped like the national format', 'context: "ask" nearby (+0.1)'] }
        : { field: 'body', raw: email, type: 'email', reasons: ['validator.isEmail passed', 'TLD .org known'] },
    ];
    if (i % 3 === 0) specs.push({ field: 'title', raw: phone, type: 'phone', reasons: ['grouped like the national format'] });
    await store.reviews.upsert(demoReviewInput(store, `post:${1000 + i}`, `member_${i}`, { title, body }, specs, { rule: 'review-third-party-contact', reason: 'intended' }));
  }
}

beforeEach(async () => {
  h = await makeHarness({ postUrl: (item) => (item.postRef.startsWith('post:') ? `/posts/${item.postRef.slice(5)}` : `javascript:alert(1)`) });
  await seedMany(h.store, 62);
  server = h.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mod`;
});
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h.store.close();
});

async function open(options: { phone?: boolean; javaScriptEnabled?: boolean; locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.phone ? PHONE : { width: 1360, height: 900 },
    ...(options.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: options.locale ?? 'en-US',
    extraHTTPHeaders: { 'X-Moderator': 'mod-1' },
  });
  contexts.push(context);
  const page = await context.newPage();
  if (options.javaScriptEnabled === false) noJs.add(page);
  return page;
}
const noJs = new WeakSet<Page>();

interface AxeViolation {
  id: string;
  impact: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * Runs axe-core inside the page (evaluated through the DevTools protocol: the dashboard's CSP
 * forbids injected script tags); answers the violations as "rule (impact): targets" (none expected).
 * A page opened with JavaScript disabled is checked as served: its HTML, without the dashboard's
 * script, is loaded at the same origin in a page that may run axe.
 */
async function axe(page: Page): Promise<string[]> {
  let target = page;
  if (noJs.has(page)) {
    const html = (await page.content()).replace(/<script[^>]*><\/script>/g, '');
    const context = await browser.newContext({ viewport: page.viewportSize() ?? { width: 1360, height: 900 }, extraHTTPHeaders: { 'X-Moderator': 'mod-1' } });
    contexts.push(context);
    target = await context.newPage();
    await target.route(`${base}/__static`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await target.goto(`${base}/__static`);
  }
  if (!(await target.evaluate(() => 'axe' in window))) await target.evaluate(AXE);
  const violations = await target.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: unknown[] }> } };
    return (await w.axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return (violations as AxeViolation[]).map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

function demo(i: number): ReviewItem {
  return h.items[i] as ReviewItem;
}

async function byRef(ref: string): Promise<ReviewItem> {
  const all = await h.store.reviews.list({ limit: 100 });
  return all.items.find((i) => i.postRef === ref) as ReviewItem;
}

test('plain words: why it was held, why each value was flagged, the post title and a link to the post', async () => {
  const page = await open();
  const item = await byRef('post:1000');
  await page.goto(`${base}/items/${item.id}`);
  expect(await page.textContent('article.item .held')).toBe("It contains someone else's address or phone number. Acknowledged: the author published them on purpose.");
  // The title, masked where it holds a finding; a link built by the host's postUrl.
  expect(await page.textContent('#item-title .item-title')).toBe('Call •••-0100 about the lost keys');
  expect(await page.getAttribute('a.post-link', 'href')).toBe('/posts/1000');
  const why = await page.locator('table.findings td.why').allTextContents();
  expect(why[0]).toBe("Phone number, reads as someone else's: grouped like the national format; context: \"ask\" nearby");
  const odd = await byRef('post:1001');
  await page.goto(`${base}/items/${odd.id}`);
  const emailWhy = await page.textContent('table.findings td.why');
  expect(emailWhy).toBe("Email address, reads as someone else's: TLD .org known");
  // The demo item's address reasons name a locale pack file: not shown to moderators.
  await page.goto(`${base}/items/${demo(0).id}`);
  expect(await page.textContent('main')).not.toMatch(/locale pack|rules\/address|\.json|review-third-party-contact/);
  // A URL that is not http(s) or a path is not linked.
  expect(await page.locator('a.post-link').count()).toBe(0);
  // The list names posts by title, not by reference.
  expect(await page.locator('#items .row .title').first().textContent()).toBe('Lost cat near the old mill');
  expect(await axe(page)).toEqual([]);
});

test('the held-because sentence in the moderator’s language (de, fr, es)', async () => {
  for (const [locale, text] of [
    ['de-DE', 'Der Beitrag enthält die Adresse oder Telefonnummer einer anderen Person.'],
    ['fr-FR', 'Le message contient l’adresse ou le numéro de téléphone d’une autre personne.'],
    ['es-ES', 'El mensaje contiene la dirección o el teléfono de otra persona.'],
  ] as const) {
    const page = await open({ locale });
    await page.goto(`${base}/items/${demo(0).id}`);
    const held = page.locator('article.item .held');
    expect(await held.textContent()).toContain(text);
    expect(await held.getAttribute('lang')).toBe(locale.slice(0, 2));
    expect(await axe(page)).toEqual([]);
  }
});

test('66 held posts: pages with Previous and a count, bulk bar in view with select-all, zero axe violations', async () => {
  const page = await open();
  await page.goto(`${base}/`);
  expect(await page.textContent('.tab.current .count')).toBe('66');
  expect(await page.locator('#items .row').count()).toBe(50);
  expect(await page.textContent('.pager .where')).toBe('Page 1 of 2 · items 1–50 of 66');
  expect(await page.locator('.pager .prev').count()).toBe(0);
  // The bulk bar is at the top of the queue, on screen without scrolling.
  const bar = await page.locator('#bulk').boundingBox();
  expect(bar && bar.y + bar.height).toBeLessThan(900);
  await page.check('#select-all');
  expect(await page.locator('#items input[name="ids"]:checked').count()).toBe(50);
  expect(await page.textContent('#selected-count')).toBe('50 checked');
  await page.uncheck('#select-all');
  expect(await axe(page)).toEqual([]);
  await shot(page, 'queue-desktop');
  // Scrolled to the bottom of the list, the bar is still in view (sticky).
  await page.locator('#items .row').nth(49).scrollIntoViewIfNeeded();
  const stuck = await page.locator('#bulk').boundingBox();
  expect(stuck && stuck.y).toBeGreaterThanOrEqual(0);
  expect(stuck && stuck.y + stuck.height).toBeLessThan(900);

  await page.click('.pager .next');
  await page.waitForURL(/cursor=/);
  expect(await page.locator('#items .row').count()).toBe(16);
  expect(await page.textContent('.pager .where')).toBe('Page 2 of 2 · items 51–66 of 66');
  expect(await page.locator('.pager .next').count()).toBe(0);
  expect(await axe(page)).toEqual([]);
  await page.click('.pager .prev');
  await page.waitForURL((u) => !u.searchParams.has('cursor'));
  expect(await page.textContent('.pager .where')).toBe('Page 1 of 2 · items 1–50 of 66');
});

test('bulk reject without a reason: an inline error, the selection kept (with and without JavaScript)', async () => {
  for (const js of [true, false]) {
    const page = await open({ javaScriptEnabled: js });
    await page.goto(`${base}/`);
    const ids = await page.$$eval('#items .row', (rows) => rows.slice(0, 3).map((r) => (r as HTMLElement).dataset.id ?? ''));
    for (const id of ids) await page.check(`#items input[name="ids"][value="${id}"]`);
    await page.selectOption('#bulk select[name="action"]', 'reject');
    await page.click('#bulk button[type="submit"]');
    if (!js) await page.waitForLoadState('load');
    expect(await page.isVisible('#bulk-error')).toBe(true);
    expect(await page.textContent('#bulk-error')).toContain('Write a reason to reject');
    expect(await page.getAttribute('#bulk-error', 'role')).toBe('alert');
    const checked = await page.$$eval('#items input[name="ids"]:checked', (xs) => xs.map((x) => (x as HTMLInputElement).value));
    expect(checked.sort()).toEqual([...ids].sort());
    expect(await page.inputValue('#bulk select[name="action"]')).toBe('reject');
    for (const id of ids) expect((await h.store.reviews.get(id))?.status).toBe('pending');
    expect(await axe(page)).toEqual([]);
    // With a reason the same selection goes through.
    await page.fill('#bulk-reason', 'Please remove the phone numbers.');
    await page.click('#bulk button[type="submit"]');
    await page.waitForURL(/done=bulk/);
    for (const id of ids) expect((await h.store.reviews.get(id))?.status).toBe('rejected');
  }
});

test('canned reasons are grouped per action; a reject with an approve reason is refused inline', async () => {
  const page = await open({ javaScriptEnabled: false });
  await page.goto(`${base}/items/${demo(0).id}`);
  const groups = await page.$$eval('#canned optgroup', (gs) => gs.map((g) => g.getAttribute('label')));
  expect(groups).toEqual(['To reject (sent to the author)', 'To approve', 'To escalate']);
  await page.selectOption('#canned', 'Business or public contact details: fine to publish');
  await page.click('#act button[value="reject"]');
  await page.waitForLoadState('load');
  expect(await page.textContent('#reason-hint')).toContain('not one for rejecting');
  expect(await page.isVisible('#reason-hint')).toBe(true);
  expect((await h.store.reviews.get(demo(0).id))?.status).toBe('pending');
  expect(await axe(page)).toEqual([]);
});

test('`a` approves after a 5 s undo window and opens the next item; Undo records nothing', async () => {
  const page = await open();
  await page.goto(`${base}/`);
  const ids = await page.$$eval('#items .row', (rows) => rows.slice(0, 2).map((r) => (r as HTMLElement).dataset.id ?? ''));
  const [first, second] = ids as [string, string];
  await page.goto(`${base}/items/${first}`);
  await page.keyboard.press('a');
  await page.waitForSelector('#toast:not([hidden]) button.undo');
  expect(await page.textContent('#toast')).toContain('Approving');
  expect(await axe(page)).toEqual([]);
  await shot(page, 'undo-toast');
  await page.click('#toast button.undo');
  expect(await page.textContent('#toast')).toContain('Not approved');
  // Past the window: still pending, nothing in the audit trail.
  await page.waitForTimeout(6000);
  expect((await h.store.reviews.get(first))?.status).toBe('pending');
  expect(await h.store.reviews.audit(first)).toEqual([]);
  expect(page.url()).toContain(`/items/${first}`);

  await page.keyboard.press('a');
  await page.waitForURL(new RegExp(`item=${second}.*done=approve|done=approve.*item=${second}`), { timeout: 15_000 });
  expect(await page.getAttribute('article.item', 'data-id')).toBe(second);
  expect(await page.textContent('.flash')).toContain('Approved.');
  expect((await h.store.reviews.get(first))?.status).toBe('approved');
  expect((await h.store.reviews.audit(first)).map((a) => a.action)).toEqual(['approve']);
  await page.click('.flash a');
  expect(await page.getAttribute('article.item', 'data-id')).toBe(first);

  // Leaving inside the window keeps the decision: the approval goes with the page.
  const third = (await page.$$eval('#items .row', (rows) => rows.map((r) => (r as HTMLElement).dataset.id ?? ''))).find((id) => id !== first && id !== second) as string;
  // A beacon carries the session cookie but not the test's extra header: sign in by cookie too.
  await page.context().addCookies([{ name: 'test_moderator', value: 'mod-1', url: base }]);
  await page.goto(`${base}/items/${third}`);
  await page.keyboard.press('a');
  await page.waitForSelector('#toast:not([hidden])');
  await page.goto(`${base}/`);
  for (let i = 0; i < 50 && (await h.store.reviews.get(third))?.status !== 'approved'; i++) await new Promise((r) => setTimeout(r, 100));
  expect((await h.store.reviews.get(third))?.status).toBe('approved');
  expect((await h.store.reviews.audit(third)).map((a) => a.action)).toEqual(['approve']);
});

test('a revealed value is shown once: a reload neither re-posts nor logs a second reveal', async () => {
  const page = await open();
  await page.goto(`${base}/items/${demo(0).id}`);
  await page.click('tr[data-index="0"] button.reveal');
  await page.waitForSelector('code.raw');
  expect(await page.textContent('code.raw')).toBe(RAW_PHONE);
  expect(page.url()).not.toContain('4477');
  expect(await axe(page)).toEqual([]);
  let posts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST') posts += 1;
  });
  await page.reload();
  expect(posts).toBe(0);
  expect(await page.locator('code.raw').count()).toBe(0);
  expect(await page.textContent('.flash')).toContain('shown once');
  expect((await h.store.reviews.audit(demo(0).id)).map((a) => a.action)).toEqual(['reveal']);
});

test('phone 390×844: tabs fit, the open item comes first, nothing overflows, touch targets ≥ 44 px', async () => {
  const page = await open({ phone: true });
  await page.goto(`${base}/`);
  const tabs = await page.$$eval('.tabs .tab', (ts) => ts.map((t) => t.getBoundingClientRect().right));
  expect(tabs).toHaveLength(6);
  for (const right of tabs) expect(right).toBeLessThanOrEqual(PHONE.width);
  expect(await axe(page)).toEqual([]);
  await shot(page, 'queue-phone');

  await page.goto(`${base}/items/${demo(1).id}`);
  const top = await page.locator('article.item').boundingBox();
  expect(top && top.y).toBeLessThan(PHONE.height);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  for (const sel of ['#reason', '#canned', 'table.findings', '.actions']) {
    const box = await page.locator(sel).boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  }
  const small = await page.$$eval('#item button, #item a, #item input[type="checkbox"], #queue .pick, .tabs a, #bulk button, #bulk .all, .pager a', (els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null && el.tagName !== 'INPUT')
      .map((el) => ({ el: `${el.tagName}.${el.className} ${el.textContent?.trim().slice(0, 20)}`, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 || r.width < 44)
      .map(({ el, r }) => `${el} ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
  expect(small).toEqual([]);
  const reveal = await page.locator('button.reveal').first().boundingBox();
  expect(reveal && reveal.height).toBeGreaterThanOrEqual(44);
  expect(await axe(page)).toEqual([]);
  await shot(page, 'item-phone');
  await page.locator('table.findings').scrollIntoViewIfNeeded();
  await shot(page, 'findings-phone');
});

test('keyboard and screen readers: skip link, landmarks, unique Reveal names, the reject hint announced', async () => {
  const page = await open();
  await page.goto(`${base}/items/${demo(0).id}`);
  // Tab → "Skip to the open item" → Enter, then a few Tabs reach Approve (was 121).
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the open item');
  await page.keyboard.press('Enter');
  let presses = 0;
  while (presses < 15) {
    await page.keyboard.press('Tab');
    presses += 1;
    if (await page.evaluate(() => (document.activeElement as HTMLButtonElement | null)?.value === 'approve')) break;
  }
  expect(presses).toBeLessThanOrEqual(8);
  expect(await page.locator('header.top').count()).toBe(1);
  expect(await page.locator('main#main').count()).toBe(1);
  expect(await page.locator('nav[aria-label="Status"]').count()).toBe(1);
  // A highlight reads as its value; the explanation is its description, not read twice.
  await page.focus('mark.finding[data-index="0"]');
  expect(await page.isVisible('#tip-0')).toBe(true);
  const snapshot = await page.locator('.post[data-field="body"]').ariaSnapshot();
  expect(snapshot).not.toContain('sure');
  expect(await page.getAttribute('mark.finding[data-index="0"]', 'aria-describedby')).toBe('tip-0');
  const names = await page.$$eval('button.reveal', (bs) => bs.map((b) => b.textContent));
  expect(names).toEqual(['Reveal finding 1: phone number', 'Reveal finding 2: street address']);
  // The reject hint is an alert (announced when it appears) and describes the reason fields.
  await page.click('#act button[value="reject"]');
  expect(await page.isVisible('#reason-hint')).toBe(true);
  expect(await page.getAttribute('#reason-hint', 'role')).toBe('alert');
  expect(await page.getAttribute('#reason', 'aria-describedby')).toBe('reason-hint');
  expect(await axe(page)).toEqual([]);
  await shot(page, 'item-desktop');
});
