/**
 * The dashboard's script, served by the router at `assets/dashboard.js` (CSP `script-src 'self'`).
 * Progressive enhancement only: keyboard shortcuts, select-all and reason checks before a reject,
 * and "approve, then the next item" with an Undo. Every action is a plain form post, so the
 * dashboard works without it.
 *
 * Undo is a delayed commit: `a` shows "Approving… Undo" for UNDO_MS and only then posts the
 * approval, so an undone approval was never made and the audit trail holds only what happened.
 * Leaving the page inside the window sends the approval as the page goes (sendBeacon).
 */
export const UNDO_MS = 5000;

export const DASHBOARD_JS = `(function () {
  'use strict';
  var UNDO_MS = ${UNDO_MS};
  function typing(el) {
    if (!el || !el.tagName) return false;
    var t = el.tagName.toLowerCase();
    return t === 'input' || t === 'textarea' || t === 'select' || el.isContentEditable;
  }
  function button(action) {
    var b = document.querySelector('#act button[name="action"][value="' + action + '"]');
    return b && !b.disabled ? b : null;
  }
  function reasonGiven() {
    var canned = document.getElementById('canned');
    var text = document.getElementById('reason');
    return (canned && canned.value !== '') || (text && text.value.trim() !== '');
  }
  function askReason() {
    var hint = document.getElementById('reason-hint');
    if (hint) {
      hint.hidden = false;
      // Re-set the text so the alert is announced again on a second try.
      var t = hint.textContent; hint.textContent = ''; hint.textContent = t;
    }
    var canned = document.getElementById('canned');
    if (canned) canned.focus();
  }
  function move(delta) {
    var links = Array.prototype.slice.call(document.querySelectorAll('#items .row a.open'));
    if (links.length === 0) return;
    var current = -1;
    for (var i = 0; i < links.length; i++) {
      if (links[i].closest('.row').classList.contains('selected') || links[i] === document.activeElement) current = i;
    }
    var next = current < 0 ? 0 : Math.max(0, Math.min(links.length - 1, current + delta));
    if (next === current) { links[next].focus(); return; }
    window.location.assign(links[next].href);
  }

  // ---- approve with undo (delayed commit) ----
  var pending = null;
  var toast = document.getElementById('toast');
  function clearPending() {
    if (!pending) return;
    clearTimeout(pending.timer);
    pending = null;
    if (toast) { toast.hidden = true; toast.textContent = ''; }
  }
  // The page's words in the moderator's language (a JSON attribute on <body>), English otherwise.
  var T = { approving: 'Approving \u201c{title}\u201d in {s} s, then the next item opens.', approvingShort: 'Approving\u2026', undo: 'Undo',
    undone: 'Not approved: nothing was recorded.', checked: '{n} checked', pickItem: 'Check at least one item first.',
    bulkReason: 'Write a reason to reject: it is sent to the authors. Your selection is kept.' };
  try {
    var given = JSON.parse(document.body.getAttribute('data-strings') || '{}');
    Object.keys(T).forEach(function (k) { if (typeof given[k] === 'string') T[k] = given[k]; });
  } catch (e) { /* keep English */ }
  function say(template, values) {
    return template.replace(/\\{(title|s|n)\\}/g, function (m, k) { return String(values[k]); });
  }
  function commit() {
    if (!pending) return;
    var p = pending;
    pending = null;
    clearTimeout(p.timer);
    var next = document.querySelector('#act input[name="next"]');
    if (next) next.value = next.getAttribute('data-next') || '';
    if (toast) toast.firstChild.textContent = T.approvingShort;
    p.button.form.requestSubmit(p.button);
  }
  function approveWithUndo() {
    var b = button('approve');
    if (!b || pending) return;
    var form = document.getElementById('act');
    var title = form ? form.getAttribute('data-title') : '';
    if (!toast) { b.click(); return; }
    toast.textContent = '';
    var msg = document.createElement('span');
    msg.textContent = say(T.approving, { title: title, s: UNDO_MS / 1000 });
    var undo = document.createElement('button');
    undo.type = 'button';
    undo.className = 'undo';
    undo.textContent = T.undo;
    undo.setAttribute('aria-keyshortcuts', 'u');
    undo.addEventListener('click', function () { cancel(); });
    toast.appendChild(msg);
    toast.appendChild(undo);
    toast.hidden = false;
    pending = { button: b, timer: setTimeout(commit, UNDO_MS) };
  }
  function cancel() {
    if (!pending) return;
    clearPending();
    if (toast) {
      toast.hidden = false;
      var msg = document.createElement('span');
      msg.textContent = T.undone;
      toast.appendChild(msg);
      setTimeout(function () { if (!pending) { toast.hidden = true; toast.textContent = ''; } }, 3000);
    }
    var b = button('approve');
    if (b) b.focus();
  }

  // ---- filters fold away on a phone unless some are set ----
  var box = document.getElementById('filter-box');
  if (box && !box.hasAttribute('data-active') && window.matchMedia && window.matchMedia('(max-width: 640px)').matches) box.open = false;

  // Leaving the page during the undo window (a link, j/k, closing the tab) keeps the decision:
  // the approval is sent as the page goes (same form fields, CSRF token included).
  window.addEventListener('pagehide', function () {
    if (!pending || !navigator.sendBeacon) return;
    var f = pending.button.form;
    var params = new URLSearchParams(new FormData(f));
    params.set('action', 'approve');
    pending = null;
    // f.action would be the buttons named "action": read the attribute.
    navigator.sendBeacon(f.getAttribute('action'), params);
  });

  // ---- the item's form ----
  var form = document.getElementById('act');
  if (form) {
    form.addEventListener('submit', function (ev) {
      var submitter = ev.submitter;
      if (submitter && submitter.value === 'reject' && !reasonGiven()) {
        ev.preventDefault();
        askReason();
      }
    });
  }

  // ---- bulk: select all, a count, a reason before a bulk reject ----
  var bulk = document.getElementById('bulk');
  if (bulk) {
    var boxes = Array.prototype.slice.call(document.querySelectorAll('#items input[name="ids"]'));
    var all = document.getElementById('select-all');
    var count = document.getElementById('selected-count');
    var update = function () {
      var n = boxes.filter(function (x) { return x.checked; }).length;
      if (count) count.textContent = n ? say(T.checked, { n: n }) : '';
      if (all) { all.checked = n > 0 && n === boxes.length; all.indeterminate = n > 0 && n < boxes.length; }
    };
    if (all && boxes.length) {
      all.parentNode.hidden = false;
      all.addEventListener('change', function () {
        boxes.forEach(function (x) { x.checked = all.checked; });
        update();
      });
    }
    boxes.forEach(function (x) { x.addEventListener('change', update); });
    update();
    bulk.addEventListener('submit', function (ev) {
      var err = document.getElementById('bulk-error');
      var reason = document.getElementById('bulk-reason');
      var action = bulk.querySelector('select[name="action"]');
      var n = boxes.filter(function (x) { return x.checked; }).length;
      var message = '';
      if (n === 0) message = T.pickItem;
      else if (action && action.value === 'reject' && reason && reason.value.trim() === '') message = T.bulkReason;
      if (!message) return;
      ev.preventDefault();
      if (err) { err.hidden = false; err.textContent = message; }
      if (reason && n > 0) { reason.setAttribute('aria-invalid', 'true'); reason.focus(); }
    });
  }

  document.addEventListener('keydown', function (ev) {
    if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) return;
    var b;
    if (pending) {
      if (ev.key === 'u' || ev.key === 'Escape') { ev.preventDefault(); cancel(); }
      else if (ev.key === 'Enter' && ev.target && ev.target.className === 'undo') { /* the button handles it */ }
      return;
    }
    switch (ev.key) {
      case 'j': ev.preventDefault(); move(1); break;
      case 'k': ev.preventDefault(); move(-1); break;
      case 'a': if (button('approve')) { ev.preventDefault(); approveWithUndo(); } break;
      case 'r':
        b = button('reject');
        if (b) { ev.preventDefault(); if (reasonGiven()) b.click(); else askReason(); }
        break;
      case 'e': b = button('escalate'); if (b) { ev.preventDefault(); b.click(); } break;
      case '?':
        var help = document.getElementById('help');
        if (help) { ev.preventDefault(); help.classList.toggle('expanded'); }
        break;
      case 'Escape':
        var h = document.getElementById('help');
        if (h) h.classList.remove('expanded');
        break;
      default:
    }
  });
})();
`;
