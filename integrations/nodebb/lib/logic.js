'use strict';
/**
 * The plugin's logic, without NodeBB: maps NodeBB's hook payloads to the library's publish core
 * (`createPublishGuard().evaluate()`) and its results back to what NodeBB expects (a thrown Error
 * is an HTTP 400 with its message; `shouldQueue = true` sends the post to the post queue).
 * library.js wires it to NodeBB; the tests drive it directly.
 */

const { heldNote, parseNote, renderNote, maskFields, escapeHtml } = require('./held');

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

function fieldsOf(data) {
  const fields = {};
  if (typeof data.title === 'string' && data.title.length > 0) fields.title = data.title;
  if (typeof data.content === 'string') fields.content = data.content;
  return fields;
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

/**
 * @param {{ getGuard: () => Promise<import('pii-preflight').PublishGuard>, format?: string, logger?: { warn: Function, error: Function }, findingMessage?: (type: string) => string, scanFields?: (fields: Record<string, string>) => Promise<Array<{ field: string, start: number, end: number, masked: string }>>, renderMarkdown?: (text: string) => Promise<string>, resolveReview?: (reviewId: string, action: 'approve' | 'reject') => Promise<unknown> }} options
 */
function createPiiHooks(options) {
  const { getGuard } = options;
  const format = options.format || 'markdown';
  const logger = options.logger || console;
  /** Submissions already decided at `filter:post.shouldQueue` (the same payload object reaches topic.post/reply). */
  const decided = new WeakSet();
  /** Why a submission the plugin sends to the post queue is held (masked), until `filter:post-queue.save` stores it. */
  const heldNotes = new WeakMap();
  const messageOf = typeof options.findingMessage === 'function' ? options.findingMessage : (type) => type;
  /** The scanner's findings in a held post's fields now ({ field, start, end, masked }[]), to mask them at /post-queue. */
  const scanFields = typeof options.scanFields === 'function' ? options.scanFields : async () => [];
  /** Markdown → HTML for /post-queue (NodeBB's `filter:parse.raw`); default: escaped text. */
  const renderMarkdown = typeof options.renderMarkdown === 'function'
    ? async (text) => { try { return String(await options.renderMarkdown(text)); } catch { return `<p>${escapeHtml(text)}</p>`; } }
    : async (text) => `<p>${escapeHtml(text)}</p>`;

  async function evaluate(uid, data, req, postRef) {
    const guard = await getGuard();
    const input = {
      userId: String(uid),
      fields: fieldsOf(data),
      format,
      acceptLanguage: headerOf(req, 'accept-language'),
      clientIp: typeof data.ip === 'string' ? data.ip : (req && typeof req.ip === 'string' ? req.ip : undefined),
      userAgent: headerOf(req, 'user-agent'),
    };
    const ack = ackOf(data);
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
      const note = payload && payload.data ? heldNotes.get(payload.data) : undefined;
      if (note) {
        payload.piiPreflight = JSON.stringify(note);
        heldNotes.delete(payload.data);
      }
      return payload;
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
          post.data.content = `${renderNote(note)}<p><em>The text could not be masked for display, so it is hidden.</em></p>`;
          continue;
        }
        const masked = maskFields(fields, { spans, digests }, found);
        if (masked.title !== undefined) post.data.title = masked.title;
        post.data.rawContent = masked.content;
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
    /** `filter:topic.post` / `filter:topic.reply`: the payload decided at shouldQueue, or a queued post a moderator approves, passes. */
    async topicPost(data) {
      if (data.fromQueue === true || decided.has(data)) return data;
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
     * The draft check: `{ title?, content }` → `{ findings, acknowledgement? }`. Findings are what
     * submitting the same text would ask about (policy and remembered values applied).
     */
    async check(uid, body, req) {
      if (typeof body !== 'object' || body === null || typeof body.content !== 'string' || (body.title !== undefined && typeof body.title !== 'string')) {
        return { status: 400, error: 'Send { "title"?: string, "content": string }.' };
      }
      const guard = await getGuard();
      const result = await guard.evaluate({ userId: String(uid), fields: fieldsOf(body), format, acceptLanguage: headerOf(req, 'accept-language') });
      switch (result.outcome) {
        case 'allow': return { status: 200, response: { findings: [] } };
        case 'warning':
          return { status: 200, response: { findings: result.findings, action: result.action, notice: result.notice.text, acknowledgement: result.acknowledgement } };
        case 'blocked':
          return { status: 200, response: { findings: result.findings, action: 'block', notice: result.notice.text, message: result.message } };
        default:
          return { status: result.status, error: result.message };
      }
    },
  };
}

module.exports = { createPiiHooks, PiiRefusal, ACK_FIELDS, refusalMessage };
