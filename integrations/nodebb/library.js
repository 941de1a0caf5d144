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

const { SETTINGS_HASH, validateSettings, resolveSettings } = require('./lib/settings');
const { adminPageData } = require('./lib/admin');

let storePromise;
let guardPromise;
/** Bumped when the ACP settings change: a guard still being built for older settings is not kept. */
let generation = 0;
/** static:app.load runs again when NodeBB reloads its routes: subscribe once. */
let subscribed = false;

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

function previousSecrets() {
  return (process.env.PII_PREFLIGHT_PREVIOUS_SECRETS || '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** What lib/settings.js validates against: the library's locales and policy validator. */
function settingsLib() {
  const { SUPPORTED_LOCALES, validatePolicy } = require('pii-preflight');
  return { supportedLocales: SUPPORTED_LOCALES, validatePolicy };
}

/** The store (opened once; settings changes do not reopen it). Rejects without a secret or a reachable database. */
function getStore() {
  const secret = process.env.PII_PREFLIGHT_SECRET;
  if (!secret) return Promise.reject(new Error('PII_PREFLIGHT_SECRET is not set'));
  if (!storePromise) {
    const { createStore } = require('pii-preflight');
    const prev = previousSecrets();
    storePromise = createStore({ url: storeUrl(), secret, ...(prev.length ? { previousSecrets: prev } : {}) });
    storePromise.catch((err) => {
      // Never log the URL (it may hold a password): the error's name and code only.
      winston.error(`[pii-preflight] could not open the store: ${err && (err.code || err.name)}`);
      storePromise = undefined;
    });
  }
  return storePromise;
}

/** The guard for the current ACP settings (locales, policy). */
async function buildGuard(secret) {
  const store = await getStore();
  const meta = require.main.require('./src/meta');
  let effective;
  try {
    effective = resolveSettings(await meta.settings.get(SETTINGS_HASH), settingsLib(), process.env.PII_PREFLIGHT_LOCALES);
  } catch (err) {
    err.piiSettings = true;
    throw err;
  }
  const { createPublishGuard } = require('pii-preflight');
  const prev = previousSecrets();
  return createPublishGuard({
    store, secret, locales: effective.locales, format: 'markdown',
    ...(effective.policy ? { policy: effective.policy } : {}),
    ...(prev.length ? { previousSecrets: prev } : {}),
    logger: { warn: (m) => winston.warn(`[pii-preflight] ${m}`), error: (m) => winston.error(`[pii-preflight] ${m}`) },
  });
}

function getGuard() {
  const secret = process.env.PII_PREFLIGHT_SECRET;
  if (!secret) {
    winston.error('[pii-preflight] PII_PREFLIGHT_SECRET is not set: every post is refused until it is.');
    return Promise.reject(new Error('This forum cannot accept posts right now: the administrator must set PII_PREFLIGHT_SECRET for the pii-preflight plugin (see its README).'));
  }
  if (!guardPromise) {
    const gen = generation;
    const p = buildGuard(secret);
    guardPromise = p;
    p.catch((err) => {
      if (err && err.piiSettings) winston.error(`[pii-preflight] ${err.message}`);
      if (generation === gen && guardPromise === p) guardPromise = undefined;
    });
  }
  return guardPromise.catch((err) => {
    if (err && err.piiSettings) {
      throw new Error('This forum cannot accept posts right now: the pii-preflight settings are not valid; the administrator must correct them at /admin/plugins/pii-preflight.');
    }
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

/** The ACP settings changed (here or in another NodeBB process): the next post builds a new guard. */
function resetGuard() {
  generation++;
  guardPromise = undefined;
}

let scannerCache;
/** A scanner with the current settings' locales (all supported ones if the settings are broken), for masking at /post-queue. */
async function currentScanner() {
  if (scannerCache && scannerCache.generation === generation) return scannerCache.scanner;
  const gen = generation;
  const meta = require.main.require('./src/meta');
  const lib = settingsLib();
  let locales;
  try {
    locales = resolveSettings(await meta.settings.get(SETTINGS_HASH), lib, process.env.PII_PREFLIGHT_LOCALES).locales;
  } catch {
    locales = [...lib.supportedLocales];
  }
  const scanner = require('pii-preflight').createScanner({ locales });
  scannerCache = { generation: gen, scanner };
  return scanner;
}

async function scanHeldFields(fields) {
  const scanner = await currentScanner();
  return scanner.scanFields(fields, { format: 'markdown' }).findings.map((f) => ({ field: f.field, start: f.start, end: f.end, masked: f.masked }));
}

async function renderMarkdown(text) {
  const plugins = require.main.require('./src/plugins');
  return plugins.hooks.fire('filter:parse.raw', text);
}

const hooks = createPiiHooks({
  getGuard, format: 'markdown', lib: loadLib(), findingMessage: (type) => require('pii-preflight').findingMessage(type, 'en'), scanFields: scanHeldFields, renderMarkdown,
  resolveReview: async (id, action) => (await getStore()).reviews.act(id, {
    action, moderatorId: 'nodebb-post-queue', reason: action === 'approve' ? 'accepted at /post-queue' : 'removed from /post-queue',
  }),
  logger: { warn: (m) => winston.warn(m), error: (m) => winston.error(m) },
});

/** Admin-facing facts about the environment settings: whether they are set, never their values. */
function envFacts() {
  return {
    secretSet: Boolean(process.env.PII_PREFLIGHT_SECRET),
    dbSet: Boolean(process.env.PII_PREFLIGHT_DB),
    storeKind: process.env.PII_PREFLIGHT_DB ? '' : (nconf.get('database') === 'postgres' ? 'the forum\'s PostgreSQL' : 'SQLite beside NodeBB'),
  };
}

/** The ACP page's data (also GET /api/admin/plugins/pii-preflight). */
async function adminData() {
  const meta = require.main.require('./src/meta');
  const lib = settingsLib();
  const stored = await meta.settings.get(SETTINGS_HASH);
  let effective;
  let settingsError;
  try {
    effective = resolveSettings(stored, lib, process.env.PII_PREFLIGHT_LOCALES);
  } catch (err) {
    settingsError = err.message;
  }
  let store;
  let storeError;
  if (!process.env.PII_PREFLIGHT_SECRET) {
    storeError = 'PII_PREFLIGHT_SECRET is not set: every post is refused until it is.';
  } else {
    try {
      store = await getStore();
    } catch (err) {
      storeError = `The store could not be opened (${(err && (err.code || err.name)) || 'error'}).`;
    }
  }
  return adminPageData({
    store, storeError, env: envFacts(), stored, effective, settingsError,
    supportedLocales: lib.supportedLocales,
    shippedPolicyVersion: require('pii-preflight').defaultPolicy.version,
  });
}

module.exports = {
  shouldQueue: hooks.shouldQueue,
  postQueueSave: hooks.postQueueSave,
  postQueueGet: hooks.postQueueGet,
  postQueueSubmit: hooks.postQueueSubmit,
  postQueueRemove: hooks.postQueueRemove,
  notificationCreate: hooks.notificationCreate,
  notificationPush: hooks.notificationPush,
  postQueueAccepted: (hookData) => hooks.postQueueResolved(hookData, 'approve'),
  postQueueRemoved: (hookData) => hooks.postQueueResolved(hookData, 'reject'),
  /** `static:app.load`: the ACP page (NodeBB's admin middleware: admin:settings privilege, CSRF, relogin). */
  async appLoad({ router }) {
    const routeHelpers = require.main.require('./src/routes/helpers');
    routeHelpers.setupAdminPageRoute(router, '/admin/plugins/pii-preflight', async (req, res) => {
      res.render('admin/plugins/pii-preflight', await adminData());
    });
    if (!subscribed) {
      // meta.settings.set publishes this to every NodeBB process: each rebuilds its guard.
      require.main.require('./src/pubsub').on(`action:settings.set.${SETTINGS_HASH}`, resetGuard);
      subscribed = true;
    }
  },
  /** `filter:admin.header.build`: the ACP's Plugins menu entry. */
  async adminMenu(header) {
    header.plugins.push({ route: '/plugins/pii-preflight', icon: 'fa-user-shield', name: 'PII Preflight' });
    return header;
  },
  /**
   * `filter:settings.set`: whichever way this plugin's settings are saved (the ACP page's route,
   * NodeBB's generic settings socket), they are validated with the library first; invalid ones
   * are refused with the reasons (an Error the caller shows).
   */
  async settingsSet(hookData) {
    if (!hookData || hookData.plugin !== SETTINGS_HASH) return hookData;
    // A partial save (meta.settings.setOne) keeps the other stored values: validate the merge.
    const meta = require.main.require('./src/meta');
    const current = await meta.settings.get(SETTINGS_HASH);
    const r = validateSettings({ ...current, ...hookData.settings }, settingsLib());
    if (!r.ok) throw new Error(r.errors.join(' '));
    hookData.settings = r.stored;
    return hookData;
  },
  /** `action:settings.set`: this process's guard is rebuilt at the next post (others via pubsub, see appLoad). */
  settingsChanged(hookData) {
    if (hookData && hookData.plugin === SETTINGS_HASH) resetGuard();
  },
  topicPost: hooks.topicPost,
  topicReply: hooks.topicPost,
  postEdit: hooks.postEdit,
  /** `static:api.routes`: POST /api/v3/plugins/pii-preflight/check (signed-in users; `live: true` while typing). */
  async addRoutes({ router, middleware }) {
    const routeHelpers = require.main.require('./src/routes/helpers');
    const controllerHelpers = require.main.require('./src/controllers/helpers');
    // PUT /api/v3/plugins/pii-preflight/settings — the ACP page saves here (NodeBB's CSRF check
    // applies to session requests); administrators with admin:settings only.
    routeHelpers.setupApiRoute(router, 'put', '/pii-preflight/settings', [middleware.ensureLoggedIn], async (req, res) => {
      const privileges = require.main.require('./src/privileges');
      if (!await privileges.admin.can('admin:settings', req.uid)) return controllerHelpers.formatApiResponse(403, res);
      const r = validateSettings(req.body, settingsLib());
      if (!r.ok) return controllerHelpers.formatApiResponse(400, res, new Error(r.errors.join(' ')));
      const meta = require.main.require('./src/meta');
      // quiet: no "restart required" banner; the guard is rebuilt (settingsChanged / pubsub).
      await meta.settings.set(SETTINGS_HASH, r.stored, true);
      const effective = resolveSettings(r.stored, settingsLib(), process.env.PII_PREFLIGHT_LOCALES);
      return controllerHelpers.formatApiResponse(200, res, { settings: r.stored, locales: effective.locales, policy: effective.policyMode });
    });
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
