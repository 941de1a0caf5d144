/**
 * The dashboard's script, served by the router at `assets/dashboard.js` (CSP `script-src 'self'`).
 * Progressive enhancement only: keyboard shortcuts and a reason check before rejecting. Every
 * action is a plain form post, so the dashboard works without it.
 */
export const DASHBOARD_JS = `(function () {
  'use strict';
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
    if (hint) hint.hidden = false;
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
  document.addEventListener('keydown', function (ev) {
    if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) return;
    var b;
    switch (ev.key) {
      case 'j': ev.preventDefault(); move(1); break;
      case 'k': ev.preventDefault(); move(-1); break;
      case 'a': b = button('approve'); if (b) { ev.preventDefault(); b.click(); } break;
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
