/**
 * The composer widget in real headless Chromium: the built widget (esbuild, as scripts/build.mjs
 * builds it) on a small page served by express, against the real checkRoute() and the real
 * preflight() middleware with an in-memory SQLite store.
 */
import { mkdtempSync, copyFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { AddressInfo } from 'net';
import type { Server } from 'http';
import { build } from 'esbuild';
import express, { type Request } from 'express';
import { chromium, type Browser, type Page } from 'playwright-core';
import { checkRoute } from '../../src/express/check';
import { preflight } from '../../src/express/preflight';
import { createStore } from '../../src/store';
import { createScanner } from '../../src/scanner';
import type { Store } from '../../src/store/types';

jest.setTimeout(60_000);

const SECRET = '_TpapI6mW4ePXVQW6_Laxz-auPKi6Gaye7Hx9pmfQ5E';
// A fictional number (NANP 555-01xx range).
const VALUE = '(202) 555-0134';
const POST = `Hi all, the bike is still for sale. Call me on ${VALUE} and I will answer tonight.`;
// The masked form is whatever the scanner makes of it (the widget shows the server's value).
const MASKED = (() => {
  const f = createScanner({ locales: ['en-US'] }).scan(POST).findings;
  if (f.length !== 1 || f[0]?.type !== 'phone') throw new Error(`the scanner should find exactly the phone number in the test post, found ${f.map((x) => x.type).join(', ')}`);
  return f[0].masked;
})();

let dir: string;
let server: Server;
let base: string;
let browser: Browser;
let store: Store;
const checks = { count: 0, aborted: 0, slowAnswered: 0 };

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!cond()) throw new Error('condition not reached');
}
const published: Array<Record<string, unknown>> = [];

