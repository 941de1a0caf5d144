/**
 * Every language in real headless Chromium (issue 16, point 2): a browser set to Italian, Dutch or
 * Portuguese gets the composer widget, its acknowledgement step and the no-JavaScript warning
 * page in its language — on a host page that says `<html lang="en">` and passes no locale — with
 * axe-core finding nothing; the widget bundle stays English-only and under 12 KB gzip; a moderator
 * whose browser asks for German gets the dashboard (and its script's words) in German.
 */
import { mkdtempSync, copyFileSync, readFileSync, rmSync } from 'fs';
import { once } from 'events';
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
import { defaultPolicy } from '../../src/policy';
import { createStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { dashboardStrings } from '../../src/core/review-i18n';
import { makeHarness, type Harness } from '../express/review-helpers';

jest.setTimeout(90_000);

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SECRET = randomBytes(32).toString('base64url');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
// Fictional numbers (NANP 555-01xx): the author's own, and someone else's.
const OWN = 'Selling my bike. Call me on (202) 555-0134 or text (202) 555-0188 after six.';
const THEIRS = 'My neighbour is never home, his number is (202) 555-0147, call him and tell him to move his car.';

interface Pack {
  notice: string;
  ui: Record<string, string>;
  page: Record<string, string>;
  widget: Record<string, string>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pack = (lang: string): Pack => require(`../../rules/notices/${lang}.json`) as Pack;

let dir: string;
let server: Server;
let base: string;
let browser: Browser;
let store: Store;
const contexts: BrowserContext[] = [];

/** The host's composer: English page, no locale passed to the widget (`?nojs` leaves the widget out). */
function composer(withWidget: boolean): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Composer</title>
<link rel="stylesheet" href="/widget.css">
<style>body { font-family: system-ui, sans-serif; margin: 0 auto; padding: 16px; max-width: 720px; } textarea, input { width: 100%; box-sizing: border-box; font: 16px/1.5 Georgia, serif; }</style>
</head><body><main><h1>New post</h1>
<form method="post" action="/posts">
  <label for="title">Title</label><input id="title" name="title" value="Bike">
  <label for="body">Post</label><textarea id="body" name="body" rows="6"></textarea>
  <button type="submit" id="publish">Publish</button>
</form></main>
${withWidget ? `<script type="module">
  import { attach } from '/widget.js';
  window.widget = attach(document.getElementById('body'), { endpoint: '/check', debounceMs: 100, fields: { title: document.getElementById('title') } });
  window.widgetReady = true;
</script>` : ''}</body></html>`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pii-i18n-'));
  await build({ entryPoints: { widget: 'src/widget/widget.ts' }, bundle: true, format: 'esm', minify: true, target: 'es2020', outdir: dir, logLevel: 'warning' });
  copyFileSync('src/widget/widget.css', join(dir, 'widget.css'));
  store = await createStore({ url: 'sqlite::memory:', secret: SECRET });
  const app = express();
  app.use((req, _res, next) => { (req as Request & { user?: { id: string } }).user = { id: String(req.get('x-user') ?? 'poster-1') }; next(); });
  app.get('/', (req, res) => { res.type('html').send(composer(!('nojs' in req.query))); });
  app.get('/widget.js', (_req, res) => { res.type('text/javascript').sendFile(join(dir, 'widget.js')); });
  app.get('/widget.css', (_req, res) => { res.type('text/css').sendFile(join(dir, 'widget.css')); });
  app.post('/check', checkRoute({ rateLimit: false, policy: defaultPolicy }));
  const quiet = { warn: () => undefined, error: () => undefined };
  app.post('/compose', express.urlencoded({ extended: false }), (_req, res) => { res.type('html').send(composer(false)); });
  app.post('/posts', express.urlencoded({ extended: false }), preflight({ store, secret: SECRET, logger: quiet, warningPage: { editAction: '/compose' } }), (_req, res) => {
    res.type('html').send('<!doctype html><html lang="en"><title>Post</title><h1 id="done">Published</h1></html>');
  });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function tab(locale: string, extra: { user?: string; moderator?: string } = {}): Promise<Page> {
  const headers: Record<string, string> = {};
  if (extra.user) headers['x-user'] = extra.user;
  if (extra.moderator) headers['X-Moderator'] = extra.moderator;
  // bypassCSP: axe is injected into pages whose CSP allows no inline script (the warning page).
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale, bypassCSP: true, extraHTTPHeaders: headers });
  contexts.push(context);
  return context.newPage();
}

/** axe-core inside the page: every violation with its nodes. */
async function axe(p: Page): Promise<string[]> {
  await p.evaluate(AXE);
  return p.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } })
      .axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

test('the bundle is English only and small: every other language comes from the server', () => {
  const js = readFileSync(join(dir, 'widget.js'), 'utf8');
  const size = gzipSync(js, { level: 9 }).length + gzipSync(readFileSync(join(dir, 'widget.css')), { level: 9 }).length;
  expect(size).toBeLessThan(12 * 1024);
  for (const lang of ['de', 'fr', 'es', 'it', 'nl', 'pt']) expect(js).not.toContain(pack(lang).ui.publish);
});

describe.each([
  ['it-IT', 'it'],
  ['nl-NL', 'nl'],
  ['pt-BR', 'pt'],
])('a browser in %s', (browserLocale, lang) => {
  const p = pack(lang);

  test('the widget and its acknowledgement step speak the language, on an English host page with no locale option; axe finds nothing', async () => {
    const page = await tab(browserLocale, { user: `i18n-${lang}` });
    await page.goto(`${base}/`);
    await page.waitForFunction(() => (window as unknown as { widgetReady?: boolean }).widgetReady === true);
    await page.locator('#body').fill(OWN);
    await page.waitForFunction(() => document.querySelectorAll('.pii-pf-item').length === 2);
    expect(await page.locator('.pii-pf-title').textContent()).toBe(p.ui.title);
    expect(await page.getAttribute('.pii-pf-panel', 'lang')).toBe(lang);
    expect(await page.locator('.pii-pf-show').first().textContent()).toBe(p.widget.show);
    expect(await page.locator('.pii-pf-mask').first().textContent()).toBe(p.widget.maskIt);
    expect(await page.locator('.pii-pf-msg').first().textContent()).toContain(p.widget.hint);
    expect(await page.locator('.pii-pf-summary').textContent()).toBe((p.widget.found ?? '').replace('{n}', '2'));
    expect(await axe(page)).toEqual([]);
    await page.click('#publish');
    await page.waitForSelector('.pii-pf-ack:not([hidden])');
    expect(await page.locator('.pii-pf-ack .pii-pf-primary').textContent()).toBe(p.ui.publish);
    expect(await page.locator('.pii-pf-reasons legend').textContent()).toBe(p.ui.reasonLegend);
    expect(await page.locator('.pii-pf-notice').textContent()).toBe(p.notice);
    expect((await page.locator('.pii-pf-understand').textContent())?.trim()).toBe(p.ui.understand);
    // "Publish anyway" without ticking "I understand": told so in the language.
    await page.click('.pii-pf-ack .pii-pf-primary');
    expect(await page.locator('.pii-pf-ack-error').textContent()).toBe(p.widget.understandRequired);
    expect(await axe(page)).toEqual([]);
    // Confirm: published.
    await page.check('.pii-pf-understand input');
    await page.click('.pii-pf-ack .pii-pf-primary');
    await page.waitForSelector('#done');
  });

  test('someone else\'s number: the held line and the reasons that fit, in the language', async () => {
    const page = await tab(browserLocale, { user: `i18n-third-${lang}` });
    await page.goto(`${base}/`);
    await page.waitForFunction(() => (window as unknown as { widgetReady?: boolean }).widgetReady === true);
    await page.locator('#body').fill(THEIRS);
    await page.waitForFunction(() => document.querySelectorAll('.pii-pf-item').length === 1);
    await page.click('#publish');
    await page.waitForSelector('.pii-pf-ack:not([hidden])');
    expect(await page.locator('.pii-pf-held').textContent()).toBe(`${p.ui.review} ${p.ui.heldThirdParty}`);
    const choices = (await page.locator('.pii-pf-reasons label').allTextContents()).map((t) => t.trim());
    expect(choices.slice(0, 2)).toEqual([p.ui.reasonNotPersonal, p.ui.reasonConsent]);
    expect(await axe(page)).toEqual([]);
  });

  test('the no-JavaScript warning page is in the language, with its edit actions; axe finds nothing', async () => {
    const page = await tab(browserLocale, { user: `i18n-nojs-${lang}` });
    await page.goto(`${base}/?nojs`);
    await page.locator('#body').fill(OWN);
    await page.click('#publish');
    await page.waitForSelector('.pii-warning, form.ack');
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    const text = await page.locator('body').innerText();
    for (const s of [p.notice, p.ui.publish, p.ui.understand, p.ui.edit, p.page.maskAndEdit, p.ui.reasonLegend]) expect(text).toContain(s);
    expect(await axe(page)).toEqual([]);
    // Publish without ticking "I understand" is refused by the browser's `required`; after a
    // forged submit (required removed) the server says why, in the language.
    await page.evaluate(() => document.querySelector<HTMLInputElement>('input[name=piiUnderstood]')?.removeAttribute('required'));
    await page.click('form.ack button[type=submit]');
    await page.waitForSelector('.problem');
    expect(await page.locator('.problem').textContent()).toBe(p.page.understandRequired);
  });
});

describe('the dashboard for a German moderator', () => {
  let h: Harness;
  let modServer: Server;
  let modBase: string;
  beforeAll(async () => {
    h = await makeHarness();
    modServer = h.app.listen(0, '127.0.0.1');
    await once(modServer, 'listening');
    modBase = `http://127.0.0.1:${(modServer.address() as AddressInfo).port}/mod`;
  });
  afterAll(async () => {
    await new Promise((resolve) => modServer.close(resolve));
    await h.store.close();
  });

  test('Accept-Language de-DE: the queue, an open item and the undo toast in German; axe finds nothing', async () => {
    const de = dashboardStrings('de');
    const page = await tab('de-DE', { moderator: 'mod-1' });
    await page.goto(`${modBase}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    expect(await page.locator('.brand').textContent()).toBe(de.reviewQueue);
    expect(await page.locator('.pager .where').textContent()).toMatch(/^Seite 1 von 1 · Einträge 1–\d+ von \d+$/);
    expect(await axe(page)).toEqual([]);
    await page.locator('#items .row a.open').first().click();
    await page.waitForURL(/\/items\//);
    // textContent: the stylesheet upper-cases some labels.
    const text = (await page.locator('body').textContent()) ?? '';
    for (const s of [de.heldBecause, de.approve, de.reject, de.findings, de.redactThese]) expect(text).toContain(s);
    expect(text).not.toContain('Held because');
    expect(await axe(page)).toEqual([]);
    // The script's words: approve with undo.
    await page.keyboard.press('a');
    await page.waitForSelector('#toast:not([hidden])');
    expect(await page.locator('#toast .undo').textContent()).toBe(de.jsUndo);
    await page.locator('#toast .undo').click();
    expect(await page.locator('#toast').textContent()).toContain(de.jsUndone);
  });
});
