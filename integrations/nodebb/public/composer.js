'use strict';
/*
 * nodebb-plugin-pii-preflight, composer side (nodebb-plugin-composer-default). On a refusal the
 * composer stays open with the text intact; this shows the notice, the findings (masked) and an
 * acknowledge action that submits again with the token. Nothing typed is lost.
 */
(function () {
  const pending = {};

  function esc(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }

  function composerEl(uuid) {
    // Composer uuids are generated ids (letters, digits, dashes): anything else is not ours.
    if (!/^[\w-]{1,64}$/.test(String(uuid))) return null;
    return document.querySelector(`.composer[data-uuid="${uuid}"]`);
  }

  function showPanel(el, uuid, data) {
    let panel = el.querySelector('.pii-preflight-panel');
    if (!panel) {
      panel = document.createElement('div');
      panel.className = 'pii-preflight-panel alert alert-warning m-2';
      panel.setAttribute('role', 'alert');
      const anchor = el.querySelector('.composer-container') || el.firstElementChild || el;
      anchor.insertBefore(panel, anchor.firstChild);
    }
    const items = data.findings.map((f) => `<li>${esc(f.message)} <code>${esc(f.masked)}</code>${f.field === 'title' ? ' (title)' : ''}</li>`).join('');
    const canAck = data.acknowledgement && data.acknowledgement.token;
    panel.innerHTML = `<p class="mb-1">${esc(data.notice || data.message || '')}</p><ul class="mb-2">${items}</ul>`
      + (canAck ? '<button type="button" class="btn btn-sm btn-warning pii-preflight-ack">Post anyway: I understand</button> ' : '')
      + '<button type="button" class="btn btn-sm btn-link pii-preflight-edit">Edit my post</button>';
    const ack = panel.querySelector('.pii-preflight-ack');
    if (ack) {
      ack.addEventListener('click', () => {
        pending[uuid] = data.acknowledgement.token;
        panel.remove();
        const submit = el.querySelector('[data-action="post"], .composer-submit');
        if (submit) submit.click();
      });
    }
    panel.querySelector('.pii-preflight-edit').addEventListener('click', () => {
      panel.remove();
      const ta = el.querySelector('textarea');
      if (ta) ta.focus();
    });
  }

  require(['hooks', 'api'], (hooks, api) => {
    hooks.on('filter:composer.submit', (payload) => {
      const uuid = payload && (payload.post_uuid || (payload.composerEl && payload.composerEl.attr && payload.composerEl.attr('data-uuid')));
      const data = payload && (payload.composerData || payload.postData);
      const token = uuid !== undefined ? pending[uuid] : undefined;
      if (data && token) {
        data.piiAcknowledgement = token;
        delete pending[uuid];
      }
      return payload;
    });

    hooks.on('filter:composer.error', async (payload) => {
      const el = composerEl(payload.post_uuid);
      if (!el) return payload;
      const title = el.querySelector('input.title');
      const ta = el.querySelector('textarea.write') || el.querySelector('textarea');
      if (!ta) return payload;
      try {
        const body = { content: ta.value };
        if (title && title.value) body.title = title.value;
        const data = await api.post('/plugins/pii-preflight/check', body);
        if (data && Array.isArray(data.findings) && data.findings.length > 0) {
          payload.showAlert = false;
          showPanel(el, payload.post_uuid, data);
        }
      } catch {
        // The check is unavailable: NodeBB's own alert shows the refusal.
      }
      return payload;
    });
  });
}());
