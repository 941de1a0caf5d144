/** Shared setup for the review router's supertest and browser suites: a real SQLite store, fake data. */
import express, { type Express, type Request } from 'express';
import { createStore } from '../../src/store';
import type { ReviewItem, Store } from '../../src/store/types';
import { reviewRouter, type ResolvedAction, type ReviewRouterOptions } from '../../src/express/review';
import { demoReviewInput, seedDemoReviews } from '../../src/express/review-demo';
import type { PreflightLogger } from '../../src/express/options';

export const SECRET = 'CQoT_sx3PL3sJO8hcXgtPk0IZwEvFZ0b1NAZKWw4czk';
export const RAW_PHONE = '(555) 010-4477';
export const RAW_EMAIL = 'sam.lee@example.com';

export interface Harness {
  app: Express;
  store: Store;
  items: ReviewItem[];
  resolved: Array<{ item: ReviewItem; action: ResolvedAction }>;
  logged: Array<{ level: string; message: string; meta?: Record<string, unknown> }>;
}

/**
 * A host app with the router at /mod. The moderator comes from the `X-Moderator` header (tests
 * only): absent → not a moderator (null). `overrides` replace router options.
 */
export async function makeHarness(overrides: Partial<ReviewRouterOptions> = {}, url = 'sqlite::memory:'): Promise<Harness> {
  const store = await createStore({ url, secret: SECRET });
  const items = await seedDemoReviews(store);
  const resolved: Harness['resolved'] = [];
  const logged: Harness['logged'] = [];
  const logger: PreflightLogger = {
    info: (message, meta) => logged.push({ level: 'info', message, ...(meta ? { meta } : {}) }),
    warn: (message, meta) => logged.push({ level: 'warn', message, ...(meta ? { meta } : {}) }),
    error: (message, meta) => logged.push({ level: 'error', message, ...(meta ? { meta } : {}) }),
  };
  const app = express();
  app.use(
    '/mod',
    reviewRouter({
      store,
      authorize: (req: Request) => {
        // The header, or (for requests a browser sends on its own, e.g. sendBeacon) a `test_moderator` cookie.
        const cookie = (req.get('cookie') ?? '').split(';').map((c) => c.trim()).find((c) => c.startsWith('test_moderator='));
        const id = req.get('x-moderator') ?? cookie?.slice('test_moderator='.length);
        return id ? { id, name: `Moderator ${id}` } : null;
      },
      onResolved: (item, action) => {
        resolved.push({ item, action });
      },
      csrfSecret: 'wuVtRD1etvvmEcFBJ7yISpy1LgadW6J3J3J0oXjIVFs',
      logger,
      ...overrides,
    }),
  );
  return { app, store, items, resolved, logged };
}

/** A held post written by an attacker: markup and script in every field the page shows. */
export async function seedHostile(store: Store): Promise<ReviewItem> {
  const fields = {
    title: '<script>window.__pwned = "title"</script>Hi',
    body:
      'Look <img src=x onerror="window.__pwned=\'img\';alert(1)"> and <a href="javascript:window.__pwned=\'link\'">click</a> ' +
      '<svg onload="window.__pwned=\'svg\'"></svg> then call ' + RAW_PHONE + ' "quoted" & \'single\' `tick`</textarea></mark><script>window.__pwned="body"</script>',
  };
  const input = demoReviewInput(
    store,
    '<script>window.__pwned="ref"</script>',
    '"><img src=x onerror="window.__pwned=\'author\'">',
    fields,
    [{ field: 'body', raw: RAW_PHONE, type: 'phone', reasons: ['<img src=x onerror="window.__pwned=\'reason\'">'], ruleId: '<b>rule</b>' }],
    { rule: '<script>window.__pwned="rule"</script>', reason: 'other', note: '<img src=x onerror="window.__pwned=\'note\'">' },
  );
  return store.reviews.upsert(input);
}

/** GETs the dashboard as a moderator and returns the CSRF cookie and form token. */
export function extractCsrf(html: string, setCookie: string[] | string | undefined): { cookie: string; token: string } {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const cookie = (cookies.find((c) => c.startsWith('pii_review_csrf=')) ?? '').split(';')[0] ?? '';
  const marker = 'name="_csrf" value="';
  const at = html.indexOf(marker);
  const token = at < 0 ? '' : html.slice(at + marker.length, html.indexOf('"', at + marker.length));
  return { cookie, token };
}
