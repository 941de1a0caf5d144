/**
 * The demo forum (`npm start`) end to end in REAL headless Chromium (the system's /usr/bin/chromium,
 * or CHROMIUM_PATH, driven by playwright-core; no browser is ever downloaded): the composer widget
 * highlights a phone number, the acknowledgement step publishes and logs; someone else's address is
 * held, shown as pending to its author only, and published once a moderator approves; without
 * JavaScript the server-rendered warning page still protects the post; hostile markup stays text.
 */
import { existsSync, mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startDemo, type DemoForum } from '../../src/demo/forum';

jest.setTimeout(120_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ROOT = join(__dirname, '..', '..');

// A fictional UK number (Ofcom's drama range 020 7946 0xxx).
const PHONE = '020 7946 0958';
const PHONE_POST = `Selling my bike, call me on ${PHONE} after six`;
const ADDRESS_POST = 'My neighbour is never home, he lives at 1234 Elm St Apt 5, Springfield, IL 62704';
const EMAIL = 'alice.w@example.com';

let forum: DemoForum;
let browser: Browser;
const tempDirs: string[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pii-demo-browser-'));
  tempDirs.push(dataDir);
  // `npm test` builds dist/ first; build only the widget, into a temp dir, when it is missing.
  let widgetDir = join(ROOT, 'dist', 'widget');
  if (!existsSync(join(widgetDir, 'widget.mjs'))) {
    widgetDir = mkdtempSync(join(tmpdir(), 'pii-demo-widget-'));
    tempDirs.push(widgetDir);
    await build({ entryPoints: [join(ROOT, 'src/widget/widget.ts')], bundle: true, format: 'esm', minify: true, target: 'es2020', outfile: join(widgetDir, 'widget.mjs'), logLevel: 'warning' });
    copyFileSync(join(ROOT, 'src/widget/widget.css'), join(widgetDir, 'widget.css'));
  }
  forum = await startDemo({ port: 0, dataDir, log: () => undefined, widgetDir });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});

