'use strict';
/*
 * nodebb-plugin-pii-preflight, browser side.
 *
 * Composer (nodebb-plugin-composer-default) and quick reply (core, under a topic):
 * - While the author types: a debounced draft check (`live: true`: nothing stored, no token) shows
 *   the findings, masked, with their localized messages, in a small panel by the text. The text is
 *   never touched and typing never waits for it.
 * - On submit: a check of exactly what will be sent (the draft check, then — only with findings —
 *   the server's own decision, with a token).
 *   With findings the submission stops before any request and the panel shows the notice, the
 *   findings and "Publish anyway" (re-submits with `piiAcknowledgement`) / "Go back and edit".
 *   Nothing typed is lost. If the check itself is unavailable, the post is submitted and the
 *   server decides (its refusal is shown by the composer's error hook, or NodeBB's alert).
 * - Quick reply has no submit hook: its button is intercepted (capture phase) for the same check,
 *   and the token is added to its request body in `filter:api.options`.
 * Nothing here writes a value of the post to the console or to storage.
 */
(function () {
  const ROUTE = '/plugins/pii-preflight/check';
  const DEBOUNCE_MS = 700;
  const QR_TEXT = '[component="topic/quickreply/text"]';
  const QR_BUTTON = '[component="topic/quickreply/button"]';
  const QR_CONTAINER = '[component="topic/quickreply/container"]';
  const FALLBACK_UI = {
    title: 'Check your post before publishing', publish: 'Publish anyway', edit: 'Go back and edit',
    review: 'A moderator will check this post before it appears.', blockedFinding: 'Not allowed on this forum: remove it to publish.',
  };

  /** Acknowledged submissions by composer uuid: { token, key } (key: the exact fields acknowledged). */
  const acked = {};
  /** Composer uuids whose next error alert is our own stop (the panel shows it instead). */
  const ownStop = {};
  /** Quick reply: the acknowledged content and token; `pass` lets the next click through unchecked. */
  const qr = { ack: null, pass: false, checking: false };

  function esc(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }
  function uiOf(data) {
    return Object.assign({}, FALLBACK_UI, (data && data.ui) || {});
  }
  function keyOf(body) {
    return JSON.stringify([body.title === undefined ? null : body.title, body.content]);
  }
  function composerEl(uuid) {
    // Composer uuids are generated ids (letters, digits, dashes): anything else is not ours.
    if (!/^[\w-]{1,64}$/.test(String(uuid))) return null;
    return document.querySelector(`.composer[data-uuid="${uuid}"]`);
  }

  function findingsHtml(findings, ui) {
    return findings.slice(0, 20).map((f) => `<li>${esc(f.message)} <code>${esc(f.masked)}</code>${f.field === 'title' ? ' (title)' : ''}`
      + `${f.action === 'block' ? ` <strong>${esc(ui.blockedFinding)}</strong>` : ''}</li>`).join('');
  }

  /** Inserts (once) a panel of `cls` into `host` before `before` (or first), and returns it. */
  function panelIn(host, cls, before) {
    let panel = host.querySelector(`.${cls}`);
    if (!panel) {
      panel = document.createElement('div');
      panel.className = cls;
      const ref = before && before.parentNode ? before : host.firstChild;
      (ref && ref.parentNode ? ref.parentNode : host).insertBefore(panel, ref || null);
    }
    return panel;
  }

  function composerHost(el) {
    const write = el.querySelector('.write-preview-container');
    return { host: write && write.parentNode ? write.parentNode : (el.querySelector('.composer-container') || el), before: write };
  }
  function quickHost(el) {
    const form = el.querySelector('form') || el;
    const msg = form.querySelector('.quickreply-message');
    return { host: form, before: msg ? msg.nextSibling : null };
  }

  /** The live panel (role=status): the findings while typing, or nothing. */
  function showLive(place, data) {
    const findings = (data && Array.isArray(data.findings)) ? data.findings : [];
    let panel = place.host.querySelector('.pii-preflight-live');
    if (findings.length === 0) {
      if (panel) panel.remove();
      return;
    }
    if (place.host.querySelector('.pii-preflight-panel')) return; // the submit panel already says it
    panel = panelIn(place.host, 'pii-preflight-live', place.before);
    const ui = uiOf(data);
    panel.className = 'pii-preflight-live alert alert-warning py-1 px-2 mb-1 small';
    panel.setAttribute('role', 'status');
    panel.setAttribute('aria-live', 'polite');
    panel.innerHTML = `<strong>${esc(ui.title)}</strong>${data.action === 'review' ? ` — ${esc(ui.review)}` : ''}<ul class="mb-0 ps-3">${findingsHtml(findings, ui)}</ul>`;
  }

  /**
   * The submit panel: notice, findings, and (when a token was given) "Publish anyway". `onAck`
   * gets the token; `onEdit` returns the author to the text.
   */
  function showPanel(place, data, onAck, onEdit) {
    const live = place.host.querySelector('.pii-preflight-live');
    if (live) live.remove();
    const panel = panelIn(place.host, 'pii-preflight-panel', place.before);
    const ui = uiOf(data);
    panel.className = 'pii-preflight-panel alert alert-warning p-2 mb-1';
    panel.setAttribute('role', 'alert');
    const token = data.acknowledgement && data.acknowledgement.token;
    const head = data.action === 'block' ? (data.message || ui.blocked || '') : '';
    panel.innerHTML = `<p class="mb-1 small">${head ? `<strong>${esc(head)}</strong> ` : ''}${esc(data.notice || '')}</p>`
      + (data.held ? `<p class="mb-1 small"><strong>${esc(data.held)}</strong></p>` : '')
      + `<ul class="mb-2 small">${findingsHtml(data.findings, ui)}</ul>`
      + (token ? `<button type="button" class="btn btn-sm btn-warning pii-preflight-ack">${esc(ui.publish)}</button> ` : '')
      + `<button type="button" class="btn btn-sm btn-link pii-preflight-edit">${esc(ui.edit)}</button>`;
    const ack = panel.querySelector('.pii-preflight-ack');
    if (ack) {
      ack.addEventListener('click', () => {
        panel.remove();
        onAck(token);
      });
    }
    panel.querySelector('.pii-preflight-edit').addEventListener('click', () => {
      panel.remove();
      onEdit();
    });
  }

  function clearPanels(host) {
    for (const p of host.querySelectorAll('.pii-preflight-panel, .pii-preflight-live')) p.remove();
  }

  require(['hooks', 'api'], (hooks, api) => {
    // Guests get no check (they share uid 0, see the README); asking would make NodeBB offer a
    // re-login on the 401. Their posts are decided by the server alone.
    const signedIn = () => Boolean(window.app && window.app.user && Number(window.app.user.uid) > 0);
    const check = (body) => (signedIn() ? api.post(ROUTE, body) : Promise.reject(new Error('not signed in')));
    /**
     * The submit check: the draft check first (stores nothing), and only when it finds something
     * the server's decision with a token (counted as one warning, like the Express 422). A clean
     * post is not counted twice.
     */
    const submitCheck = async (body) => {
      const draft = await check(Object.assign({ live: true }, body));
      if (!draft || !Array.isArray(draft.findings) || draft.findings.length === 0) return draft;
      return check(body);
    };

    /** Debounced live checks per text box; a newer check wins over an older answer. */
    const live = new WeakMap();
    function scheduleLive(box, bodyOf, placeOf) {
      let state = live.get(box);
      if (!state) {
        state = { timer: 0, seq: 0 };
        live.set(box, state);
      }
      clearTimeout(state.timer);
      state.timer = setTimeout(() => {
        const body = bodyOf();
        const seq = ++state.seq;
        if (!body || !/\S/.test(body.content + (body.title || ''))) {
          const place = placeOf();
          if (place) showLive(place, { findings: [] });
          return;
        }
        check(Object.assign({ live: true }, body)).then((data) => {
          const place = placeOf();
          if (seq === state.seq && place) showLive(place, data);
        }, () => { /* the live check is best effort: the submit check and the server still decide */ });
      }, DEBOUNCE_MS);
    }

    // ---- composer ----------------------------------------------------------------------------
    /** What the composer will send for this post: a title only for new topics and edits (as the server reads it). */
    function composerBody(el, action) {
      const ta = el.querySelector('textarea.write') || el.querySelector('textarea');
      if (!ta) return null;
      const body = { content: ta.value };
      const title = el.querySelector('input.title');
      if ((action === 'topics.post' || action === 'posts.edit') && title && title.value) body.title = title.value;
      return body;
    }
    /** The composer's action (`topics.post`, `posts.reply`, `posts.edit`) by uuid, from `action:composer.enhanced`. */
    const actions = {};
    function clickPost(el) {
      const buttons = [...el.querySelectorAll('[data-action="post"]')];
      const visible = buttons.find((b) => b.offsetParent !== null) || buttons[0];
      if (visible) visible.click();
    }
    function focusText(el) {
      const ta = el.querySelector('textarea.write') || el.querySelector('textarea');
      if (ta) ta.focus();
    }

    hooks.on('action:composer.enhanced', ({ postContainer, postData }) => {
      const el = postContainer && postContainer.get ? postContainer.get(0) : postContainer;
      if (!el || el.getAttribute('data-pii-preflight') === '1') return;
      el.setAttribute('data-pii-preflight', '1');
      const action = postData && postData.action;
      const uuid0 = el.getAttribute('data-uuid');
      if (uuid0) actions[uuid0] = action;
      const run = () => scheduleLive(el, () => composerBody(el, action), () => composerHost(el));
      el.addEventListener('input', (e) => {
        if (!e.target.matches || !e.target.matches('textarea, input.title')) return;
        const uuid = el.getAttribute('data-uuid');
        const submit = el.querySelector('.pii-preflight-panel');
        if (submit) submit.remove();
        if (uuid) delete acked[uuid];
        run();
      });
      run(); // a restored draft or text from quick reply
    });

    hooks.on('filter:composer.check', async (payload) => {
      if (payload.error) return payload;
      const uuid = payload.post_uuid;
      const el = composerEl(uuid);
      const action = payload.postData && payload.postData.action;
      const body = el && composerBody(el, action);
      if (!body) return payload;
      const key = keyOf(body);
      if (acked[uuid] && acked[uuid].key === key) return payload;
      delete acked[uuid];
      let data;
      try {
        data = await submitCheck(body);
      } catch {
        return payload; // unavailable: submit, the server decides
      }
      if (!data || !Array.isArray(data.findings) || data.findings.length === 0) return payload;
      showPanel(composerHost(el), data, (token) => {
        acked[uuid] = { token, key };
        clickPost(el);
      }, () => focusText(el));
      ownStop[uuid] = true;
      payload.error = data.notice || uiOf(data).title;
      return payload;
    });

    hooks.on('filter:composer.submit', (payload) => {
      const el = payload && payload.composerEl && payload.composerEl.get ? payload.composerEl.get(0) : null;
      const uuid = el ? el.getAttribute('data-uuid') : payload && payload.composerData && payload.composerData.uuid;
      const data = payload && payload.composerData;
      const a = uuid !== undefined ? acked[uuid] : undefined;
      if (data && a) {
        const sent = { content: data.content };
        if ((payload.action === 'topics.post' || payload.action === 'posts.edit') && data.title) sent.title = data.title;
        if (keyOf(sent) === a.key) data.piiAcknowledgement = a.token;
        delete acked[uuid];
      }
      return payload;
    });

    hooks.on('filter:composer.error', async (payload) => {
      const uuid = payload.post_uuid;
      if (ownStop[uuid]) {
        delete ownStop[uuid];
        payload.showAlert = false;
        return payload;
      }
      // The server refused anyway (e.g. the token expired): show why, with a fresh token.
      const el = composerEl(uuid);
      const body = el && composerBody(el, actions[uuid]);
      if (!body) return payload;
      try {
        const data = await check(body);
        if (data && Array.isArray(data.findings) && data.findings.length > 0) {
          payload.showAlert = false;
          const key = keyOf(body);
          showPanel(composerHost(el), data, (token) => {
            acked[uuid] = { token, key };
            clickPost(el);
          }, () => focusText(el));
        }
      } catch {
        // The check is unavailable: NodeBB's own alert shows the refusal.
      }
      return payload;
    });

    // ---- quick reply -------------------------------------------------------------------------
    function quickParts(from) {
      const container = from.closest(QR_CONTAINER);
      if (!container) return null;
      const ta = container.querySelector(QR_TEXT);
      const button = container.querySelector(QR_BUTTON);
      return ta && button ? { container, ta, button } : null;
    }

    document.addEventListener('input', (e) => {
      if (!e.target.matches || !e.target.matches(QR_TEXT)) return;
      const parts = quickParts(e.target);
      if (!parts) return;
      const submit = parts.container.querySelector('.pii-preflight-panel');
      if (submit) submit.remove();
      qr.ack = null;
      scheduleLive(parts.ta, () => ({ content: parts.ta.value }), () => (parts.container.isConnected ? quickHost(parts.container) : null));
    });

    // Capture phase: runs before quick reply's own click handler, which clears the box and posts.
    document.addEventListener('click', (e) => {
      const target = e.target && e.target.closest ? e.target.closest(QR_BUTTON) : null;
      if (!target) return;
      const parts = quickParts(target);
      if (!parts) return;
      if (qr.pass) {
        qr.pass = false;
        return;
      }
      const content = parts.ta.value;
      if (qr.ack && qr.ack.content === content) return; // acknowledged: filter:api.options adds the token
      qr.ack = null;
      e.preventDefault();
      e.stopImmediatePropagation();
      if (qr.checking) return;
      qr.checking = true;
      const go = () => {
        qr.pass = true;
        parts.button.click();
      };
      submitCheck({ content }).then((data) => {
        qr.checking = false;
        if (!data || !Array.isArray(data.findings) || data.findings.length === 0 || parts.ta.value !== content) return go();
        showPanel(quickHost(parts.container), data, (token) => {
          qr.ack = { token, content };
          parts.button.click();
        }, () => parts.ta.focus());
        return undefined;
      }, () => {
        qr.checking = false;
        go(); // unavailable (or a guest): the server decides; a refusal keeps the text
      });
    }, true);

    // Quick reply's request: its body is already a JSON string here. Only a reply whose content is
    // exactly the acknowledged one gets the token.
    hooks.on('filter:api.options', (payload) => {
      const a = qr.ack;
      const o = payload && payload.options;
      if (!a || !o || String(o.method || '').toUpperCase() !== 'POST' || typeof o.data !== 'string') return payload;
      let body;
      try {
        body = JSON.parse(o.data);
      } catch {
        return payload;
      }
      if (!body || typeof body !== 'object' || (body.tid === undefined && body.cid === undefined) || body.uuid !== undefined || body.live !== undefined || body.content !== a.content) return payload;
      body.piiAcknowledgement = a.token;
      o.data = JSON.stringify(body);
      qr.ack = null;
      return payload;
    });

    hooks.on('action:ajaxify.start', () => {
      qr.ack = null;
      qr.pass = false;
    });

    hooks.on('action:quickreply.success', () => {
      for (const c of document.querySelectorAll(QR_CONTAINER)) clearPanels(c);
    });
  });
}());