function page(debounceMs: number, endpoint: string, extraCss = '', action = '/posts'): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Composer</title>
<link rel="stylesheet" href="/widget.css">
<style>
  body { font-family: system-ui, sans-serif; margin: 32px; width: 640px; }
  label { display: block; margin: 12px 0 4px; font-weight: 600; }
  input, textarea { width: 100%; box-sizing: border-box; font: 16px/1.5 Georgia, serif; padding: 10px 12px; border: 1px solid #999; border-radius: 6px; }
  ${extraCss}
</style></head><body>
<form method="post" action="${action}">
  <label for="title">Title</label><input id="title" name="title" value="Bike for sale">
  <label for="body">Post</label><textarea id="body" name="body" rows="6"></textarea>
  <button type="submit" id="publish">Publish</button>
</form>
<script type="module">
  import { attach } from '/widget.js';
  window.widget = attach(document.getElementById('body'), { endpoint: '${endpoint}', debounceMs: ${debounceMs}, fields: { title: document.getElementById('title') } });
  window.widgetReady = true;
</script></body></html>`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pii-widget-'));
  await build({ entryPoints: { widget: 'src/widget/widget.ts' }, bundle: true, format: 'esm', minify: true, target: 'es2020', outdir: dir, logLevel: 'warning' });
  copyFileSync('src/widget/widget.css', join(dir, 'widget.css'));
  store = await createStore({ url: 'sqlite::memory:', secret: SECRET });

  const app = express();
  app.use((req, _res, next) => { (req as Request & { user?: { id: string } }).user = { id: 'author-1' }; next(); });
  app.get('/', (req, res) => { res.type('html').send(page(Number(req.query.debounce ?? 150), req.query.slow ? '/slow-check' : req.query.truncated ? '/truncating-check' : '/preflight/check', req.query.narrow ? 'textarea { height: 90px; }' : '', req.query.inline ? '/posts-inline' : '/posts')); });
  app.get('/widget.js', (_req, res) => { res.type('text/javascript').sendFile(join(dir, 'widget.js')); });
  app.get('/widget.css', (_req, res) => { res.type('text/css').sendFile(join(dir, 'widget.css')); });
  const live = checkRoute({ rateLimit: false });
  app.post('/preflight/check', (req, res, next) => {
    checks.count++;
    live(req, res, next);
  });
  // A scanner that says it stopped at its findings cap (as createScanner's maxFindings does).
  const real = createScanner();
  const truncating = { options: real.options, scan: real.scan, scanFields: (f: Record<string, string | null | undefined>, o?: { format?: 'plain' }) => ({ ...real.scanFields(f, o), truncated: true }) };
  app.post('/truncating-check', checkRoute({ rateLimit: false, scanner: truncating }));
  // A draft containing "slowly" is answered late, so that a newer draft can overtake it.
  app.post('/slow-check', express.json(), (req, res, next) => {
    checks.count++;
    res.on('close', () => { if (!res.writableFinished) checks.aborted++; });
    const text = String((req.body as { fields?: { body?: string } }).fields?.body ?? '');
    if (!text.includes('slowly')) { live(req, res, next); return; }
    setTimeout(() => { checks.slowAnswered++; live(req, res, next); }, 500);
  });
  app.post('/posts', express.urlencoded({ extended: false }), preflight({ store, secret: SECRET, logger: { warn: () => undefined, error: () => undefined } }), (req, res) => {
    published.push({ ...(req.body as Record<string, unknown>), preflight: req.preflight });
    res.redirect(303, `/posts/${published.length}`);
  });
  // A host route that answers the post with a page (200) instead of a redirect.
  app.post('/posts-inline', express.urlencoded({ extended: false }), preflight({ store, secret: SECRET, logger: { warn: () => undefined, error: () => undefined } }), (req, res) => {
    published.push({ ...(req.body as Record<string, unknown>), preflight: req.preflight });
    res.type('html').send('<!doctype html><title>Thanks</title><h1 id="done">Published inline</h1>');
  });
  app.get('/posts/:id', (req, res) => { res.type('html').send(`<!doctype html><title>Post</title><h1 id="done">Published post ${Number(req.params.id)}</h1>`); });
  server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(query = ''): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 800, height: 900 } });
  await p.goto(`${base}/${query}`);
  await p.waitForFunction(() => (window as unknown as { widgetReady?: boolean }).widgetReady === true);
  return p;
}

/**
 * Clicks the centre of the first and of the last highlighted character and reads where the
 * textarea put its caret: an independent check that the highlight sits over those characters.
 */
async function caretsUnderHighlight(p: Page): Promise<{ first: number; last: number; start: number; end: number }> {
  const rects = await p.evaluate(() => {
    const mark = document.querySelector('.pii-pf-mark');
    const node = mark?.firstChild;
    if (!node || !node.textContent) throw new Error('no highlight');
    const r = document.createRange();
    const at = (i: number) => { r.setStart(node, i); r.setEnd(node, i + 1); const b = r.getBoundingClientRect(); return { x: b.left + b.width / 2, y: b.top + b.height / 2 }; };
    return { first: at(0), last: at(node.textContent.length - 1) };
  });
  const ta = p.locator('#body');
  await p.mouse.click(rects.first.x, rects.first.y);
  const first = await ta.evaluate((el: HTMLTextAreaElement) => el.selectionStart);
  await p.mouse.click(rects.last.x, rects.last.y);
  const last = await ta.evaluate((el: HTMLTextAreaElement) => el.selectionStart);
  const value = await ta.inputValue();
  const start = value.indexOf(VALUE);
  return { first, last, start, end: start + VALUE.length };
}

test('typing a post with a phone number highlights exactly its characters and announces it', async () => {
  const p = await open();
  await p.locator('#body').click();
  await p.keyboard.type(POST, { delay: 2 });
  await p.waitForSelector('.pii-pf-mark');
  expect(await p.locator('.pii-pf-mark').count()).toBe(1);
  expect(await p.locator('.pii-pf-mark').textContent()).toBe(VALUE);
  const c = await caretsUnderHighlight(p);
  expect([c.start, c.start + 1]).toContain(c.first);
  expect([c.end - 1, c.end]).toContain(c.last);

  const status = p.locator('[role=status][aria-live=polite]');
  await expect(status.textContent()).resolves.toContain('This looks like a phone number.');
  expect(await status.textContent()).toContain(MASKED);
  expect(await status.textContent()).not.toContain(VALUE);
  expect(await p.locator('.pii-pf-msg').textContent()).toBe('This looks like a phone number. Anyone who reads the post can see it.');
  expect(await p.locator('.pii-pf-value').textContent()).toBe(MASKED);
  await p.close();
});

test('when the server stopped at its findings cap, a visible line says only the first ones are shown', async () => {
  const p = await open('?truncated=1');
  await p.locator('#body').click();
  await p.keyboard.type(POST, { delay: 2 });
  await p.waitForSelector('.pii-pf-more:not([hidden])');
  expect(await p.locator('.pii-pf-more').textContent()).toBe('Only the first 1 findings are shown: the post holds more.');
  expect(await p.locator('.pii-pf-more').isVisible()).toBe(true);
  expect(await p.locator('[role=status]').textContent()).toContain('Only the first 1 findings are shown');
  // A normal answer hides it again.
  const q = await open();
  await q.locator('#body').click();
  await q.keyboard.type(POST, { delay: 2 });
  await q.waitForSelector('.pii-pf-mark');
  expect(await q.locator('.pii-pf-more').isVisible()).toBe(false);
  await p.close();
  await q.close();
});

test('the highlight follows scrolling, resizing and re-wrapping', async () => {
  const p = await open('?narrow=1');
  const filler = Array.from({ length: 14 }, (_, i) => `Line ${i + 1} of the story about the bike and the long ride home.`).join('\n');
  await p.locator('#body').fill(`${filler}\n${POST}\nThe end.`);
  await p.evaluate(() => (window as unknown as { widget: { check(): Promise<unknown> } }).widget.check());
  await p.waitForSelector('.pii-pf-mark');
  // Scroll the textarea so the line with the value is in view.
  await p.locator('#body').evaluate((el: HTMLTextAreaElement) => { el.scrollTop = el.scrollHeight; el.dispatchEvent(new Event('scroll')); });
  let c = await caretsUnderHighlight(p);
  expect([c.start, c.start + 1]).toContain(c.first);
  expect([c.end - 1, c.end]).toContain(c.last);
  const inside = await p.evaluate(() => {
    const m = document.querySelector('.pii-pf-mark')!.getBoundingClientRect();
    const t = document.querySelector('#body')!.getBoundingClientRect();
    return m.top >= t.top && m.bottom <= t.bottom;
  });
  expect(inside).toBe(true);

  // Narrower: the text wraps differently; the ResizeObserver re-lays the mirror out.
  await p.locator('#body').evaluate((el: HTMLTextAreaElement) => { el.style.width = '330px'; });
  await p.waitForFunction(() => {
    const b = document.querySelector('.pii-pf-backdrop') as HTMLElement;
    return b.style.width === '330px';
  });
  await p.locator('#body').evaluate((el: HTMLTextAreaElement) => { el.scrollTop = el.scrollHeight; el.dispatchEvent(new Event('scroll')); });
  c = await caretsUnderHighlight(p);
  expect([c.start, c.start + 1]).toContain(c.first);
  expect([c.end - 1, c.end]).toContain(c.last);
  await p.close();
});

test('"mask it" from the keyboard replaces the value, keeps the rest and the caret', async () => {
  const p = await open();
  await p.locator('#body').fill(POST);
  await p.evaluate(() => (window as unknown as { widget: { check(): Promise<unknown> } }).widget.check());
  await p.waitForSelector('.pii-pf-mark');
  // Caret at the very end, then Tab to the "Mask it" button and press Enter.
  await p.locator('#body').evaluate((el: HTMLTextAreaElement) => { el.focus(); el.setSelectionRange(el.value.length, el.value.length); });
  await p.keyboard.press('Tab');
  expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('Show');
  await p.keyboard.press('Tab');
  // The button's name is its visible text (no label-content mismatch); the masked value describes which one.
  expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBeNull();
  expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('Mask it');
  expect(await p.evaluate(() => document.getElementById(document.activeElement?.getAttribute('aria-describedby') ?? '')?.textContent)).toBe(MASKED);
  await p.keyboard.press('Enter');
  const value = await p.locator('#body').inputValue();
  expect(value).toBe(POST.replace(VALUE, MASKED));
  const caret = await p.locator('#body').evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd]);
  expect(caret).toEqual([value.length, value.length]);
  expect(await p.locator('.pii-pf-mark').count()).toBe(0);
  // The recheck finds nothing in the masked text and says so.
  await p.waitForFunction(() => document.querySelector('[role=status]')?.textContent === 'No personal information found.');
  expect(await p.locator('.pii-pf-panel').isHidden()).toBe(true);
  await p.close();
});

test('submit with a finding → 422 → acknowledgement step → resubmit with the token → published and logged', async () => {
  const before = published.length;
  const p = await open();
  await p.locator('#body').fill(POST);
  await p.evaluate(() => (window as unknown as { widget: { check(): Promise<unknown> } }).widget.check());
  await p.waitForSelector('.pii-pf-mark');
  await p.click('#publish');
  await p.waitForSelector('.pii-pf-ack:not([hidden])');
  // Focus moves to the step's heading; the notice from the server is shown.
  expect(await p.evaluate(() => document.activeElement?.className)).toBe('pii-pf-title');
  expect(await p.locator('.pii-pf-notice').textContent()).toContain('This post will be public.');
  expect(published.length).toBe(before);

  // "Publish anyway" without the checkbox: an error, focus on the checkbox.
  await p.click('.pii-pf-primary');
  expect(await p.locator('.pii-pf-ack-error').textContent()).toBe('Please confirm that you understand.');
  expect(await p.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('checkbox');
  await p.keyboard.press('Space');
  await p.check('input[type=radio][value=not_personal]');
  await Promise.all([p.waitForURL(/\/posts\/\d+$/), p.click('.pii-pf-primary')]);
  expect(await p.locator('#done').textContent()).toMatch(/^Published post \d+$/);

  expect(published.length).toBe(before + 1);
  const last = published[published.length - 1] as Record<string, unknown>;
  expect(last.body).toBe(POST);
  expect(last.title).toBe('Bike for sale');
  expect((last.preflight as { action: string }).action).toBe('acknowledged');
  const log = await store.acknowledgements.list({ userId: 'author-1' });
  const rec = log.items[log.items.length - 1] as unknown as Record<string, unknown>;
  expect(rec.method).toBe('widget');
  expect(rec.reason).toBe('not_personal');
  await p.close();
});

test('when the live check never ran, the server 422 opens the same step with its findings', async () => {
  const countBefore = checks.count;
  const p = await open('?debounce=600000');
  await p.locator('#body').click();
  await p.keyboard.type(POST);
  await p.click('#publish');
  await p.waitForSelector('.pii-pf-ack:not([hidden])');
  expect(checks.count).toBe(countBefore);
  expect(await p.locator('.pii-pf-mark').textContent()).toBe(VALUE);
  expect(await p.locator('.pii-pf-value').textContent()).toBe(MASKED);
  // Escape closes the step and puts the caret on the finding.
  await p.keyboard.press('Escape');
  expect(await p.locator('.pii-pf-ack').isHidden()).toBe(true);
  const sel = await p.locator('#body').evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd, document.activeElement === el]);
  expect(sel).toEqual([POST.indexOf(VALUE), POST.indexOf(VALUE) + VALUE.length, true]);
  await p.close();
});

test('a clean post is published straight away', async () => {
  const before = published.length;
  const p = await open();
  await p.locator('#body').fill('Just a note: the meetup starts at seven.');
  await Promise.all([p.waitForURL(/\/posts\/\d+$/), p.click('#publish')]);
  expect(published.length).toBe(before + 1);
  await p.close();
});

test('unchanged text is not re-sent; a stale request is cancelled and its answer ignored', async () => {
  const p = await open('?debounce=600000&slow=1');
  const start = checks.count;
  await p.locator('#body').fill(POST);
  await p.evaluate(() => (window as unknown as { widget: { check(): Promise<unknown> } }).widget.check());
  await p.evaluate(() => (window as unknown as { widget: { check(): Promise<unknown> } }).widget.check());
  expect(checks.count).toBe(start + 1);
  expect(await p.locator('.pii-pf-mark').count()).toBe(1);

  // A slow check of a draft with the value, overtaken by a check of a clean draft.
  const abortedBefore = checks.aborted;
  const slowBefore = checks.slowAnswered;
  await p.locator('#body').fill(`I will reply slowly: ${VALUE}`);
  await p.evaluate(() => { void (window as unknown as { widget: { check(): Promise<unknown> } }).widget.check(); });
  await until(() => checks.count === start + 2);
  await p.locator('#body').fill('Nothing personal here.');
  await p.evaluate(() => (window as unknown as { widget: { check(): Promise<unknown> } }).widget.check());
  await until(() => checks.aborted === abortedBefore + 1 && checks.slowAnswered === slowBefore + 1);
  // Give the page a moment in which a (wrongly) delivered stale answer would have rendered.
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  expect(await p.locator('.pii-pf-mark').count()).toBe(0);
  expect(await p.locator('.pii-pf-item').count()).toBe(0);
  await p.close();
});

test('user text is never parsed as HTML', async () => {
  const p = await open();
  const hostile = `<img src=x onerror="window.pwned=1"> <b>bold</b> ${VALUE}`;
  await p.locator('#body').fill(hostile);
  await p.evaluate(() => (window as unknown as { widget: { check(): Promise<unknown> } }).widget.check());
  await p.waitForSelector('.pii-pf-mark');
  expect(await p.evaluate(() => document.querySelectorAll('.pii-pf-wrap img, .pii-pf-wrap b, .pii-pf-panel img').length)).toBe(0);
  expect(await p.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  expect(await p.locator('.pii-pf-mirror').textContent()).toBe(hostile);
  await p.close();
});

test('a finding in another field (the title) is listed with its field and can be masked there', async () => {
  const p = await open();
  await p.locator('#title').fill(`Bike for sale, call ${VALUE}`);
  await p.locator('#body').fill('Details below.');
  await p.evaluate(() => (window as unknown as { widget: { check(): Promise<unknown> } }).widget.check());
  await p.waitForSelector('.pii-pf-item');
  // The field is named by its label, and the title box itself is marked while it holds a finding.
  expect(await p.locator('.pii-pf-field').textContent()).toBe(' (Title)');
  expect(await p.locator('#title.pii-pf-flagged').count()).toBe(1);
  expect(await p.locator('.pii-pf-mark').count()).toBe(0);
  await p.click('.pii-pf-mask');
  expect(await p.locator('#title').inputValue()).toBe(`Bike for sale, call ${MASKED}`);
  expect(await p.locator('#title.pii-pf-flagged').count()).toBe(0);
  expect(await p.locator('#body').inputValue()).toBe('Details below.');
  await p.close();
});

test('a 200 page from the host route replaces the document, as the form would', async () => {
  const before = published.length;
  const p = await open('?inline=1');
  await p.locator('#body').fill('Just a note: the meetup starts at seven.');
  await p.click('#publish');
  await p.waitForSelector('#done');
  expect(await p.locator('#done').textContent()).toBe('Published inline');
  expect(published.length).toBe(before + 1);
  await p.close();
});

test('detach() restores the page; locale "de" gives German texts from the widget and the server', async () => {
  const p = await open();
  await p.addScriptTag({ type: 'module', content: `
    import { attach } from '/widget.js';
    window.widget.detach();
    window.detachedClean = document.querySelectorAll('.pii-pf-wrap, .pii-pf-panel, .pii-pf-status').length === 0
      && document.getElementById('body').parentElement.tagName === 'FORM' && !document.getElementById('body').hasAttribute('aria-describedby');
    window.widget = attach(document.getElementById('body'), { endpoint: '/preflight/check', locale: 'de-AT', debounceMs: 50 });
    window.german = true;` });
  await p.waitForFunction(() => (window as unknown as { german?: boolean }).german === true);
  expect(await p.evaluate(() => (window as unknown as { detachedClean?: boolean }).detachedClean)).toBe(true);
  await p.locator('#body').fill(`Ruf mich an: ${VALUE}`);
  await p.evaluate(() => (window as unknown as { widget: { check(): Promise<unknown> } }).widget.check());
  await p.waitForSelector('.pii-pf-item');
  expect(await p.locator('.pii-pf-msg').textContent()).toBe('Das sieht nach einer Telefonnummer aus. Alle, die den Beitrag lesen, können diese Angabe sehen.');
  expect(await p.locator('.pii-pf-mask').textContent()).toBe('Schwärzen');
  expect(await p.locator('.pii-pf-notice').textContent()).toMatch(/^Dieser Beitrag wird öffentlich sichtbar\./);
  await p.close();
});

test('a post the policy blocks shows the blocked message and no acknowledgement step', async () => {
  const before = published.length;
  const p = await open('?debounce=600000');
  // The standard Visa test number: the default policy blocks payment cards.
  await p.locator('#body').fill('Charge my card 4111 1111 1111 1111 for the tickets.');
  await p.click('#publish');
  await p.waitForSelector('.pii-pf-error:not([hidden])');
  expect(await p.locator('.pii-pf-error').textContent()).toBe('This post contains information that this forum does not allow. Please remove it and try again.');
  expect(await p.locator('.pii-pf-ack').isHidden()).toBe(true);
  expect(await p.locator('.pii-pf-mark').textContent()).toBe('4111 1111 1111 1111');
  expect(published.length).toBe(before);
  expect(await p.locator('#publish').isEnabled()).toBe(true);
  await p.close();
});
