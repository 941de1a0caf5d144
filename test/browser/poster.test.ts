/**
 * What posters see (issue 16, points 1–6 and the poster pages of point 10), in real headless
 * Chromium with axe-core run inside the page: the composer widget (desktop 1280×800 and phone
 * 390×844), the no-JavaScript warning page and the demo forum's "My acknowledgements".
 */
import { mkdtempSync, copyFileSync, readFileSync, rmSync } from 'fs';
import { randomBytes } from 'crypto';
import { gzipSync } from 'zlib';
import { tmpdir } from 'os';
import { join } from 'path';
import type { AddressInfo } from 'net';
import type { Server } from 'http';
import { build } from 'esbuild';
import express, { type Request } from 'express';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { checkRoute } from '../../src/express/check';
import { preflight } from '../../src/express/preflight';
import { escapeHtml } from '../../src/express/html';
import { defaultPolicy } from '../../src/policy';
import { createStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { startDemo, type DemoForum } from '../../src/demo/forum';

jest.setTimeout(90_000);

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SECRET = randomBytes(32).toString('base64url');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// Fictional numbers (NANP 555-01xx) and a test card number (Visa test range).
const OWN = 'Selling my bike. Call me on (202) 555-0134 or text (202) 555-0188 after six.';
const THEIRS = 'My neighbour is never home, his number is (202) 555-0147, call him and tell him to move his car.';
const CARD = 'My card is 4111 1111 1111 1111, pay me back.';

let dir: string;
let server: Server;
let base: string;
let browser: Browser;
let store: Store;
let forum: DemoForum;
const published: Array<Record<string, unknown>> = [];
const contexts: BrowserContext[] = [];

function composer(q: URLSearchParams, draft: { title?: string; body?: string } = {}): string {
  const locale = q.get('locale');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Composer</title>
<link rel="stylesheet" href="/widget.css">
<style>
  body { font-family: system-ui, sans-serif; margin: 0 auto; padding: 16px; max-width: 720px; }
  label { display: block; margin: 12px 0 4px; font-weight: 600; }
  input, textarea { width: 100%; box-sizing: border-box; font: 16px/1.5 Georgia, serif; padding: 10px 12px; border: 1px solid #767676; border-radius: 6px; }
  #publish { margin-top: 8px; font-size: 16px; padding: 10px 18px; min-height: 44px; }
</style></head><body><main>
<h1>New post</h1>
<form method="post" action="/posts">
  <label for="title">Title</label><input id="title" name="title" value="${escapeHtml(draft.title ?? 'Bike for sale')}">
  <label for="body">Post</label><textarea id="body" name="body" rows="${q.get('rows') ?? '6'}">${escapeHtml(draft.body ?? '')}</textarea>
  <button type="submit" id="publish">Publish</button>
</form></main>
<script type="module">
  import { attach } from '/widget.js';
  window.widget = attach(document.getElementById('body'), { endpoint: '/check', debounceMs: 100, fields: { title: document.getElementById('title') }${locale ? `, locale: ${JSON.stringify(locale)}` : ''} });
  window.widgetReady = true;
</script></body></html>`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pii-poster-'));
  await build({ entryPoints: { widget: 'src/widget/widget.ts' }, bundle: true, format: 'esm', minify: true, target: 'es2020', outdir: dir, logLevel: 'warning' });
  copyFileSync('src/widget/widget.css', join(dir, 'widget.css'));
  store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
  const app = express();
  app.use((req, _res, next) => { (req as Request & { user?: { id: string } }).user = { id: String(req.get('x-user') ?? 'poster-1') }; next(); });
  app.get('/', (req, res) => { res.type('html').send(composer(new URLSearchParams(req.url.split('?')[1] ?? ''))); });
  app.get('/widget.js', (_req, res) => { res.type('text/javascript').sendFile(join(dir, 'widget.js')); });
  app.get('/widget.css', (_req, res) => { res.type('text/css').sendFile(join(dir, 'widget.css')); });
  app.post('/check', checkRoute({ rateLimit: false, policy: defaultPolicy }));
  const quiet = { warn: () => undefined, error: () => undefined };
  app.post('/compose', express.urlencoded({ extended: false }), (req, res) => {
    const b = req.body as Record<string, string>;
    res.type('html').send(composer(new URLSearchParams(), { title: b.title ?? '', body: b.body ?? '' }));
  });
  app.post('/posts', express.urlencoded({ extended: false }), preflight({ store, secret: SECRET, logger: quiet, warningPage: { editAction: '/compose' } }), (req, res) => {
    published.push({ ...(req.body as Record<string, unknown>), preflight: req.preflight });
    res.redirect(303, `/posts/${published.length}`);
  });
  app.get('/posts/:id', (req, res) => { res.type('html').send(`<!doctype html><html lang="en"><title>Post</title><h1 id="done">Published post ${Number(req.params.id)}</h1></html>`); });
  server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  forum = await startDemo({ port: 0, dataDir: join(dir, 'demo'), log: () => undefined, widgetDir: await demoWidget(), secret: randomBytes(32).toString('base64url') });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

/** The demo serves widget.mjs: the same build under that name. */
async function demoWidget(): Promise<string> {
  const out = join(dir, 'demo-widget');
  await build({ entryPoints: ['src/widget/widget.ts'], bundle: true, format: 'esm', minify: true, target: 'es2020', outfile: join(out, 'widget.mjs'), logLevel: 'warning' });
  copyFileSync('src/widget/widget.css', join(out, 'widget.css'));
  return out;
}

afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
  await forum?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function tab(options: { viewport?: { width: number; height: number }; locale?: string; javaScriptEnabled?: boolean; user?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? DESKTOP, locale: options.locale ?? 'en-US', javaScriptEnabled: options.javaScriptEnabled ?? true,
    // axe is injected into pages whose CSP allows no script (the warning page).
    bypassCSP: true,
    ...(options.user ? { extraHTTPHeaders: { 'x-user': options.user } } : {}),
  });
  contexts.push(context);
  return context.newPage();
}

async function open(p: Page, query = ''): Promise<void> {
  await p.goto(`${base}/${query}`);
  await p.waitForFunction(() => (window as unknown as { widgetReady?: boolean }).widgetReady === true);
}

/** axe-core inside the page: every violation, with its nodes, so a failure says what and where. */
async function axe(p: Page): Promise<string[]> {
  // With JavaScript off in the context, axe cannot run: callers use JS-enabled tabs for the check.
  await p.evaluate(AXE);
  const result = await p.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } })
      .axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return result;
}

async function typeAndWait(p: Page, text: string, items: number): Promise<void> {
  await p.locator('#body').fill(text);
  await p.waitForFunction((n) => document.querySelectorAll('.pii-pf-item').length === n, items);
}

test('the widget stays under 12 KB gzip', () => {
  const size = gzipSync(readFileSync(join(dir, 'widget.js')), { level: 9 }).length;
  expect(size).toBeLessThan(12 * 1024);
});

test('language: the browser\'s languages come before <html lang>; the host\'s locale before both', async () => {
  const de = await tab({ locale: 'de-DE' });
  await open(de);
  await typeAndWait(de, OWN, 2);
  expect(await de.locator('.pii-pf-title').textContent()).toBe('Prüfe deinen Beitrag vor dem Veröffentlichen');
  expect(await de.locator('.pii-pf-show').first().textContent()).toBe('Im Text zeigen');
  const fr = await tab({ locale: 'de-DE' });
  await open(fr, '?locale=fr');
  await typeAndWait(fr, OWN, 2);
  // Not a show/hide pair: "see it in the text" and "anonymise".
  expect(await fr.locator('.pii-pf-show').first().textContent()).toBe('Voir dans le texte');
  expect(await fr.locator('.pii-pf-mask').first().textContent()).toBe('Anonymiser');
  // Spanish in one register (tú, as Spanish-language forums write), as the notice.
  const es = await tab({ locale: 'es-ES' });
  await open(es);
  await typeAndWait(es, OWN, 2);
  expect(await es.locator('.pii-pf-status').textContent()).toContain('Tu mensaje puede contener');
  expect(await es.locator('.pii-pf-status').textContent()).not.toMatch(/\busted\b|\bsu mensaje\b|\bsu publicación\b/i);
});

test('someone else\'s number: told beforehand that a moderator checks it and why, reasons that fit, the original Publish out of the way', async () => {
  const p = await tab();
  await open(p);
  await typeAndWait(p, THEIRS, 1);
  await p.click('#publish');
  await p.waitForSelector('.pii-pf-ack:not([hidden])');
  expect(await p.locator('.pii-pf-held').textContent()).toBe("A moderator will check this post before it appears. It seems to contain someone else's details.");
  expect(await p.locator('.pii-pf-third').isVisible()).toBe(true);
  const choices = (await p.locator('.pii-pf-reasons label').allTextContents()).map((t) => t.trim());
  expect(choices[0]).toBe('This is not personal information (business or fictional details).');
  expect(choices[1]).toBe('The person concerned agreed to have these details published.');
  expect(choices.join(' ')).not.toContain('my own details');
  // The host's Publish is disabled and hidden while "Publish anyway" is open.
  expect(await p.locator('#publish').isDisabled()).toBe(true);
  expect(await p.locator('#publish').isVisible()).toBe(false);
  expect(await axe(p)).toEqual([]);
  await p.click('.pii-pf-ack-actions .pii-pf-btn:not(.pii-pf-primary)');
  expect(await p.locator('#publish').isVisible()).toBe(true);
  expect(await p.locator('#publish').isDisabled()).toBe(false);
});

test('masking a value inside the acknowledgement step, then "Publish anyway": a fresh token is fetched quietly', async () => {
  const p = await tab({ user: 'masker' });
  await open(p);
  await typeAndWait(p, OWN, 2);
  await p.click('#publish');
  await p.waitForSelector('.pii-pf-ack:not([hidden])');
  expect(await p.locator('.pii-pf-held').isHidden()).toBe(true);
  await p.locator('.pii-pf-mask').first().click();
  await p.check('.pii-pf-understand input');
  const before = published.length;
  await Promise.all([p.waitForSelector('#done'), p.click('.pii-pf-primary')]);
  expect(published.length).toBe(before + 1);
  const post = published[published.length - 1]!;
  expect(String(post.body)).not.toContain('555-0134');
  expect(String(post.body)).toContain('555-0188');
  expect(post.preflight).toMatchObject({ action: 'acknowledged', policyAction: 'warn' });
});

test('"Show" scrolls a finding out of view into the textarea; the panel does not push Publish far down', async () => {
  const p = await tab();
  await open(p);
  const y0 = (await p.locator('#publish').boundingBox())!.y;
  const filler = Array.from({ length: 40 }, (_, i) => `Line ${i + 1} of the story about the bike.`).join('\n');
  await typeAndWait(p, `${filler}\nCall me on (202) 555-0134 tonight.`, 1);
  const y1 = (await p.locator('#publish').boundingBox())!.y;
  // One finding: the compact live panel (the notice waits for the acknowledgement step). The
  // panel with the notice moved Publish down by about 200 px here (bench/widget-typing.mjs).
  expect(y1 - y0).toBeLessThan(150);
  await p.evaluate(() => { (document.getElementById('body') as HTMLTextAreaElement).scrollTop = 0; });
  await p.click('.pii-pf-show');
  const seen = await p.evaluate(() => {
    const ta = document.getElementById('body')!.getBoundingClientRect();
    const m = document.querySelector('.pii-pf-mark')!.getBoundingClientRect();
    return { scrolled: document.getElementById('body')!.scrollTop, inside: m.top >= ta.top && m.bottom <= ta.bottom };
  });
  expect(seen.scrolled).toBeGreaterThan(0);
  expect(seen.inside).toBe(true);
});

test('a payment card is marked as not publishable in the live panel, with which finding', async () => {
  const p = await tab();
  await open(p);
  await typeAndWait(p, `${CARD} Or call (202) 555-0134.`, 2);
  const blocked = p.locator('.pii-pf-item.pii-pf-blocked');
  expect(await blocked.count()).toBe(1);
  expect(await blocked.locator('.pii-pf-msg').textContent()).toContain('Not allowed on this forum');
  expect(await blocked.locator('.pii-pf-value').textContent()).toBe('•••• •••• •••• 1111');
  expect(await p.locator('.pii-pf-item:not(.pii-pf-blocked) .pii-pf-msg').textContent()).not.toContain('Not allowed');
});

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
  test(`axe: zero violations on the composer (${name}): empty, with findings, in the acknowledgement step`, async () => {
    const p = await tab({ viewport });
    await open(p);
    expect(await axe(p)).toEqual([]);
    // Before anything is typed, the textarea is not described by the (hidden) panel.
    expect(await p.locator('#body').getAttribute('aria-describedby')).toBeNull();
    await typeAndWait(p, OWN, 2);
    expect(await axe(p)).toEqual([]);
    await p.click('#publish');
    await p.waitForSelector('.pii-pf-ack:not([hidden])');
    expect(await axe(p)).toEqual([]);
    await p.screenshot({ path: join(tmpdir(), `pii-poster-composer-${name}.png`), fullPage: true });
  });
}

test('no-JS warning page: readable labels, the same choices as the widget, edit and mask-and-edit back to the composer; zero axe violations', async () => {
  const p = await tab({ javaScriptEnabled: false, locale: 'fr-FR', user: 'nojs' });
  await p.goto(`${base}/`);
  await p.fill('#body', OWN);
  const [res] = await Promise.all([p.waitForResponse((r) => r.url() === `${base}/posts`), p.click('#publish')]);
  expect(res.status()).toBe(422);
  expect(await p.locator('section.field h2').allTextContents()).toEqual(['Titre', 'Message']);
  // The reason is optional (as in the widget); "don't warn me again" is offered (as in the widget).
  expect(await p.locator('input[name=piiAcknowledgementReason][required]').count()).toBe(0);
  expect(await p.locator('input[name=piiRememberValues]').count()).toBe(1);
  expect(await p.locator('textarea[name=piiAcknowledgementNote]').getAttribute('id')).toBe('pii-note');
  expect(await p.locator('label[for=pii-note]').count()).toBe(1);
  const html = await p.content();
  await p.screenshot({ path: join(tmpdir(), 'pii-poster-warning-fr.png'), fullPage: true });
  // Mask and edit: back in the composer with the values masked.
  await Promise.all([p.waitForURL(`${base}/compose`), p.click('.edit form:nth-of-type(2) button')]);
  const masked = await p.inputValue('#body');
  expect(masked).not.toContain('555-0134');
  expect(masked).toContain('Selling my bike.');

  // axe needs script: the same page in a JS-enabled tab (the page itself runs none).
  for (const viewport of [DESKTOP, PHONE]) {
    const a = await tab({ viewport });
    await a.setContent(html);
    expect(await axe(a)).toEqual([]);
  }
});

test('the demo: warning page in the forum layout and "My acknowledgements" newest first, paged, in words, linked, with the decision; zero axe violations', async () => {
  const context = await browser.newContext({ viewport: DESKTOP, bypassCSP: true });
  contexts.push(context);
  const p = await context.newPage();
  await p.goto(`${forum.url}/signin`);
  await Promise.all([p.waitForURL(`${forum.url}/`), p.click('button[value=alice]')]);
  // 23 acknowledgements through the HTTP surface (JSON, as the widget posts), then one held post.
  const postJson = async (body: string, extra: Record<string, string> = {}) => p.evaluate(async ([b, x]) => {
    const r = await fetch('/topics', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ title: 'Numbers', body: b, ...x }) });
    return { status: r.status, json: await r.json() as Record<string, unknown> };
  }, [body, extra] as const);
  for (let i = 0; i < 21; i++) {
    const text = `Post ${i}: call me on (202) 555-01${String(10 + i)}.`;
    const first = await postJson(text);
    expect(first.status).toBe(422);
    // The 21st in a day is held (repeatBypass, 20 a day), and the warning says so and why.
    expect(first.json).toMatchObject(i === 20 ? { action: 'review', held: { because: 'repeat' } } : { action: 'warn' });
    const token = (first.json.acknowledgement as { token: string }).token;
    expect((await postJson(text, { piiAcknowledgement: token, piiAcknowledgementReason: i === 0 ? 'intended' : 'not_personal' })).status).toBe(201);
  }
  const newest = 'Post 20';
  await p.goto(`${forum.url}/me/acknowledgements`);
  const rows = p.locator('table.log tbody tr');
  expect(await rows.count()).toBe(20);
  expect(await rows.first().locator('td').nth(3).textContent()).toBe('Not personal information (business or fictional details)');
  expect(await rows.first().locator('td').nth(2).textContent()).toBe('Waiting for a moderator');
  expect(await rows.nth(1).locator('td').nth(2).textContent()).toBe('Published');
  expect(await p.locator('table.log').textContent()).not.toContain('unspecified');
  expect(await axe(p)).toEqual([]);
  // The link opens the post.
  const href = await rows.first().locator('a').getAttribute('href');
  await p.goto(`${forum.url}${href}`);
  expect(await p.locator(`article.post${href!.slice(href!.indexOf('#'))} .body`).textContent()).toContain(newest);
  // Page 2 holds the oldest, with a way back.
  await p.goto(`${forum.url}/me/acknowledgements`);
  await p.click('a[rel=next]');
  expect(await p.locator('table.log tbody tr').count()).toBe(1);
  expect(await p.locator('table.log tbody tr td').nth(3).textContent()).toBe('My own details, public on purpose');
  expect(await p.locator('.pager a[href="/me/acknowledgements"]').count()).toBe(1);
  await p.setViewportSize(PHONE);
  expect(await axe(p)).toEqual([]);
  await p.setViewportSize(DESKTOP);
});
