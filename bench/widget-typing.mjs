// Typing speed of the composer widget in real Chromium at 4× CPU slowdown (a mid-range phone):
// the time the textarea's input handlers take per keystroke on a 3,000-word post with findings,
// median and p90, and how far the live panel pushes the form's Publish button down (one finding).
// Numbers, not assertions. Needs `npm run build` (the scanner from dist/) and /usr/bin/chromium.
//
//   node bench/widget-typing.mjs [--ref main] [--keys 200] [--rate 4]
//
// --ref builds the widget of another git revision too (e.g. the one before a change) and prints both.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const KEYS = Number(opt('--keys', 200));
const RATE = Number(opt('--rate', 4));
const REF = opt('--ref', null);
const { createScanner } = require(join(root, 'dist/cjs/index.js'));
const scanner = createScanner({ locales: ['en-US'] });

// A 3,000-word post: sentences of ordinary words with a fictional phone number (555-01xx) every ~600 words.
function post() {
  const words = 'the bike is in good shape and I ride it every weekend along the river path near the old mill'.split(' ');
  const out = [];
  for (let i = 0; i < 3000; i++) {
    out.push(words[i % words.length]);
    if (i % 600 === 300) out.push(`call (202) 555-01${String(10 + (i % 80)).padStart(2, '0')}`);
    if (i % 25 === 24) out[out.length - 1] += i % 100 === 99 ? '.\n\n' : '.';
  }
  return out.join(' ');
}

async function buildWidget(dir, ref) {
  let src = root;
  if (ref) {
    src = mkdtempSync(join(tmpdir(), 'pii-widget-ref-'));
    execFileSync('sh', ['-c', `git -C "${root}" archive "${ref}" src/widget rules/notices | tar -x -C "${src}"`]);
  }
  await build({ entryPoints: [join(src, 'src/widget/widget.ts')], bundle: true, format: 'esm', minify: true, target: 'es2020', outfile: join(dir, 'widget.js'), logLevel: 'warning' });
  const css = readFileSync(join(src, 'src/widget/widget.css'), 'utf8');
  if (ref) rmSync(src, { recursive: true, force: true });
  return { js: readFileSync(join(dir, 'widget.js')), css };
}

const PAGE = (text) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><link rel="stylesheet" href="/widget.css">
<style>body{font-family:system-ui,sans-serif;margin:0 auto;padding:16px;max-width:720px}label{display:block;font-weight:600}
textarea{width:100%;box-sizing:border-box;font:16px/1.5 Georgia,serif;padding:10px 12px}</style></head><body>
<form method="post" action="/posts"><label for="body">Post</label><textarea id="body" name="body" rows="12">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</textarea>
<button id="publish" type="submit">Publish</button></form>
<script type="module">
const times = [];
window.__times = times;
let t0 = 0;
window.addEventListener('input', () => { t0 = performance.now(); }, true);
window.addEventListener('input', () => { times.push(performance.now() - t0); }, false);
import('/widget.js').then(({ attach }) => { window.w = attach(document.getElementById('body'), { endpoint: '/check', debounceMs: 400 }); window.ready = true; });
</script></body></html>`;

async function measure(browser, widget, text) {
  const server = createServer((req, res) => {
    if (req.url === '/widget.js') { res.setHeader('Content-Type', 'text/javascript'); res.end(widget.js); return; }
    if (req.url === '/widget.css') { res.setHeader('Content-Type', 'text/css'); res.end(widget.css); return; }
    if (req.url?.startsWith('/check')) {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        const { text: t } = JSON.parse(body);
        const findings = scanner.scan(t).findings.map((f) => ({ type: f.type, start: f.start, end: f.end, masked: f.masked, message: 'This looks like a phone number.' }));
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ findings }));
      });
      return;
    }
    res.setHeader('Content-Type', 'text/html');
    res.end(PAGE(req.url === '/short' ? '' : text));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const page = await browser.newPage({ viewport: { width: 800, height: 900 } });

  // How far the live panel pushes Publish down with one finding.
  await page.goto(`${base}/short`);
  await page.waitForFunction(() => window.ready === true);
  const y0 = (await page.locator('#publish').boundingBox()).y;
  await page.locator('#body').fill('Call me on (202) 555-0134 tonight.');
  await page.waitForSelector('.pii-pf-item');
  const push = (await page.locator('#publish').boundingBox()).y - y0;

  await page.goto(base);
  await page.waitForFunction(() => window.ready === true);
  await page.waitForFunction(() => document.querySelectorAll('.pii-pf-item').length > 0);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  // Type in the first third, so the findings after the caret shift with every keystroke.
  await page.evaluate(() => { const ta = document.getElementById('body'); ta.focus(); const at = Math.floor(ta.value.length / 3); ta.setSelectionRange(at, at); window.__times.length = 0; });
  const keys = 'and then some more words typed here ';
  for (let i = 0; i < KEYS; i++) await page.keyboard.type(keys[i % keys.length]);
  const times = (await page.evaluate(() => window.__times)).slice().sort((a, b) => a - b);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.close();
  server.close();
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { keystrokes: times.length, median: q(0.5), p90: q(0.9), max: times[times.length - 1], panelPush: push };
}

const text = post();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const dir = mkdtempSync(join(tmpdir(), 'pii-widget-bench-'));
try {
  const words = text.split(/\s+/).length;
  console.log(`widget typing: ${words} words, ${text.length} chars, ${KEYS} keystrokes, CPU throttling ${RATE}×`);
  const rows = [['this tree', await buildWidget(join(dir, 'now'), null)]];
  if (REF) rows.push([REF, await buildWidget(join(dir, 'ref'), REF)]);
  for (const [name, widget] of rows) {
    const r = await measure(browser, widget, text);
    const gz = execFileSync('gzip', ['-9c'], { input: widget.js }).length;
    console.log(`${name.padEnd(10)} input handler per keystroke: median ${r.median.toFixed(2)} ms, p90 ${r.p90.toFixed(2)} ms, max ${r.max.toFixed(2)} ms (${r.keystrokes} keys); panel pushes Publish down ${Math.round(r.panelPush)} px; widget ${gz} B gzip`);
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
