'use strict';
/**
 * The plugin's logic, without NodeBB: maps NodeBB's hook payloads to the library's publish core
 * (`createPublishGuard().evaluate()`) and its results back to what NodeBB expects (a thrown Error
 * is an HTTP 400 with its message; `shouldQueue = true` sends the post to the post queue).
 * library.js wires it to NodeBB; the tests drive it directly.
 */

const { createHash } = require('crypto');
const { heldNote, parseNote, renderNote, maskFields, escapeHtml } = require('./held');

/**
 * Marks a queued submission whose text is the one checked when it was queued. A Symbol: no request
 * body can carry it, and object spread / cloneDeep by other plugins keep it.
 */
const QUEUE_CHECKED = Symbol('pii-preflight.queueChecked');

/** A digest of the text fields as the guard reads them (what was checked when a post was queued). */
function fieldsDigest(fields) {
  const h = createHash('sha256');
  for (const k of Object.keys(fields).sort()) h.update(`${k}\u0000${fields[k].length}\u0000${fields[k]}\u0000`, 'utf8');
  return h.digest('hex');
}

/** Submission fields the plugin reads and removes before NodeBB stores the post. */
const ACK_FIELDS = ['piiAcknowledgement', 'piiAcknowledgementReason', 'piiAcknowledgementNote', 'piiRememberValues'];
const TRUE_VALUES = new Set(['true', 'on', '1', 'yes']);

/** An Error NodeBB answers as HTTP 400 with `message`; `pii` carries the result for server-side callers. */
class PiiRefusal extends Error {
  constructor(message, result) {
    super(message);
    this.name = 'PiiRefusal';
    this.pii = result;
  }
}

/** Where the submission body's text can be: NodeBB shows `sourceContent` instead of `content` when set (src/posts/parse.js). */
const TEXT_FIELDS = ['title', 'content', 'sourceContent'];

function fieldsOf(data) {
  const fields = {};
  if (typeof data.title === 'string' && data.title.length > 0) fields.title = data.title;
  if (typeof data.content === 'string') fields.content = data.content;
  // Extra body fields reach NodeBB (topics `{...data}`, replies and edits `{...req.body}`):
  // posts.create stores `sourceContent` and every page renders it in place of `content`.
  if (typeof data.sourceContent === 'string' && data.sourceContent.length > 0) fields.sourceContent = data.sourceContent;
  return fields;
}

/**
 * A text field NodeBB would turn into text with String() (an array, a number, an object) is not
 * one the scanner reads: such a submission is refused rather than published unchecked.
 */
function assertTextFields(data) {
  for (const k of TEXT_FIELDS) {
    const v = data[k];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      throw new PiiRefusal('The post could not be checked for personal information: its title and text must be plain text.', { outcome: 'invalid', code: 'invalid_input' });
    }
  }
}

function ackOf(data) {
  const token = data.piiAcknowledgement;
  if (typeof token !== 'string' || token.length === 0) return undefined;
  const ack = { token, method: 'json' };
  if (typeof data.piiAcknowledgementReason === 'string' && data.piiAcknowledgementReason) ack.reason = data.piiAcknowledgementReason;
  if (typeof data.piiAcknowledgementNote === 'string') ack.note = data.piiAcknowledgementNote;
  const remember = data.piiRememberValues;
  if (remember === true || (typeof remember === 'string' && TRUE_VALUES.has(remember.toLowerCase()))) ack.remember = true;
  return ack;
}

function stripAck(data) {
  for (const k of ACK_FIELDS) if (Object.prototype.hasOwnProperty.call(data, k)) delete data[k];
}

function headerOf(req, name) {
  const h = req && req.headers && req.headers[name];
  return typeof h === 'string' ? h : undefined;
}

/** The refusal message: the localized notice, then each finding (masked) and where it is. */
function refusalMessage(result) {
  const parts = result.findings.slice(0, 10).map((f) => `${f.message} (${f.masked})`);
  const head = result.outcome === 'blocked' ? `${result.message} ${result.notice.text}` : result.notice.text;
  return parts.length > 0 ? `${head} ${parts.join(' ')}` : head;
}

const ACTION_RANK = { warn: 1, review: 2, block: 3 };
/** The strongest policy action among findings (`block` > `review` > `warn`). */
function strongest(findings) {
  let best = 'warn';
  for (const f of findings) if ((ACTION_RANK[f.action] || 0) > ACTION_RANK[best]) best = f.action;
  return best;
}

