'use strict';
/**
 * nodebb-plugin-pii-preflight: NodeBB glue. Settings come from the environment of the NodeBB
 * process:
 *   PII_PREFLIGHT_SECRET  required (32+ random characters: `openssl rand -base64 32`). Without it
 *                         every post is refused with an error that tells the administrator so.
 *   PII_PREFLIGHT_DB      the store URL. Default: the forum's own PostgreSQL database (tables
 *                         prefixed `pii_`) when NodeBB runs on PostgreSQL, else
 *                         `sqlite:<NodeBB dir>/pii-preflight.sqlite`.
 *   PII_PREFLIGHT_LOCALES comma-separated scanner locales. Default `en-US`.
 *   PII_PREFLIGHT_PREVIOUS_SECRETS comma-separated secrets used before (rotation).
 */
const path = require('path');
const { createPiiHooks } = require('./lib/logic');

const nconf = require.main.require('nconf');
const winston = require.main.require('winston');

let guardPromise;

/** The store URL: PII_PREFLIGHT_DB, else the forum's PostgreSQL, else a SQLite file beside NodeBB. */
function storeUrl() {
  if (process.env.PII_PREFLIGHT_DB) return process.env.PII_PREFLIGHT_DB;
  if (nconf.get('database') === 'postgres') {
    const user = encodeURIComponent(nconf.get('postgres:username') || 'postgres');
    const pass = nconf.get('postgres:password') ? `:${encodeURIComponent(nconf.get('postgres:password'))}` : '';
    return `postgres://${user}${pass}@${nconf.get('postgres:host') || '127.0.0.1'}:${nconf.get('postgres:port') || 5432}/${encodeURIComponent(nconf.get('postgres:database'))}`;
  }
  return `sqlite:${path.join(nconf.get('base_dir') || process.cwd(), 'pii-preflight.sqlite')}`;
}

function getGuard() {
  const secret = process.env.PII_PREFLIGHT_SECRET;
  if (!secret) {
    winston.error('[pii-preflight] PII_PREFLIGHT_SECRET is not set: every post is refused until it is.');
    return Promise.reject(new Error('This forum cannot accept posts right now: the administrator must set PII_PREFLIGHT_SECRET for the pii-preflight plugin (see its README).'));
  }
  if (!guardPromise) {
    guardPromise = (async () => {
      const { createStore, createPublishGuard } = require('pii-preflight');
      const previousSecrets = (process.env.PII_PREFLIGHT_PREVIOUS_SECRETS || '').split(',').map((s) => s.trim()).filter(Boolean);
      const store = await createStore({ url: storeUrl(), secret, ...(previousSecrets.length ? { previousSecrets } : {}) });
      const locales = (process.env.PII_PREFLIGHT_LOCALES || 'en-US').split(',').map((s) => s.trim()).filter(Boolean);
      return createPublishGuard({
        store, secret, locales, format: 'markdown', ...(previousSecrets.length ? { previousSecrets } : {}),
        logger: { warn: (m) => winston.warn(`[pii-preflight] ${m}`), error: (m) => winston.error(`[pii-preflight] ${m}`) },
      });
    })();
    guardPromise.catch((err) => {
      // Never log the URL (it may hold a password): the error's name and code only.
      winston.error(`[pii-preflight] could not open the store: ${err && (err.code || err.name)}`);
      guardPromise = undefined;
    });
  }
  return guardPromise.catch(() => {
    throw new Error('Posts cannot be checked for personal information right now (the pii-preflight store is unavailable); please try again later.');
  });
}

/** The library's draft check and notice texts (live check, localized labels); absent only if the install is broken. */
function loadLib() {
  try {
    return require('pii-preflight');
  } catch (err) {
    winston.error(`[pii-preflight] the pii-preflight package could not be loaded: ${err && (err.code || err.name)}`);
    return undefined;
  }
}

const hooks = createPiiHooks({ getGuard, format: 'markdown', lib: loadLib(), logger: { warn: (m) => winston.warn(m), error: (m) => winston.error(m) } });

module.exports = {
  shouldQueue: hooks.shouldQueue,
  topicPost: hooks.topicPost,
  topicReply: hooks.topicPost,
  postEdit: hooks.postEdit,
  /** `static:api.routes`: POST /api/v3/plugins/pii-preflight/check (signed-in users; `live: true` while typing). */
  async addRoutes({ router, middleware }) {
    const routeHelpers = require.main.require('./src/routes/helpers');
    const controllerHelpers = require.main.require('./src/controllers/helpers');
    routeHelpers.setupApiRoute(router, 'post', '/pii-preflight/check', [middleware.ensureLoggedIn], async (req, res) => {
      try {
        const out = await hooks.check(req.uid, req.body, req);
        if (out.status === 200) return controllerHelpers.formatApiResponse(200, res, out.response);
        return controllerHelpers.formatApiResponse(out.status, res, new Error(out.error));
      } catch (err) {
        return controllerHelpers.formatApiResponse(500, res, new Error(err && err.message ? err.message : 'check failed'));
      }
    });
  },
};
