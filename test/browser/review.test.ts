/**
 * The moderator dashboard in REAL headless Chromium (the system's /usr/bin/chromium driven by
 * playwright-core; no browser is ever downloaded), served on 127.0.0.1 from a real SQLite store.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { ReviewItem } from '../../src/store/types';
import { RAW_PHONE, makeHarness, seedHostile, type Harness } from '../express/review-helpers';

jest.setTimeout(90_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

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

beforeEach(async () => {
  h = await makeHarness();
  server = h.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mod`;
});
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h.store.close();
});

/** A page as moderator `id` (the test host authorizes by header), or as nobody. */
async function open(options: { moderator?: string | null; javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const moderator = options.moderator === undefined ? 'mod-1' : options.moderator;
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    ...(moderator ? { extraHTTPHeaders: { 'X-Moderator': moderator } } : {}),
  });
  contexts.push(context);
  return context.newPage();
}

function item(i: number): ReviewItem {
  return h.items[i] as ReviewItem;
}

async function status(id: string): Promise<string | undefined> {
  return (await h.store.reviews.get(id))?.status;
}

test('list → open → approve', async () => {
  const page = await open();
  await page.goto(`${base}/`);
  await expectRows(page, 4);
  expect(await page.textContent('.tab.current .count')).toBe('4');
  await page.click(`#items .row[data-id="${item(0).id}"] a.open`);
  await page.waitForURL(/\/items\//);
  expect(await page.textContent('article.item .ref')).toBe('forum/garden-club/1042');
  expect(await page.locator('.post mark.finding').count()).toBe(2);
  await page.click('#act button[value="approve"]');
  await page.waitForURL(/done=approve/);
  expect(await page.textContent('.flash')).toBe('Approved.');
  expect(await page.getAttribute('article.item', 'data-status')).toBe('approved');
  expect(await status(item(0).id)).toBe('approved');
  expect(h.resolved.map((r) => r.action)).toEqual(['approve']);
});

async function expectRows(page: Page, n: number): Promise<void> {
  expect(await page.locator('#items .row').count()).toBe(n);
}

test('redact chosen findings', async () => {
  const page = await open();
  await page.goto(`${base}/items/${item(1).id}`);
  await page.uncheck('input[name="findings"][value="1"]');
  await page.click('#act button[value="redact"]');
  await page.waitForURL(/done=redact/);
  const published = await page.textContent('.resolution .post.redacted[data-field="body"]');
  expect(published).toContain('Sam Lee, [removed], •••-0199.');
  expect(published).not.toContain('sam.lee@example.com');
  expect(h.resolved[0]?.item.resolution?.fields?.body).toContain('[removed], 555-0199.');
});

test('reject with a reason (and the page asks for one first)', async () => {
  const page = await open();
  await page.goto(`${base}/items/${item(0).id}`);
  await page.click('#act button[value="reject"]');
  expect(await page.isVisible('#reason-hint')).toBe(true);
  expect(await status(item(0).id)).toBe('pending');
  await page.fill('#reason', 'Please remove the neighbour’s phone number and address.');
  await page.click('#act button[value="reject"]');
  await page.waitForURL(/done=reject/);
  expect(await page.textContent('.res-reason')).toBe('Please remove the neighbour’s phone number and address.');
  expect(h.resolved[0]?.item.resolution?.reason).toBe('Please remove the neighbour’s phone number and address.');
});

test('a hostile post executes nothing', async () => {
  const hostile = await seedHostile(h.store);
  const page = await open();
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/?item=${hostile.id}`);
  await page.focus('mark.finding');
  await page.hover('mark.finding');
  await page.click('.post[data-field="body"]');
  // Reveal the raw value too: it is shown escaped as well.
  await page.click('tr[data-index="0"] button');
  await page.waitForSelector('code.raw');
  await page.goto(`${base}/?status=all`);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  await page.goto(`${base}/items/${hostile.id}`);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(dialogs).toBe(0);
  expect(errors).toEqual([]);
  expect(await page.locator('.post img, .post svg, .post script, .post a, .meta img, .ref script').count()).toBe(0);
  expect(await page.textContent('.post[data-field="title"]')).toBe('<script>window.__pwned = "title"</script>Hi');
  expect(await page.textContent('article.item .ref')).toBe('<script>window.__pwned="ref"</script>');
});

test('403 without authorization, page and assets alike', async () => {
  const page = await open({ moderator: null });
  const res = await page.goto(`${base}/`);
  expect(res?.status()).toBe(403);
  expect(await page.textContent('h1')).toBe('Not authorized');
  const js = await page.goto(`${base}/assets/dashboard.js`);
  expect(js?.status()).toBe(403);
  expect(await page.content()).not.toContain('keydown');
});

test('keyboard shortcuts: j/k move, e escalates, a approves, ? shows help, typing is not a shortcut', async () => {
  const page = await open();
  await page.goto(`${base}/`);
  // The list order (oldest first; items seeded in the same millisecond tie-break by id) is read from the page.
  const ids = await page.$$eval('#items .row', (rows) => rows.map((r) => (r as HTMLElement).dataset.id ?? ''));
  expect(ids).toHaveLength(4);
  await page.keyboard.press('j');
  await page.waitForURL(new RegExp(`/items/${ids[0]}`));
  await page.keyboard.press('j');
  await page.waitForURL(new RegExp(`/items/${ids[1]}`));
  await page.keyboard.press('k');
  await page.waitForURL(new RegExp(`/items/${ids[0]}`));

  await page.focus('#reason');
  await page.keyboard.type('a reason with the letters a, e and r');
  expect(page.url()).not.toMatch(/done=/);
  expect(await status(ids[0] as string)).toBe('pending');

  await page.goto(`${base}/items/${item(1).id}`);
  await page.keyboard.press('e');
  await page.waitForURL(/done=escalate/);
  expect(await status(item(1).id)).toBe('escalated');

  await page.goto(`${base}/items/${item(2).id}`);
  await page.keyboard.press('r');
  expect(await page.isVisible('#reason-hint')).toBe(true);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('canned');
  await page.selectOption('#canned', { index: 1 });
  await page.click('body');
  await page.keyboard.press('r');
  await page.waitForURL(/done=reject/);
  expect(await status(item(2).id)).toBe('rejected');

  await page.goto(`${base}/items/${item(3).id}`);
  await page.keyboard.press('a');
  await page.waitForURL(/done=approve/);
  expect(await status(item(3).id)).toBe('approved');

  expect(await page.isVisible('#help')).toBe(true);
  await page.keyboard.press('?');
  expect(await page.getAttribute('#help', 'class')).toContain('expanded');
});

test('approve, claim and reveal work with JavaScript disabled', async () => {
  const page = await open({ javaScriptEnabled: false });
  await page.goto(`${base}/`);
  await page.click(`#items .row[data-id="${item(0).id}"] a.open`);
  await page.waitForURL(/\/items\//);
  await page.click('form.claim button');
  await page.waitForURL(/done=claim/);
  expect((await h.store.reviews.get(item(0).id))?.claimedBy).toBe('mod-1');
  await page.click('tr[data-index="0"] button');
  await page.waitForSelector('code.raw');
  expect(await page.textContent('code.raw')).toBe(RAW_PHONE);
  await page.click('#act button[value="approve"]');
  await page.waitForURL(/done=approve/);
  expect(await status(item(0).id)).toBe('approved');
  expect((await h.store.reviews.audit(item(0).id)).map((a) => a.action)).toEqual(['claim', 'reveal', 'approve']);
});
