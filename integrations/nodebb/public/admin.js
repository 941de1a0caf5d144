'use strict';
/* global define */

/* The ACP page /admin/plugins/pii-preflight: "Save changes" sends the settings to
   PUT /api/v3/plugins/pii-preflight/settings (NodeBB's api module adds the CSRF token); the
   server validates them with the library and answers the reasons when they are refused. */
define('admin/plugins/pii-preflight', ['api', 'alerts'], function (api, alerts) {
  const Admin = {};

  Admin.init = function () {
    const form = document.querySelector('.pii-preflight-settings');
    const errorBox = document.querySelector('[component="pii-preflight/save-error"]');
    const save = document.getElementById('save');
    if (!form || !save) return;

    function showError(message) {
      errorBox.textContent = message;
      errorBox.classList.toggle('d-none', !message);
    }

    save.addEventListener('click', function (ev) {
      ev.preventDefault();
      const mode = form.querySelector('input[name="policyMode"]:checked');
      const body = {
        locales: form.querySelector('[name="locales"]').value,
        policyMode: mode ? mode.value : 'default',
        policyJson: form.querySelector('[name="policyJson"]').value,
      };
      save.disabled = true;
      api.put('/plugins/pii-preflight/settings', body).then(function (res) {
        showError('');
        const effective = document.querySelector('[data-locales="effective"]');
        if (effective && res && Array.isArray(res.locales)) effective.textContent = res.locales.join(', ');
        alerts.success('pii-preflight settings saved: they apply from the next post.');
      }).catch(function (err) {
        // The reasons go into the page as text; the alert says only that it failed (its message
        // would be rendered as HTML, and a reason may quote what the admin pasted).
        showError(err && err.message ? err.message : String(err));
        alerts.error('The settings were not saved: see the reasons on the page.');
      }).finally(function () {
        save.disabled = false;
      });
    });
  };

  return Admin;
});