afterAll(async () => {
  await browser?.close();
  await forum?.close();
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

interface Tab {
  page: Page;
  /** Uncaught page errors and dialogs (alert/confirm): both must stay empty. */
  errors: string[];
}

/** A fresh browser context (own cookies), signed in as `user` unless null. */
async function as(user: 'alice' | 'bob' | 'morgan' | null, options: { javaScriptEnabled?: boolean } = {}): Promise<Tab> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, viewport: { width: 1000, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${forum.url}/`);
  if (user) {
    await page.click('header.site a[href="/signin"]');
    await page.waitForURL(/\/signin/);
    await Promise.all([page.waitForURL(`${forum.url}/`), page.click(`button[name="user"][value="${user}"]`)]);
    expect(await page.textContent('header.site nav strong')).toBe(user === 'morgan' ? 'Morgan (moderator)' : user[0]!.toUpperCase() + user.slice(1));
  }
  return { page, errors };
}

/** From the topic list, "New topic", with the widget attached to the post textarea. */
async function newTopic(page: Page, title: string): Promise<void> {
  await page.click('a.button[href="/new"]');
  await page.waitForURL(/\/new$/);
  await page.waitForSelector('.pii-pf-wrap textarea#body');
  await page.fill('#title', title);
}

/**
 * Clicks the centre of the first and of the last highlighted character and reads where the
 * textarea put its caret: an independent check that the highlight sits over those characters.
 */
async function caretsUnderHighlight(page: Page): Promise<{ first: number; last: number }> {
  const rects = await page.evaluate(() => {
    const node = document.querySelector('.pii-pf-mark')?.firstChild;
    if (!node || !node.textContent) throw new Error('no highlight');
    const r = document.createRange();
    const at = (i: number) => {
      r.setStart(node, i);
      r.setEnd(node, i + 1);
      const b = r.getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    };
    return { first: at(0), last: at(node.textContent.length - 1) };
  });
  const ta = page.locator('#body');
  await page.mouse.click(rects.first.x, rects.first.y);
  const first = await ta.evaluate((el: HTMLTextAreaElement) => el.selectionStart);
  await page.mouse.click(rects.last.x, rects.last.y);
  const last = await ta.evaluate((el: HTMLTextAreaElement) => el.selectionStart);
  return { first, last };
}

/** In the widget's acknowledgement step: pick a reason, tick "I understand", publish; waits for the topic page. */
async function acknowledge(page: Page, reason: 'intended' | 'not_personal'): Promise<void> {
  await page.check(`.pii-pf-ack input[type=radio][value=${reason}]`);
  await page.check('.pii-pf-understand input[type=checkbox]');
  await Promise.all([page.waitForURL(/\/t\/[0-9a-f-]{36}/), page.click('.pii-pf-primary')]);
}

function postIdOf(page: Page): string {
  const m = /#p-([0-9a-f]{12})$/.exec(page.url());
  if (!m?.[1]) throw new Error(`no post id in ${page.url()}`);
  return m[1];
}

test("the author's phone number: highlighted while typing → acknowledgement step → published and logged", async () => {
  const { page, errors } = await as('alice');
  await newTopic(page, 'Bike for sale');
  await page.locator('#body').click();
  await page.keyboard.type(PHONE_POST, { delay: 2 });
  await page.waitForSelector('.pii-pf-mark');

  // The highlight covers exactly the number: its text, and the caret positions under its first and last character.
  expect(await page.locator('.pii-pf-mark').count()).toBe(1);
  expect(await page.locator('.pii-pf-mark').textContent()).toBe(PHONE);
  const start = PHONE_POST.indexOf(PHONE);
  const c = await caretsUnderHighlight(page);
  expect([start, start + 1]).toContain(c.first);
  expect([start + PHONE.length - 1, start + PHONE.length]).toContain(c.last);

  // The warning list: one message, the masked value, never the raw one.
  expect(await page.locator('.pii-pf-item').count()).toBe(1);
  expect(await page.textContent('.pii-pf-msg')).toBe('This looks like a phone number. Anyone who reads the post can see it.');
  const masked = (await page.textContent('.pii-pf-value')) ?? '';
  expect(masked).not.toBe('');
  expect(masked).not.toContain('7946 0958');

  // Publish → the acknowledgement step; nothing is published yet.
  const before = (await forum.store.acknowledgements.list({ userId: 'alice' })).items.length;
  await page.click('form[data-composer] button[type=submit]');
  await page.waitForSelector('.pii-pf-ack:not([hidden])');
  expect(await page.textContent('.pii-pf-notice')).toContain('This post will be public');
  expect(page.url()).toMatch(/\/new$/);
  expect((await forum.store.acknowledgements.list({ userId: 'alice' })).items.length).toBe(before);

  await acknowledge(page, 'not_personal');
  const postId = postIdOf(page);
  expect(await page.textContent('h1')).toBe('Bike for sale');
  const post = page.locator(`article.post[id="p-${postId}"]`);
  expect(await post.getAttribute('data-status')).toBe('published');
  expect(await post.locator('.body').textContent()).toBe(PHONE_POST);

  // The log: method 'widget', the chosen reason, the masked value only.
  const log = (await forum.store.acknowledgements.list({ userId: 'alice' })).items;
  expect(log.length).toBe(before + 1);
  const rec = log.find((r) => r.findings.some((f) => f.type === 'phone' && f.masked === masked));
  expect(rec).toMatchObject({ method: 'widget', reason: 'not_personal', action: 'warn', userId: 'alice' });
  expect(JSON.stringify(rec)).not.toContain('7946 0958');

  // "My acknowledgements" lists it, masked.
  await Promise.all([page.waitForURL(/\/me\/acknowledgements$/), page.click('header.site a[href="/me/acknowledgements"]')]);
  const row = page.locator('table.log tbody tr', { hasText: masked });
  expect(await row.count()).toBe(1);
  expect(await row.getAttribute('data-method')).toBe('widget');
  expect(await row.textContent()).toContain('Not personal information');
  expect(await row.textContent()).toContain('Published');
  expect(await row.textContent()).toContain(rec!.hash.slice(0, 12));
  expect(await page.textContent('table.log')).not.toContain(PHONE);
  expect(errors).toEqual([]);
});

test("someone else's address: held, pending to its author only, approved by the moderator, then visible", async () => {
  const bob = await as('bob');
  await newTopic(bob.page, 'Neighbour never home');
  await bob.page.fill('#body', ADDRESS_POST);
  await bob.page.waitForSelector('.pii-pf-mark');
  expect(await bob.page.locator('.pii-pf-mark').first().textContent()).toContain('1234 Elm St');
  await bob.page.click('form[data-composer] button[type=submit]');
  await bob.page.waitForSelector('.pii-pf-ack:not([hidden])');
  await acknowledge(bob.page, 'intended');

  // Bob sees his post as pending, with the notice.
  const topicUrl = bob.page.url().replace(/[?#].*$/, '');
  const postId = postIdOf(bob.page);
  expect(bob.page.url()).toContain('notice=pending');
  expect(await bob.page.textContent('p.notice[role=status]')).toContain('sent to the moderators');
  const mine = bob.page.locator(`article.post[id="p-${postId}"]`);
  expect(await mine.getAttribute('data-status')).toBe('pending');
  expect(await mine.locator('.badge').textContent()).toContain('Pending review');
  expect(await mine.locator('.body').textContent()).toBe(ADDRESS_POST);

  // Alice and a signed-out visitor see neither the topic nor the post.
  const alice = await as('alice');
  expect(await alice.page.locator('ul.topics li', { hasText: 'Neighbour never home' }).count()).toBe(0);
  expect((await alice.page.goto(topicUrl))?.status()).toBe(404);
  expect(await alice.page.content()).not.toContain('Elm St');
  const visitor = await as(null);
  expect(await visitor.page.locator('ul.topics li', { hasText: 'Neighbour never home' }).count()).toBe(0);
  expect((await visitor.page.goto(topicUrl))?.status()).toBe(404);

  // Morgan: Moderation → the held item → approve.
  const morgan = await as('morgan');
  await Promise.all([morgan.page.waitForURL(/\/moderation\//), morgan.page.click('header.site a[href="/moderation/"]')]);
  const review = (await forum.store.reviews.list({ limit: 100 })).items.find((i) => i.postRef === `p/${postId}`);
  expect(review?.status).toBe('pending');
  const row = morgan.page.locator(`#items .row[data-id="${review!.id}"]`);
  expect(await row.count()).toBe(1);
  expect(await row.locator('.title').textContent()).toBe('Neighbour never home');
  await Promise.all([morgan.page.waitForURL(/\/items\//), row.locator('a.open').click()]);
  expect(await morgan.page.textContent('article.item .ref')).toBe(`p/${postId}`);
  expect(await morgan.page.getAttribute('a.post-link', 'href')).toBe(`${new URL(topicUrl).pathname}#p-${postId}`);
  expect(await morgan.page.locator('.post mark.finding').count()).toBeGreaterThan(0);
  await Promise.all([morgan.page.waitForURL(/done=approve/), morgan.page.click('#act button[value="approve"]')]);
  expect(await morgan.page.textContent('.flash')).toBe('Approved.');
  expect((await forum.store.reviews.get(review!.id))?.status).toBe('approved');

  // Now Alice (and the visitor) see it, published.
  await alice.page.goto(`${forum.url}/`);
  expect(await alice.page.locator('ul.topics li', { hasText: 'Neighbour never home' }).count()).toBe(1);
  expect((await alice.page.goto(topicUrl))?.status()).toBe(200);
  const seen = alice.page.locator(`article.post[id="p-${postId}"]`);
  expect(await seen.getAttribute('data-status')).toBe('published');
  expect(await seen.locator('.body').textContent()).toBe(ADDRESS_POST);
  expect((await visitor.page.goto(topicUrl))?.status()).toBe(200);
  for (const t of [bob, alice, visitor, morgan]) expect(t.errors).toEqual([]);
});

test('with JavaScript disabled the server-rendered warning page protects the post, then publishes it (method form)', async () => {
  const { page } = await as('alice', { javaScriptEnabled: false });
  const title = 'Contact me by mail';
  const body = `Write to me at ${EMAIL} for the club newsletter.`;
  await page.click('a.button[href="/new"]');
  await page.waitForURL(/\/new$/);
  expect(await page.locator('.pii-pf-wrap').count()).toBe(0);
  await page.fill('#title', title);
  await page.fill('#body', body);
  const before = (await forum.store.acknowledgements.list({ userId: 'alice' })).items.length;
  const [response] = await Promise.all([page.waitForResponse((r) => r.url() === `${forum.url}/topics`), page.click('form[data-composer] button[type=submit]')]);
  expect(response.status()).toBe(422);

  // The warning page: the notice, the finding highlighted in the post, the acknowledgement form.
  expect(await page.textContent('.notice')).toContain('This post will be public');
  const marks = page.locator('section.field pre mark');
  expect(await marks.count()).toBe(1);
  expect(await marks.textContent()).toBe(EMAIL);
  expect(await marks.getAttribute('data-type')).toBe('email');
  // In the forum's own layout (its header), with readable field names, not "Field: title".
  expect(await page.locator('header.site a.brand').count()).toBe(1);
  expect(await page.locator('section.field h2').allTextContents()).toEqual(['Title', 'Post']);

  // "Go back and edit" posts the text back to the composer (no Referer needed: the forum sends none).
  await Promise.all([page.waitForURL(/\/new$/), page.click('.edit button:has-text("Go back and edit")')]);
  expect(await page.inputValue('#title')).toBe(title);
  expect(await page.inputValue('#body')).toBe(body);
  await Promise.all([page.waitForResponse((r) => r.url() === `${forum.url}/topics`), page.click('form[data-composer] button[type=submit]')]);
  // "Mask the values and edit": the composer gets the text with the address masked.
  await Promise.all([page.waitForURL(/\/new$/), page.click('.edit button:has-text("Mask the values and edit")')]);
  const masked = await page.inputValue('#body');
  expect(masked).not.toContain(EMAIL);
  expect(masked).toContain('for the club newsletter.');
  await page.fill('#body', body);
  await Promise.all([page.waitForResponse((r) => r.url() === `${forum.url}/topics`), page.click('form[data-composer] button[type=submit]')]);

  // Nothing is published yet: not on the topic list, not in the log.
  const visitor = await as(null);
  expect(await visitor.page.locator('ul.topics li', { hasText: title }).count()).toBe(0);
  expect((await forum.store.acknowledgements.list({ userId: 'alice' })).items.length).toBe(before);

  await page.check('input[name=piiAcknowledgementReason][value=intended]');
  await page.check('input[name=piiUnderstood]');
  await Promise.all([page.waitForURL(/\/t\/[0-9a-f-]{36}/), page.click('form.ack button[type=submit]')]);
  const postId = postIdOf(page);
  expect(await page.textContent('h1')).toBe(title);
  expect(await page.locator(`article.post[id="p-${postId}"]`).getAttribute('data-status')).toBe('published');
  expect(await page.locator(`article.post[id="p-${postId}"] .body`).textContent()).toBe(body);

  const log = (await forum.store.acknowledgements.list({ userId: 'alice' })).items;
  expect(log.length).toBe(before + 1);
  const rec = log.find((r) => r.findings.some((f) => f.type === 'email'));
  expect(rec).toMatchObject({ method: 'form', reason: 'intended', action: 'warn' });
  await visitor.page.goto(`${forum.url}/`);
  expect(await visitor.page.locator('ul.topics li', { hasText: title }).count()).toBe(1);
});

test('a hostile post is shown escaped and nothing executes', async () => {
  const hostileTitle = '<img src=x onerror="window.__pwned=1">Hello';
  const hostileBody = '<img src=x onerror="window.__pwned=1"> and <script>window.__pwned=1</script> <b>bold?</b>';
  const alice = await as('alice');
  await newTopic(alice.page, hostileTitle);
  await alice.page.fill('#body', hostileBody);
  // A clean post: the widget posts it straight away and the topic page opens.
  await Promise.all([alice.page.waitForURL(/\/t\/[0-9a-f-]{36}/), alice.page.click('form[data-composer] button[type=submit]')]);
  const topicUrl = alice.page.url().replace(/[?#].*$/, '');
  const postId = postIdOf(alice.page);

  for (const tab of [alice, await as('bob'), await as(null)]) {
    await tab.page.goto(`${forum.url}/`);
    expect(await tab.page.locator('ul.topics li a', { hasText: '<img src=x' }).textContent()).toBe(hostileTitle);
    await tab.page.goto(topicUrl);
    expect(await tab.page.textContent('h1')).toBe(hostileTitle);
    expect(await tab.page.locator(`article.post[id="p-${postId}"] .body`).textContent()).toBe(hostileBody);
    expect(await tab.page.locator('h1 *, article.post img, article.post script, article.post b, ul.topics img').count()).toBe(0);
    expect(await tab.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(tab.errors).toEqual([]);
  }
});
