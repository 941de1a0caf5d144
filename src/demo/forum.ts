/**
 * The demo forum (`npm start`, `pii-preflight demo`): a small Express forum with server-rendered
 * pages that uses every part of pii-preflight the way an integrator would — the composer widget and
 * live check, `preflight()` on the create and reply routes, the acknowledgement log, held posts shown
 * as pending to their author, and the moderator dashboard at /moderation.
 *
 * The forum's own posts live in their own SQLite file (data/forum.sqlite): that is the host's data.
 * pii-preflight's store (data/preflight.sqlite) holds no raw personal data.
 */
import { randomBytes, randomUUID, createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import Database from 'better-sqlite3';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createStore } from '../store';
import type { Store } from '../store/types';
import { preflight, reviewRouter, checkRoute } from '../express';
import { escapeHtml } from '../express/html';
import { acknowledgementLogStrings } from '../express/notice';
import { isPreflightError } from '../errors';
import { createScanner } from '../scanner';
import { findingValue } from '../scanner';
import { DEMO_USERS, page, topicList, topicPage, composerPage, signInPage, logPage, notFoundPage, warningLayout, type DemoUser, type LoggedPost, type PostRow, type TopicRow } from './pages';

export interface DemoOptions {
  /** Port on 127.0.0.1 (default 3000; 0 picks a free one). */
  port?: number;
  /** Folder for the SQLite files (default ./data). */
  dataDir?: string;
  /** Secret for tokens and the store (default: generated once and kept in dataDir/secret). */
  secret?: string;
  /** Seed example topics and a held post on first start (default true). */
  seed?: boolean;
  /** Where to find the built widget (default: the package's dist/widget). */
  widgetDir?: string;
  log?: (line: string) => void;
}

export interface DemoForum {
  url: string;
  server: Server;
  store: Store;
  close(): Promise<void>;
}

export { DEMO_USERS };

function packageRoot(): string {
  // The package resolves itself through "exports" (works from source, CJS and ESM builds).
  return join(require.resolve('pii-preflight/package.json'), '..');
}

