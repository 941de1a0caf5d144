/**
 * A minimal forum using pii-preflight. Run: `npx tsx examples/basic-app/server.ts`, then open
 * http://127.0.0.1:3000/ (HTML form: the server-rendered warning page) or use curl (JSON):
 *
 *   curl -i -H 'content-type: application/json' -d '{"title":"Deposit","body":"Pay to DE89 3704 0044 0532 0130 00"}' http://127.0.0.1:3000/posts
 *   # 422 pii_acknowledgement_required with a token; send the same body again with "piiAcknowledgement": "<token>"
 *
 * Environment: PORT (3000), PREFLIGHT_SECRET (≥ 32 characters; a random one is made for the demo),
 * DATABASE_URL (default sqlite::memory:).
 */
import { randomBytes } from 'crypto';
import express, { type Request } from 'express';
import { preflight } from '../../src/express';
import { createStore } from '../../src/store';

interface Post { id: number; title: string; body: string; status: 'published' | 'pending'; reviewId?: string }

async function main(): Promise<void> {
  const secret = process.env.PREFLIGHT_SECRET ?? randomBytes(32).toString('base64url');
  const store = await createStore({ url: process.env.DATABASE_URL ?? 'sqlite::memory:', secret });
  const posts: Post[] = [];
  const app = express();

  // Demo "authentication": every visitor is one user, or the X-User header. Use your real session.
  app.use((req, _res, next) => {
    (req as Request & { user?: { id: string } }).user = { id: req.get('x-user') ?? 'demo-user' };
    next();
  });

  // Accepts: any one of the five HTML-special characters & < > " '. Rejects: everything else (left as is).
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  app.get('/', (_req, res) => {
    res.type('html').send(`<!doctype html><meta charset="utf-8"><title>Forum</title>
<h1>New post</h1>
<form method="post" action="/posts">
<p><input name="title" placeholder="Title" size="60"></p>
<p><textarea name="body" rows="6" cols="60">Pay the deposit to DE89 3704 0044 0532 0130 00 by Friday.</textarea></p>
<button>Publish</button></form>
<h2>Posts</h2><ul>${posts.map((p) => `<li>[${p.status}] <b>${escape(p.title)}</b>: ${escape(p.body)}</li>`).join('')}</ul>`);
  });

  app.post(
    '/posts',
    express.json(),
    express.urlencoded({ extended: false }),
    preflight({ store, secret, fields: ['title', 'body'], format: 'plain' }),
    (req, res) => {
      const body = req.body as { title?: string; body?: string };
      const review = req.preflight?.review;
      const post: Post = { id: posts.length + 1, title: body.title ?? '', body: body.body ?? '', status: review ? 'pending' : 'published' };
      if (review) post.reviewId = review.id;
      posts.push(post);
      if (req.is('application/json')) res.status(201).json({ post, preflight: req.preflight });
      else res.redirect(303, '/');
    },
  );

  app.get('/stats', async (_req, res) => { res.json(await store.stats()); });

  const port = Number(process.env.PORT ?? 3000);
  const server = app.listen(port, '127.0.0.1', () => console.log(`basic-app on http://127.0.0.1:${port}/`));
  const stop = () => { server.close(); void store.close(); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
