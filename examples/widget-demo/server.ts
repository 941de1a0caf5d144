/**
 * A one-page composer that shows the widget against the real checkRoute() and preflight()
 * (in-memory SQLite store). Run: `npx tsx examples/widget-demo/server.ts`, then open
 * http://127.0.0.1:3100. Everything stays on localhost; nothing is written to disk.
 */
import express, { type Request } from 'express';
import { build } from 'esbuild';
import type { AddressInfo } from 'net';
import type { Server } from 'http';
import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { checkRoute } from '../../src/express/check';
import { preflight } from '../../src/express/preflight';
import { escapeHtml } from '../../src/express/html';
import { createStore } from '../../src/store';

const root = join(__dirname, '..', '..');

export const PAGE_CSS = `
  * { box-sizing: border-box; }
  body { margin: 0; background: #f4f4f5; color: #18181b; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  header { background: #1e293b; color: #f8fafc; padding: 14px 32px; font-weight: 600; letter-spacing: .2px; }
  header span { color: #94a3b8; font-weight: 400; margin-left: 8px; }
  main { max-width: 760px; margin: 28px auto; padding: 0 20px; }
  .card { background: #fff; border: 1px solid #e4e4e7; border-radius: 12px; padding: 22px 24px 24px; box-shadow: 0 1px 2px rgba(0,0,0,.04); }
  h1 { font-size: 20px; margin: 0 0 16px; }
  label { display: block; font-weight: 600; font-size: 14px; margin: 14px 0 6px; }
  input[type=text], textarea { width: 100%; border: 1px solid #d4d4d8; border-radius: 8px; padding: 10px 12px; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #18181b; background: #fff; }
  textarea { min-height: 150px; resize: vertical; }
  input[type=text]:focus, textarea:focus { outline: 2px solid #2563eb; outline-offset: 1px; border-color: #2563eb; }
  .row { display: flex; justify-content: flex-end; gap: 10px; margin-top: 14px; }
  .publish { background: #1e293b; color: #fff; border: 0; border-radius: 8px; padding: 9px 18px; font: 600 14px system-ui, sans-serif; cursor: pointer; }
  .publish:disabled { opacity: .6; }
`;

export function composerPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>New topic · Bike Club Forum</title>
<link rel="stylesheet" href="/widget.css"><style>${PAGE_CSS}</style></head><body>
<header>Bike Club Forum <span>Marketplace</span></header>
<main><form class="card" method="post" action="/posts">
  <h1>New topic</h1>
  <label for="title">Title</label><input type="text" id="title" name="title" value="Selling my touring bike">
  <label for="body">Your post</label>
  <textarea id="body" name="body" rows="7"></textarea>
  <div class="row"><button class="publish" type="submit">Publish</button></div>
</form></main>
<script type="module">
  import { attach } from '/widget.js';
  window.widget = attach(document.getElementById('body'), { endpoint: '/preflight/check', fields: { title: document.getElementById('title') } });
</script></body></html>`;
}

/** Starts the demo on `port` (0: any free port). */
export async function startDemo(port = 3100): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const bundle = await build({ entryPoints: [join(root, 'src/widget/widget.ts')], bundle: true, format: 'esm', minify: true, target: 'es2020', write: false, logLevel: 'warning' });
  const widgetJs = bundle.outputFiles[0]?.text ?? '';
  const widgetCss = readFileSync(join(root, 'src/widget/widget.css'), 'utf8');
  // A fresh random secret per run: the demo keeps nothing (in-memory store).
  const secret = randomBytes(32).toString('base64url');
  const store = await createStore({ url: 'sqlite::memory:', secret });
  const posts: Array<{ title: string; body: string }> = [];

  const app = express();
  app.use((req, _res, next) => { (req as Request & { user?: { id: string } }).user = { id: 'demo-author' }; next(); });
  app.get('/', (_req, res) => { res.type('html').send(composerPage()); });
  app.get('/widget.js', (_req, res) => { res.type('text/javascript').send(widgetJs); });
  app.get('/widget.css', (_req, res) => { res.type('text/css').send(widgetCss); });
  app.post('/preflight/check', checkRoute({ locales: ['en-US'] }));
  app.post('/posts', express.urlencoded({ extended: false }), preflight({ store, secret }), (req, res) => {
    const body = req.body as { title?: string; body?: string };
    posts.push({ title: String(body.title ?? ''), body: String(body.body ?? '') });
    res.redirect(303, `/posts/${posts.length}`);
  });
  app.get('/posts/:id', (req, res) => {
    const post = posts[Number(req.params.id) - 1];
    if (!post) { res.status(404).send('Not found'); return; }
    res.type('html').send(`<!doctype html><meta charset="utf-8"><title>${escapeHtml(post.title)}</title><style>${PAGE_CSS}</style>
<header>Bike Club Forum</header><main><article class="card"><h1>${escapeHtml(post.title)}</h1><p style="white-space:pre-wrap">${escapeHtml(post.body)}</p></article></main>`);
  });
  const server = await new Promise<Server>((resolve) => { const s = app.listen(port, '127.0.0.1', () => resolve(s)); });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    url,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}

if (require.main === module) {
  void startDemo(Number(process.env.PORT ?? 3100)).then(({ url }) => {
    console.log(`Widget demo: open ${url} and type a post with an email address or a phone number.`);
  });
}