/** The labels the composer panel shows, in the author's language (from the library's notice packs). */
function uiOf(notice) {
  const u = notice.ui || {};
  return { title: u.title, intro: u.intro, publish: u.publish, edit: u.edit, review: u.review, blocked: u.blocked, blockedFinding: u.blockedFinding, thirdParty: u.thirdParty };
}

/**
 * A fixed-window budget per key (the user id), in memory: `take(key)` is false once `limit`
 * requests were made in the current `windowMs`. Old windows are dropped as the map grows.
 */
function createLimiter({ windowMs, limit }) {
  const windows = new Map();
  return {
    take(key, now = Date.now()) {
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        if (windows.size >= 10_000) for (const [k, v] of windows) if (now - v.start >= windowMs) windows.delete(k);
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count <= limit;
    },
  };
}

/**
 * @param {{ getGuard: () => Promise<import('pii-preflight').PublishGuard>, format?: string, logger?: { warn: Function, error: Function }, lib?: { checkDraft: Function, resolveNotice: Function, defaultNotice: object }, notice?: object, checkRateLimit?: { windowMs: number, limit: number }, findingMessage?: (type: string) => string, scanFields?: (fields: Record<string, string>) => Promise<Array<{ field: string, start: number, end: number, masked: string }>>, renderMarkdown?: (text: string) => Promise<string>, resolveReview?: (reviewId: string, action: 'approve' | 'reject') => Promise<unknown> }} options
 */