function loadSecret(dataDir: string): string {
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

function openForumDb(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS topics (id TEXT PRIMARY KEY, title TEXT NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS posts (
      id TEXT PRIMARY KEY, topic_id TEXT NOT NULL REFERENCES topics(id), author TEXT NOT NULL, body TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('published', 'pending', 'rejected')), review_id TEXT, ack_id TEXT,
      reject_reason TEXT, created_at TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS posts_topic ON posts(topic_id, created_at);
  `);
  return db;
}

/** Signed demo-session cookie: "<user>.<hmac>". */
function sessionCookie(secret: string) {
  const sign = (user: string) => createHmac('sha256', secret).update('demo-session:' + user).digest('base64url');
  return {
    make: (user: string) => `${user}.${sign(user)}`,
    read(value: string | undefined): string | undefined {
      if (!value) return undefined;
      const dot = value.lastIndexOf('.');
      if (dot < 1) return undefined;
      const user = value.slice(0, dot);
      const a = Buffer.from(value.slice(dot + 1));
      const b = Buffer.from(sign(user));
      return a.length === b.length && timingSafeEqual(a, b) ? user : undefined;
    },
  };
}

function cookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}

interface DemoRequest extends Request {
  demoUser?: DemoUser;
  demoPostId?: string;
  demoPostRef?: string;
}

const SEED: { title: string; author: string; posts: { author: string; body: string }[] }[] = [
  {
    title: 'Welcome to the pii-preflight demo forum',
    author: 'morgan',
    posts: [
      {
        author: 'morgan',
        body:
          'Hi all! This forum runs pii-preflight. Try writing a post with your phone number or email address ' +
          'in it: the composer highlights it while you type, and asks you to acknowledge before it is published.\n\n' +
          "Posting someone else's home address sends the post to the moderators first.",
      },
    ],
  },
  {
    title: 'Upgrading from 2.4 to 3.0 — notes',
    author: 'bob',
    posts: [
      { author: 'bob', body: 'Upgraded to v3.0.1 (build 20240315.2) yesterday. npm i @types/node@20.11.5 fixed the typings; ticket #4155550134 has the details.' },
      { author: 'alice', body: 'Same here on 3.0.1, no problems since 2024-03-15. Thanks @bob!' },
    ],
  },
];

/** A short random post id (48 bits; the posts table's primary key refuses a repeat). */
function newPostId(): string {
  return randomBytes(6).toString('hex');
}

/**
 * The post's reference in the review queue, from ids only: "t/<topic id>/p/<post id>" (a new
 * topic's first post: "p/<post id>"). Never the title: a reference is stored and shown in plain
 * text, and a title can hold the very phone number the post was held for.
 */
export function reviewRef(postId: string, topicId?: string): string {
  return topicId ? `t/${topicId}/p/${postId}` : `p/${postId}`;
}

/**
 * Where to go after signing in: a path on this site only. `next` is resolved against the
 * site's own origin and must stay on it ("/\\evil.example", "//evil.example", "https://…" and
 * "javascript:" all leave it, so they go to "/").
 */
export function sameOriginPath(next: unknown): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return '/';
  const base = 'http://demo.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return '/';
  }
  // "/.//evil.example" resolves on this origin to the path "//evil.example": as a Location that
  // is off-site again.
  if (url.origin !== base || url.pathname.startsWith('//')) return '/';
  return url.pathname + url.search + url.hash;
}

/** Starts the demo forum. */
export async function startDemo(options: DemoOptions = {}): Promise<DemoForum> {
  const log = options.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const dataDir = options.dataDir ?? join(process.cwd(), 'data');
  mkdirSync(dataDir, { recursive: true });
  const secret = options.secret ?? loadSecret(dataDir);
  const widgetDir = options.widgetDir ?? join(packageRoot(), 'dist', 'widget');
  if (!existsSync(join(widgetDir, 'widget.mjs'))) {
    throw new Error(`the composer widget is not built (${join(widgetDir, 'widget.mjs')} is missing): run \`npm run build\` first`);
  }
  const db = openForumDb(join(dataDir, 'forum.sqlite'));
  const store = await createStore({ url: `sqlite:${join(dataDir, 'preflight.sqlite')}`, secret });
  const session = sessionCookie(secret);
  const locales = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES'];
  const scanner = createScanner({ locales, allow: { emails: ['support@forum.example'] } });

  const app = express();
  app.disable('x-powered-by');
  app.use((req: DemoRequest, res, next) => {
    const id = session.read(cookies(req)['demo_session']);
    req.demoUser = id ? DEMO_USERS[id] : undefined;
    res.setHeader('Content-Security-Policy', "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });

  // Static assets: the widget (as published), its CSS, the forum's CSS and the composer's init script.
  const assets: Record<string, { file: string; type: string }> = {
    'widget.js': { file: join(widgetDir, 'widget.mjs'), type: 'text/javascript' },
    'widget.css': { file: join(widgetDir, 'widget.css'), type: 'text/css' },
  };
  app.get('/assets/:name', (req, res) => {
    const name = String(req.params.name);
    const a = assets[name];
    if (a && existsSync(a.file)) {
      res.type(a.type).setHeader('Cache-Control', 'no-cache');
      res.send(readFileSync(a.file));
      return;
    }
    const own = DEMO_ASSETS[name];
    if (own) {
      res.type(own.type).send(own.body);
      return;
    }
    res.status(404).type('text/plain').send('not found');
  });

  const requireUser = (req: DemoRequest, res: Response, next: NextFunction) => {
    if (!req.demoUser) {
      if (req.accepts(['html', 'json']) === 'json' || req.is('application/json')) {
        res.status(401).json({ error: 'unauthenticated', message: 'Sign in first.' });
        return;
      }
      res.redirect(303, '/signin?next=' + encodeURIComponent(req.originalUrl));
      return;
    }
    next();
  };

  app.get('/signin', (req: DemoRequest, res) => {
    res.type('html').send(page('Sign in', req.demoUser, signInPage(Object.values(DEMO_USERS), sameOriginPath(req.query.next))));
  });
  app.post('/signin', express.urlencoded({ extended: false, limit: '4kb' }), (req, res) => {
    const user = DEMO_USERS[String((req.body as Record<string, unknown>)?.user ?? '')];
    if (!user) {
      res.status(400).type('text/plain').send('unknown demo user');
      return;
    }
    const next = sameOriginPath((req.body as Record<string, unknown>)?.next);
    res.setHeader('Set-Cookie', `demo_session=${encodeURIComponent(session.make(user.id))}; Path=/; HttpOnly; SameSite=Lax`);
    res.redirect(303, next);
  });
  app.post('/signout', (_req, res) => {
    res.setHeader('Set-Cookie', 'demo_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    res.redirect(303, '/');
  });

  const visiblePosts = (topicId: string, viewer: DemoUser | undefined): PostRow[] => {
    const rows = db.prepare('SELECT * FROM posts WHERE topic_id = ? ORDER BY created_at, rowid').all(topicId) as PostRow[];
    return rows.filter((p) => p.status === 'published' || (viewer && (viewer.moderator || viewer.id === p.author)));
  };

  app.get('/', (req: DemoRequest, res) => {
    const topics = db.prepare(`SELECT t.*, (SELECT COUNT(*) FROM posts p WHERE p.topic_id = t.id AND p.status = 'published') AS replies
      FROM topics t WHERE EXISTS (SELECT 1 FROM posts p WHERE p.topic_id = t.id AND (p.status = 'published' OR p.author = ?))
      ORDER BY t.created_at DESC`).all(req.demoUser?.id ?? '') as (TopicRow & { replies: number })[];
    res.type('html').send(page('Topics', req.demoUser, topicList(topics, req.demoUser)));
  });

  app.get('/t/:id', (req: DemoRequest, res) => {
    const topic = db.prepare('SELECT * FROM topics WHERE id = ?').get(String(req.params.id)) as TopicRow | undefined;
    const posts = topic ? visiblePosts(topic.id, req.demoUser) : [];
    if (!topic || posts.length === 0) {
      res.status(404).type('html').send(page('Not found', req.demoUser, notFoundPage('No such topic.')));
      return;
    }
    res.type('html').send(page(topic.title, req.demoUser, topicPage(topic, posts, req.demoUser, String(req.query.notice ?? ''), String(req.query.why ?? ''))));
  });

  app.get('/new', requireUser, (req: DemoRequest, res) => {
    res.type('html').send(page('New topic', req.demoUser, composerPage()));
  });

  // "Go back and edit" from the no-JavaScript warning page posts the text back to the composer.
  const draftBody = express.urlencoded({ extended: false, limit: '300kb' });
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  app.post('/new', requireUser, draftBody, (req: DemoRequest, res) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    res.type('html').send(page('New topic', req.demoUser, composerPage({ title: str(b.title), body: str(b.body) })));
  });
  app.post('/t/:id/compose', requireUser, draftBody, (req: DemoRequest, res) => {
    const topic = db.prepare('SELECT * FROM topics WHERE id = ?').get(String(req.params.id)) as TopicRow | undefined;
    const posts = topic ? visiblePosts(topic.id, req.demoUser) : [];
    if (!topic || posts.length === 0) {
      res.status(404).type('html').send(page('Not found', req.demoUser, notFoundPage('No such topic.')));
      return;
    }
    res.type('html').send(page(topic.title, req.demoUser, topicPage(topic, posts, req.demoUser, '', '', str((req.body as Record<string, unknown>)?.body))));
  });

  app.get('/me/acknowledgements', requireUser, async (req: DemoRequest, res, next) => {
    try {
      const cursor = typeof req.query.cursor === 'string' && req.query.cursor ? req.query.cursor : undefined;
      const { items, nextCursor } = await store.acknowledgements.list({ userId: req.demoUser!.id, order: 'desc', limit: 20, ...(cursor ? { cursor } : {}) });
      const posts = new Map<string, LoggedPost>();
      const find = db.prepare('SELECT * FROM posts WHERE ack_id = ?');
      for (const r of items) {
        const p = find.get(r.id) as PostRow | undefined;
        if (p) posts.set(r.id, { url: `/t/${encodeURIComponent(p.topic_id)}#p-${encodeURIComponent(p.id)}`, status: p.status, held: p.review_id !== null, rejectReason: p.reject_reason });
      }
      // In the author's language (the forum's own chrome stays English).
      const { locale, strings } = acknowledgementLogStrings(req.get('accept-language'));
      res.vary('Accept-Language');
      res.type('html').send(page(strings.title, req.demoUser, logPage(items, posts, nextCursor, !cursor, strings), locale));
    } catch (err) {
      if (isPreflightError(err) && err.code === 'invalid_input') {
        res.redirect(303, '/me/acknowledgements');
        return;
      }
      next(err);
    }
  });

  // The live check for the composer widget.
  app.post('/preflight/check', checkRoute({ locales, format: 'markdown', allow: { emails: ['support@forum.example'] }, userId: (req: Request) => (req as DemoRequest).demoUser?.id }));

  const body = [express.json({ limit: '300kb' }), express.urlencoded({ extended: false, limit: '300kb' })];
  const assignPostId = (req: DemoRequest, _res: Response, next: NextFunction) => {
    req.demoPostId = newPostId();
    req.demoPostRef = reviewRef(req.demoPostId, typeof req.params.id === 'string' ? req.params.id : undefined);
    next();
  };
  const guard = (fields: string[]) =>
    preflight({
      store,
      secret,
      fields,
      format: 'markdown',
      locales,
      scanner,
      userId: (req) => (req as DemoRequest).demoUser?.id,
      postRef: (req) => (req as DemoRequest).demoPostRef,
      // The warning page for browsers without JavaScript: in the forum's layout, with an edit
      // action that posts the text back to the composer it came from.
      warningPage: {
        layout: (parts, req) => warningLayout(parts, (req as DemoRequest).demoUser),
        editAction: (req) => (typeof req.params.id === 'string' ? `/t/${encodeURIComponent(req.params.id)}/compose` : '/new'),
      },
    });

  const publish = (req: DemoRequest, topicId: string, text: string) => {
    const result = req.preflight;
    const status = result?.review ? 'pending' : 'published';
    db.prepare('INSERT INTO posts (id, topic_id, author, body, status, review_id, ack_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      req.demoPostId, topicId, req.demoUser!.id, text, status, result?.review?.id ?? null, result?.acknowledgementId ?? null, new Date().toISOString(),
    );
    return status;
  };

  const answer = (req: DemoRequest, res: Response, topicId: string, status: string) => {
    if (req.is('application/json') || req.accepts(['html', 'json']) === 'json') {
      res.status(201).json({ id: req.demoPostId, topic: topicId, status, url: `/t/${topicId}`, ...(req.preflight?.review ? { because: req.preflight.review.because } : {}) });
      return;
    }
    res.redirect(303, `/t/${topicId}${status === 'pending' ? `?notice=pending&why=${req.preflight?.review?.because ?? 'policy'}` : ''}#p-${req.demoPostId}`);
  };

  app.post('/topics', requireUser, ...body, assignPostId, guard(['title', 'body']), (req: DemoRequest, res) => {
    const b = req.body as Record<string, unknown>;
    const title = String(b.title ?? '').trim();
    const text = String(b.body ?? '').trim();
    if (!title || !text) {
      res.status(400).type('text/plain').send('A topic needs a title and a body.');
      return;
    }
    const topicId = randomUUID();
    db.prepare('INSERT INTO topics (id, title, author, created_at) VALUES (?, ?, ?, ?)').run(topicId, title, req.demoUser!.id, new Date().toISOString());
    answer(req, res, topicId, publish(req, topicId, text));
  });

  app.post('/t/:id/replies', requireUser, ...body, assignPostId, guard(['body']), (req: DemoRequest, res) => {
    const topicId = String(req.params.id);
    const topic = db.prepare('SELECT id FROM topics WHERE id = ?').get(topicId);
    const text = String((req.body as Record<string, unknown>).body ?? '').trim();
    if (!topic || !text) {
      res.status(400).type('text/plain').send('Unknown topic or empty reply.');
      return;
    }
    answer(req, res, topicId, publish(req, topicId, text));
  });

  // The moderator dashboard: only the demo moderator is authorized.
  app.use(
    '/moderation',
    reviewRouter({
      store,
      csrfSecret: secret,
      authorize: (req) => {
        const u = (req as DemoRequest).demoUser;
        return u?.moderator ? { id: u.id, name: u.name } : null;
      },
      // "Open the post" on the dashboard: the post's topic page, at the post (see reviewRef()).
      postUrl: (item) => {
        const postId = item.postRef.slice(item.postRef.lastIndexOf('p/') + 2);
        const row = db.prepare('SELECT topic_id FROM posts WHERE id = ?').get(postId) as { topic_id: string } | undefined;
        return row ? `/t/${encodeURIComponent(row.topic_id)}#p-${encodeURIComponent(postId)}` : undefined;
      },
      onResolved: (item, action) => {
        if (action === 'approve') db.prepare("UPDATE posts SET status = 'published' WHERE review_id = ?").run(item.id);
        else if (action === 'reject') db.prepare("UPDATE posts SET status = 'rejected', reject_reason = ? WHERE review_id = ?").run(item.resolution?.reason ?? null, item.id);
        else if (action === 'redact') {
          const redacted = item.resolution?.fields?.body;
          db.prepare("UPDATE posts SET status = 'published', body = COALESCE(?, body) WHERE review_id = ?").run(redacted ?? null, item.id);
        }
      },
    }),
  );

  app.use((req: DemoRequest, res: Response) => {
    res.status(404).type('html').send(page('Not found', req.demoUser, notFoundPage('There is no page at this address.')));
  });

  app.use((err: Error & { status?: number; code?: string }, req: Request, res: Response, _next: NextFunction) => {
    const status = err.status ?? 500;
    if (status >= 500) log(`error: ${err.code ?? ''} ${err.message}`);
    if (res.headersSent) return;
    res.status(status).type('html').send(page('Error', (req as DemoRequest).demoUser, `<p>${escapeHtml(err.message)}</p>`));
  });

  if (options.seed !== false) await seed(db, store, scanner);

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port ?? 3000, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port ?? 3000;
  const url = `http://localhost:${port}`;
  return {
    url,
    server,
    store,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      db.close();
    },
  };
}

/** Example topics, and one post held for review (someone else's address), on first start. */
async function seed(db: Database.Database, store: Store, scanner: ReturnType<typeof createScanner>): Promise<void> {
  const count = (db.prepare('SELECT COUNT(*) AS n FROM topics').get() as { n: number }).n;
  if (count > 0) return;
  const start = Date.now() - 3 * 86400000;
  let i = 0;
  for (const t of SEED) {
    const topicId = randomUUID();
    db.prepare('INSERT INTO topics (id, title, author, created_at) VALUES (?, ?, ?, ?)').run(topicId, t.title, t.author, new Date(start + i * 3600000).toISOString());
    for (const p of t.posts) {
      db.prepare("INSERT INTO posts (id, topic_id, author, body, status, created_at) VALUES (?, ?, ?, ?, 'published', ?)").run(newPostId(), topicId, p.author, p.body, new Date(start + ++i * 3600000).toISOString());
    }
  }
  // A held post, as preflight() would have stored it after bob acknowledged.
  const heldText = "My neighbour is selling his car cheap, go see him: he lives at 1234 Elm St Apt 5, Springfield, IL 62704.";
  const topicId = randomUUID();
  const postId = newPostId();
  db.prepare('INSERT INTO topics (id, title, author, created_at) VALUES (?, ?, ?, ?)').run(topicId, 'Cheap car for sale near Springfield', 'bob', new Date(start + ++i * 3600000).toISOString());
  const { findings } = scanner.scanFields({ body: heldText }, { format: 'markdown' });
  const item = await store.reviews.upsert({
    postRef: reviewRef(postId, topicId),
    authorId: 'bob',
    fields: { body: heldText },
    format: 'markdown',
    findings: findings.map((f) => ({
      field: f.field, type: f.type, start: f.start, end: f.end, ruleId: f.ruleId, confidence: f.confidence, subject: f.subject,
      masked: f.masked, valueHash: store.hmac(`${f.type}:${findingValue(f)}`), reasons: f.reasons,
    })),
    heldBecause: { rule: findings.some((f) => f.subject === 'third_party') ? 'third_party_address' : 'review', reason: 'intended' },
  });
  db.prepare("INSERT INTO posts (id, topic_id, author, body, status, review_id, created_at) VALUES (?, ?, 'bob', ?, 'pending', ?, ?)").run(postId, topicId, heldText, item.id, new Date(start + ++i * 3600000).toISOString());
}

/** The forum's own small assets (CSS and the composer's init script, kept out of inline tags for CSP). */
const DEMO_ASSETS: Record<string, { type: string; body: string }> = {
  'forum.css': {
    type: 'text/css',
    body: `
:root { --fg: #1d2430; --muted: #5b6575; --line: #dde2ea; --accent: #2457c5; --bg: #f6f7f9; --warn: #a15c00; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header.site { background: #fff; border-bottom: 1px solid var(--line); }
header.site .inner, main { max-width: 860px; margin: 0 auto; padding: 12px 20px; }
header.site .inner { display: flex; align-items: center; gap: 16px; }
header.site a.brand { font-weight: 700; color: var(--fg); text-decoration: none; font-size: 18px; }
header.site nav { margin-left: auto; display: flex; gap: 12px; align-items: center; font-size: 14px; }
header.site form { display: inline; margin: 0; }
a { color: var(--accent); }
h1 { font-size: 24px; margin: 18px 0 12px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 12px 0; }
.topics { list-style: none; padding: 0; margin: 0; }
.topics { border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
.topics li { display: flex; justify-content: space-between; align-items: baseline; gap: 16px; padding: 12px 16px; border-bottom: 1px solid var(--line); background: #fff; }
.topics li a { font-weight: 600; text-decoration: none; }
.topics li a:hover, .topics li a:focus-visible { text-decoration: underline; }
.topics li .meta { white-space: nowrap; }
.topics li:last-child { border-bottom: 0; }
.topics li.empty { color: var(--muted); }
.meta { color: var(--muted); font-size: 13px; }
.post .meta { margin-bottom: 4px; }
.post .meta strong { color: var(--fg); font-weight: 600; }
.post .body { white-space: pre-wrap; overflow-wrap: anywhere; }
#reply-body { min-height: 110px; }
.toolbar { display: flex; align-items: center; justify-content: space-between; margin: 0 0 12px; }
.toolbar p { margin: 0; }
.back { font-size: 14px; }
.badge { display: inline-block; font-size: 12px; padding: 1px 8px; border-radius: 10px; background: #fff4e0; color: var(--warn); border: 1px solid #f0d5a8; }
.badge.rejected { background: #fdecec; color: #a12a2a; border-color: #f0b8b8; }
.notice { background: #fff8e6; border: 1px solid #f0d5a8; padding: 10px 14px; border-radius: 8px; }
label { display: block; font-weight: 600; margin: 12px 0 4px; }
input[type=text], textarea { width: 100%; font: inherit; padding: 8px 10px; border: 1px solid #c5ccd8; border-radius: 6px; background: #fff; }
textarea { min-height: 180px; resize: vertical; }
button, .button { font: inherit; background: var(--accent); color: #fff; border: 0; border-radius: 6px; padding: 8px 16px; cursor: pointer; text-decoration: none; display: inline-block; }
button.link { background: none; color: var(--accent); padding: 0; text-decoration: underline; }
.users { display: flex; gap: 12px; flex-wrap: wrap; }
.users button { min-width: 180px; }
table.log { width: 100%; border-collapse: separate; border-spacing: 0; background: #fff; font-size: 14px; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
table.log th, table.log td { border-bottom: 1px solid var(--line); padding: 8px 10px; text-align: left; vertical-align: top; }
table.log th { background: #f0f2f6; font-weight: 600; color: var(--muted); font-size: 13px; }
table.log tbody tr:last-child td { border-bottom: 0; }
table.log code { font-size: 12px; color: var(--muted); }
table.log td:first-child, table.log td:last-child, table.log .found { white-space: nowrap; }
.table-scroll { overflow-x: auto; }
.pager { margin: 12px 0; display: flex; gap: 16px; }
.pager a { display: inline-block; padding: 10px 0; }
table.log .found .type { display: inline-block; min-width: 64px; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
`,
  },
  'composer.js': {
    type: 'text/javascript',
    body: `import { attach } from '/assets/widget.js';
for (const form of document.querySelectorAll('form[data-composer]')) {
  const body = form.querySelector('textarea[name=body]');
  const title = form.querySelector('input[name=title]');
  attach(body, { endpoint: '/preflight/check', format: 'markdown', fields: title ? { title } : undefined });
  // The widget posts with fetch and Accept: application/json, so the forum answers 201 JSON:
  // open the new post, as the form's redirect would.
  body.addEventListener('pii-preflight:submitted', (event) => {
    const res = event.detail.response;
    if (res.redirected || !(res.headers.get('content-type') || '').includes('json')) return;
    event.preventDefault();
    res.json().then((post) => {
      window.location.assign(post.url + (post.status === 'pending' ? '?notice=pending&why=' + encodeURIComponent(post.because || 'policy') : '') + '#p-' + post.id);
    }, () => window.location.reload());
  });
}
`,
  },
};