function createPiiHooks(options) {
  const { getGuard } = options;
  const format = options.format || 'markdown';
  const logger = options.logger || console;
  /** The library's draft check and notices (`require('pii-preflight')`), for the live check and localized labels. */
  const lib = options.lib;
  const limiter = createLimiter(options.checkRateLimit || { windowMs: 60_000, limit: 120 });
  /** Submissions already decided at `filter:post.shouldQueue` (the same payload object reaches topic.post/reply). */
  const decided = new WeakSet();
  /** The digest of the text checked at shouldQueue, until `filter:post-queue.save` stores it with a queued item. */
  const checkedDigests = new WeakMap();
  /** Why a submission the plugin sends to the post queue is held (masked), until `filter:post-queue.save` stores it. */
  const heldNotes = new WeakMap();
  const messageOf = typeof options.findingMessage === 'function' ? options.findingMessage : (type) => type;
  /** The scanner's findings in a held post's fields now ({ field, start, end, masked }[]), to mask them at /post-queue. */
  const scanFields = typeof options.scanFields === 'function' ? options.scanFields : async () => [];
  /** Markdown → HTML for /post-queue (NodeBB's `filter:parse.raw`); default: escaped text. */
  const renderMarkdown = typeof options.renderMarkdown === 'function'
    ? async (text) => { try { return String(await options.renderMarkdown(text)); } catch { return `<p>${escapeHtml(text)}</p>`; } }
    : async (text) => `<p>${escapeHtml(text)}</p>`;

  /** Masked texts for the notification NodeBB sends about a held post (by nid), between post-queue.save and notification.push. */
  const heldNotices = new Map();
  async function rememberHeldNotice(payload, note) {
    const fields = {};
    if (typeof payload.data.title === 'string' && payload.data.title.length > 0) fields.title = payload.data.title;
    // What posts.addToQueue shows: `sourceContent || content`.
    const shown = typeof payload.data.sourceContent === 'string' && payload.data.sourceContent ? payload.data.sourceContent : payload.data.content;
    fields.content = typeof shown === 'string' ? shown : '';
    let entry;
    try {
      const masked = maskFields(fields, note, await scanFields(fields));
      const contentHtml = await renderMarkdown(masked.content);
      entry = { title: masked.title, contentHtml, bodyLong: payload.type === 'reply' ? contentHtml : escapeHtml(masked.title || '') };
    } catch (err) {
      logger.error(`[pii-preflight] could not mask the notification of queued item ${payload.id.slice(0, 60)}: ${err && (err.code || err.name)}`);
      const hidden = '(hidden: held by pii-preflight)';
      entry = { title: fields.title !== undefined ? hidden : undefined, contentHtml: `<p>${hidden}</p>`, bodyLong: hidden };
    }
    if (heldNotices.size >= 200) heldNotices.delete(heldNotices.keys().next().value);
    heldNotices.set(`post-queue-${payload.id}`, entry);
  }

  async function evaluate(uid, data, req, postRef) {
    assertTextFields(data);
    const guard = await getGuard();
    const input = {
      userId: String(uid),
      fields: fieldsOf(data),
      format,
      acceptLanguage: headerOf(req, 'accept-language'),
      clientIp: typeof data.ip === 'string' ? data.ip : (req && typeof req.ip === 'string' ? req.ip : undefined),
      userAgent: headerOf(req, 'user-agent'),
    };
    // Guests all share uid 0: an acknowledgement bound to it would be any guest's, so none counts.
    const ack = Number(uid) > 0 ? ackOf(data) : undefined;
    if (ack) input.acknowledgement = ack;
    if (postRef) input.postRef = postRef;
    const result = await guard.evaluate(input);
    switch (result.outcome) {
      case 'allow':
      case 'acknowledged':
        stripAck(data);
        return result;
      case 'warning':
      case 'blocked':
        throw new PiiRefusal(refusalMessage(result), result);
      default:
        logger.error(`[pii-preflight] post refused: ${result.code}`);
        throw new PiiRefusal(result.code === 'store_unavailable'
          ? 'Posts cannot be checked for personal information right now; please try again in a moment.'
          : result.message, result);
    }
  }

  return {
    /** `filter:post.shouldQueue` ({ shouldQueue, uid, data }): runs first for new topics and replies. */
    async shouldQueue(hookData) {
      const { data } = hookData;
      const result = await evaluate(hookData.uid, data, data.req);
      decided.add(data);
      checkedDigests.set(data, fieldsDigest(fieldsOf(data)));
      if (result.outcome === 'acknowledged' && result.policyAction === 'review') {
        hookData.shouldQueue = true;
        heldNotes.set(data, heldNote(result, messageOf, fieldsOf(data)));
      }
      return hookData;
    },
    /**
     * `filter:post-queue.save` ({ id, uid, type, data }): the queued item gets the note on why the
     * plugin held it (`piiPreflight`, JSON, masked values only), stored beside NodeBB's own fields.
     */
    async postQueueSave(payload) {
      // What was checked: the author (and moderators) can edit a queued item's text
      // (PUT /api/v3/posts/queue/:id, no hook); accepting it must not publish the new text unchecked.
      const checked = payload && payload.data ? checkedDigests.get(payload.data) : undefined;
      if (checked) payload.piiPreflightChecked = checked;
      else if (payload) delete payload.piiPreflightChecked;
      const note = payload && payload.data ? heldNotes.get(payload.data) : undefined;
      if (note) {
        payload.piiPreflight = JSON.stringify(note);
        heldNotes.delete(payload.data);
        if (typeof payload.id === 'string') await rememberHeldNotice(payload, note);
      }
      return payload;
    },
    /**
     * `filter:notifications.create` ({ data }): the moderators' notification of a held post
     * (posts.addToQueue: `bodyLong` is the title or the rendered content) gets the masked text.
     */
    async notificationCreate(hookData) {
      const n = hookData && hookData.data;
      const masked = n && n.type === 'post-queue' && typeof n.nid === 'string' ? heldNotices.get(n.nid) : undefined;
      if (masked) n.bodyLong = masked.bodyLong;
      return hookData;
    },
    /**
     * `filter:notification.push` ({ notification, uids }): the same, and the fields the post-queue
     * email reads (`content`, `topic.title`: emails/partials/post-queue-body.tpl) are masked too.
     */
    async notificationPush(hookData) {
      const n = hookData && hookData.notification;
      const masked = n && n.type === 'post-queue' && typeof n.nid === 'string' ? heldNotices.get(n.nid) : undefined;
      if (!masked) return hookData;
      heldNotices.delete(n.nid);
      n.bodyLong = masked.bodyLong;
      if (n.content !== undefined) n.content = masked.contentHtml;
      if (masked.title !== undefined && n.topic && typeof n.topic === 'object') n.topic.title = masked.title;
      return hookData;
    },
    /**
     * `filter:post-queue.get` ({ posts, req }): what /post-queue (and /api/post-queue) shows. A
     * queued item the plugin held shows the note (escaped HTML) above its content, and its title,
     * content and the edit box's text are masked: no raw value reaches the page. It cannot be
     * edited there (saving the masked text would replace the author's). It carries the note,
     * parsed, as `piiPreflight`.
     */
    async postQueueGet(hookData) {
      const posts = hookData && Array.isArray(hookData.posts) ? hookData.posts : [];
      for (const post of posts) {
        if (!post || typeof post.piiPreflight !== 'string') continue;
        const note = parseNote(post.piiPreflight);
        if (!note) { delete post.piiPreflight; continue; }
        const { spans, digests, ...shown } = note;
        post.piiPreflight = shown;
        if (!post.data || typeof post.data !== 'object') continue;
        const fields = {};
        if (typeof post.data.title === 'string' && post.data.title.length > 0) fields.title = post.data.title;
        fields.content = typeof post.data.rawContent === 'string' ? post.data.rawContent : '';
        post.canEdit = false;
        let found;
        try {
          found = await scanFields(fields);
        } catch (err) {
          // Not masked, not shown: the note and a placeholder instead of the text.
          logger.error(`[pii-preflight] could not mask queued item ${String(post.id).slice(0, 60)}: ${err && (err.code || err.name)}`);
          if (fields.title !== undefined) post.data.title = '(title hidden)';
          post.data.rawContent = '';
          if (post.data.sourceContent !== undefined) post.data.sourceContent = '';
          post.data.content = `${renderNote(note)}<p><em>The text could not be masked for display, so it is hidden.</em></p>`;
          continue;
        }
        const masked = maskFields(fields, { spans, digests }, found);
        if (masked.title !== undefined) post.data.title = masked.title;
        post.data.rawContent = masked.content;
        // NodeBB showed `sourceContent || content` (now masked above); the raw field itself stays in the item.
        if (post.data.sourceContent !== undefined) post.data.sourceContent = masked.content;
        post.data.content = `${renderNote(note)}${await renderMarkdown(masked.content)}`;
      }
      return hookData;
    },
    /**
     * `action:post-queue:submitFromQueue` / `action:post-queue:removeFromQueue` ({ data: the
     * queued item }): a held post accepted or removed at /post-queue resolves its review item in
     * the library's queue (approve / reject), so the ACP's counts follow NodeBB's queue. NodeBB
     * does not pass the moderator to these hooks: the item records `nodebb-post-queue`.
     */
    async postQueueResolved(hookData, action) {
      const item = hookData && hookData.data;
      const note = item && typeof item.piiPreflight === 'string' ? parseNote(item.piiPreflight) : undefined;
      if (!note || !note.reviewId || typeof options.resolveReview !== 'function') return;
      try {
        await options.resolveReview(note.reviewId, action);
      } catch (err) {
        // Already resolved (conflict) or the store is down: NodeBB's decision stands either way.
        logger.warn(`[pii-preflight] review item ${note.reviewId} not marked ${action}: ${err && (err.code || err.name)}`);
      }
    },
    /**
     * `filter:post-queue:removeFromQueue` ({ data: the queued item }): NodeBB deletes the item, then
     * writes its title and content to the admin event log (api/posts.js logQueueEvent). A held
     * item rejected there would leave its raw text in that log: it goes there masked.
     */
    async postQueueRemove(hookData) {
      const item = hookData && hookData.data;
      const note = item && typeof item.piiPreflight === 'string' ? parseNote(item.piiPreflight) : undefined;
      if (!note || typeof item.data !== 'object' || item.data === null) return hookData;
      const fields = {};
      for (const k of TEXT_FIELDS) if (typeof item.data[k] === 'string' && item.data[k].length > 0) fields[k] = item.data[k];
      try {
        const masked = maskFields(fields, note, await scanFields(fields));
        Object.assign(item.data, masked);
      } catch (err) {
        logger.error(`[pii-preflight] could not mask removed queued item ${String(item.id).slice(0, 60)}: ${err && (err.code || err.name)}`);
        for (const k of Object.keys(fields)) item.data[k] = '(hidden: held by pii-preflight)';
      }
      return hookData;
    },
    /**
     * `filter:post-queue:submitFromQueue` ({ data: the queued item }), before NodeBB publishes an
     * accepted item: its text passes unchecked only if it is the text checked when it was queued.
     */
    async postQueueSubmit(hookData) {
      const item = hookData && hookData.data;
      if (!item || typeof item.data !== 'object' || item.data === null) return hookData;
      delete item.data[QUEUE_CHECKED];
      if (typeof item.piiPreflightChecked === 'string' && !TEXT_FIELDS.some((k) => item.data[k] !== undefined && item.data[k] !== null && typeof item.data[k] !== 'string')
        && item.piiPreflightChecked === fieldsDigest(fieldsOf(item.data))) {
        item.data[QUEUE_CHECKED] = true;
      }
      return hookData;
    },
    /**
     * `filter:topic.post` / `filter:topic.reply`: the payload decided at shouldQueue passes, and so
     * does an accepted queued item whose text is unchanged since it was checked (postQueueSubmit).
     * Anything else is checked here: a queued item edited after it was queued, or one queued
     * before this check existed, is refused if it needs an acknowledgement.
     */
    async topicPost(data) {
      if (decided.has(data) || (data.fromQueue === true && data[QUEUE_CHECKED] === true)) return data;
      await evaluate(data.uid, data, data.req);
      return data;
    },
    /** `filter:post.edit` ({ req, post, data, uid }). */
    async postEdit(hookData) {
      const { data } = hookData;
      const pid = data.pid !== undefined ? data.pid : hookData.post && hookData.post.pid;
      await evaluate(hookData.uid !== undefined ? hookData.uid : data.uid, data, hookData.req, pid !== undefined ? `nodebb:post:${pid}` : undefined);
      return hookData;
    },
    /**
     * The check route, `{ title?, content, live? }` (signed-in users only):
     * - `live: true` — the draft check while the author types: findings (masked, localized, each
     *   with its policy action), nothing stored, no token (what the Express `checkRoute()` answers).
     * - otherwise — what submitting the same text would answer (policy and remembered values
     *   applied): the warning is recorded and `acknowledgement.token` minted, as the Express 422
     *   warning does. The composer asks for it once, when the author submits.
     */
    async check(uid, body, req) {
      // Guests all share uid 0: a token bound to it would be anyone's. They get no token (and no check).
      if (!(Number(uid) > 0)) return { status: 401, error: 'Sign in to check a post.' };
      if (typeof body !== 'object' || body === null || typeof body.content !== 'string' || (body.title !== undefined && typeof body.title !== 'string')
        || (body.live !== undefined && typeof body.live !== 'boolean')) {
        return { status: 400, error: 'Send { "title"?: string, "content": string, "live"?: boolean }.' };
      }
      if (!limiter.take(String(uid))) return { status: 429, error: 'Too many checks: wait a moment and try again.' };
      const guard = await getGuard();
      const acceptLanguage = headerOf(req, 'accept-language');
      const fields = fieldsOf(body);
      const notice = lib && lib.resolveNotice ? lib.resolveNotice(options.notice || lib.defaultNotice, acceptLanguage) : undefined;
      const ui = notice ? uiOf(notice) : undefined;
      if (body.live === true) {
        if (!lib || typeof lib.checkDraft !== 'function') return { status: 501, error: 'The live check is not available.' };
        const draft = lib.checkDraft(guard.scanner, { fields }, { format, acceptLanguage, policy: guard.policy });
        if (draft.outcome !== 'ok') return { status: draft.code === 'input_too_large' ? 413 : draft.code === 'invalid_input' ? 400 : 500, error: draft.message || 'The check failed.' };
        const findings = draft.findings.filter((f) => f.action !== undefined);
        const response = { live: true, findings };
        if (findings.length > 0) {
          response.action = strongest(findings);
          if (notice) response.notice = notice.text;
        }
        if (ui) response.ui = ui;
        return { status: 200, response };
      }
      const result = await guard.evaluate({ userId: String(uid), fields, format, acceptLanguage });
      switch (result.outcome) {
        case 'allow': return { status: 200, response: { findings: [], ...(ui ? { ui } : {}) } };
        case 'warning':
          return {
            status: 200,
            response: {
              findings: result.findings, action: result.action, notice: result.notice.text, acknowledgement: result.acknowledgement,
              ...(result.held ? { held: result.held.message } : {}), ...(ui ? { ui } : {}),
            },
          };
        case 'blocked':
          return { status: 200, response: { findings: result.findings, action: 'block', notice: result.notice.text, message: result.message, ...(ui ? { ui } : {}) } };
        default:
          return { status: result.status, error: result.message };
      }
    },
  };
}

module.exports = { createPiiHooks, PiiRefusal, ACK_FIELDS, refusalMessage, createLimiter };
