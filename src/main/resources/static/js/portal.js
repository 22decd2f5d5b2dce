// MFA Portal: progressive enhancement only. Every essential works without this file.
(function () {
  'use strict';

  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function format(label, value) { return (label || '{0}').replace('{0}', value); }

  // The text of a snippet exactly as its format wants it; HTML turned CRLF into LF.
  function snippetText(id) {
    var pre = document.querySelector('[data-snippet="' + id + '"]');
    var text = pre.textContent;
    return pre.getAttribute('data-line-ending') === 'crlf' ? text.replace(/\r?\n/g, '\r\n') : text;
  }

  function revealJsOnly() { all('[data-js-only]').forEach(function (el) { el.hidden = false; }); }

  function copyButtons() {
    all('[data-copy]').forEach(function (button) {
      var label = button.textContent;
      button.addEventListener('click', function () {
        var done = function (ok) {
          button.textContent = ok ? button.getAttribute('data-copied-label') : button.getAttribute('data-failed-label');
          // "Select the text instead" must give the whole text: the masked secrets can't be selected.
          if (!ok) { unmaskSecrets(); }
          setTimeout(function () { button.textContent = label; }, 2000);
        };
        if (!navigator.clipboard) { done(false); return; }
        navigator.clipboard.writeText(snippetText(button.getAttribute('data-copy')))
          .then(function () { done(true); }, function () { done(false); });
      });
    });
  }

  // Downloads are made from the page itself: the credentials never travel in a second request.
  function downloadButtons() {
    all('[data-download]').forEach(function (button) {
      button.addEventListener('click', function () {
        var id = button.getAttribute('data-download');
        var pre = document.querySelector('[data-snippet="' + id + '"]');
        var url = URL.createObjectURL(new Blob([snippetText(id)], { type: 'application/octet-stream' }));
        var link = document.createElement('a');
        link.href = url;
        link.download = pre.getAttribute('data-filename');
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      });
    });
  }

  function twoDigits(n) { return (n < 10 ? '0' : '') + n; }

  var REMIND_BEFORE = 5 * 60 * 1000;
  var WARN_BEFORE = 15 * 60 * 1000;

  // The countdown, the page title and the reminder all read Date.now() on every tick, so a laptop
  // waking from sleep shows the truth at once.
  function countdown() {
    var box = document.querySelector('[data-expiry]');
    if (!box) { return; }
    var expiresAt = Date.parse(box.getAttribute('data-expiration'));
    var counter = box.querySelector('[data-countdown]');
    var warning = box.querySelector('[data-expiry-warning]');
    var expired = box.querySelector('[data-expired-notice]');
    var local = box.querySelector('[data-local-time]');
    var title = document.title;
    var reminder = notifyButton(box, expiresAt);
    if (local) {
      local.textContent = format(local.getAttribute('data-label'), localTime(expiresAt, { dateStyle: 'medium', timeStyle: 'long' }));
      local.hidden = false;
    }
    counter.hidden = false;
    function tick() {
      var leftMs = Math.max(0, expiresAt - Date.now());
      var left = Math.floor(leftMs / 1000);
      var text = Math.floor(left / 3600) + ':' + twoDigits(Math.floor(left % 3600 / 60)) + ':' + twoDigits(left % 60);
      var isExpired = left === 0;
      var isWarning = !isExpired && leftMs < WARN_BEFORE;
      counter.textContent = format(box.getAttribute('data-label-countdown'), text);
      document.title = '(' + (isExpired ? box.getAttribute('data-label-expired-title') : text) + ') ' + title;
      box.classList.toggle('is-warning', isWarning);
      box.classList.toggle('is-expired', isExpired);
      box.setAttribute('data-state', isExpired ? 'expired' : (isWarning ? 'warning' : 'valid'));
      warning.hidden = !isWarning;
      expired.hidden = !isExpired;
      reminder(leftMs);
      if (isExpired) { clearInterval(timer); }
    }
    var timer = setInterval(tick, 1000);
    tick();
  }

  function localTime(at, options) {
    return new Date(at).toLocaleString(document.documentElement.lang || undefined, options);
  }

  // Opt-in: nothing asks for the notification permission until the person presses the button.
  // Returns what each tick calls with the milliseconds left.
  function notifyButton(box, expiresAt) {
    var holder = box.querySelector('[data-notify-box]');
    var button = box.querySelector('[data-notify]');
    var status = box.querySelector('[data-notify-status]');
    var remindAt = expiresAt - REMIND_BEFORE;
    var state = 'off';
    if (!holder || !('Notification' in window) || Date.now() >= remindAt) {
      if (holder) { holder.remove(); }
      return function () {};
    }
    button.addEventListener('click', function () {
      Notification.requestPermission().then(function (permission) {
        if (permission !== 'granted') {
          status.textContent = button.getAttribute('data-denied-label');
          return;
        }
        state = 'scheduled';
        box.setAttribute('data-remind-at', new Date(remindAt).toISOString());
        button.disabled = true;
        status.textContent = format(button.getAttribute('data-scheduled-label'), localTime(remindAt, { timeStyle: 'short' }));
      });
    });
    return function (leftMs) {
      if (leftMs > REMIND_BEFORE) { return; }
      if (state === 'off') { holder.hidden = true; }
      if (state !== 'scheduled' || leftMs === 0) { return; }
      state = 'sent';
      box.setAttribute('data-reminded', 'true');
      try {
        new Notification(button.getAttribute('data-notification-title'),
          { body: button.getAttribute('data-notification-body'), tag: 'mfa-portal-expiry' });
      } catch (e) {
        // Chrome on Android has Notification but no constructor for pages: the countdown's warning stays.
        box.setAttribute('data-reminded', 'failed');
      }
    };
  }

  // The secret and the session token are hidden on screen until revealed. Only their look changes:
  // the text stays in the page, so copy and download still take the real snippet.
  function maskSecrets() {
    var result = document.querySelector('[data-result]');
    var toggle = result && result.querySelector('[data-reveal]');
    if (!toggle) { return; }
    var secrets = all('[data-secret]', result).map(function (el) { return el.textContent; })
      .filter(function (text) { return text.length > 0; });
    all('[data-snippet]', result).forEach(function (pre) { markSecrets(pre, secrets); });
    result.classList.add('secrets-masked');
    toggle.addEventListener('click', function () {
      var masked = result.classList.toggle('secrets-masked');
      toggle.setAttribute('aria-pressed', String(!masked));
    });
  }

  function unmaskSecrets() {
    var result = document.querySelector('[data-result]');
    var toggle = result && result.querySelector('[data-reveal]');
    if (!toggle || !result.classList.contains('secrets-masked')) { return; }
    result.classList.remove('secrets-masked');
    toggle.setAttribute('aria-pressed', 'true');
  }

  function markSecrets(pre, secrets) {
    var text = pre.textContent;
    var parts = document.createDocumentFragment();
    var from = 0;
    for (;;) {
      var at = -1;
      var found = null;
      secrets.forEach(function (secret) {
        var i = text.indexOf(secret, from);
        if (i !== -1 && (at === -1 || i < at)) { at = i; found = secret; }
      });
      if (at === -1) { break; }
      parts.appendChild(document.createTextNode(text.slice(from, at)));
      var span = document.createElement('span');
      span.setAttribute('data-secret', '');
      span.textContent = found;
      parts.appendChild(span);
      from = at + found.length;
    }
    parts.appendChild(document.createTextNode(text.slice(from)));
    pre.textContent = '';
    pre.appendChild(parts);
  }

  function sourceSelect() {
    var select = document.querySelector('[data-source-select]');
    if (!select) { return; }
    var key = document.querySelector('[data-source-key]');
    var warning = document.querySelector('[data-source-session-warning]');
    if (!key || !warning) { return; }
    var serial = document.getElementById('serialNumber');
    var keyLabel = key.textContent;
    var initial = select.selectedOptions[0];
    select.addEventListener('change', function () {
      var option = select.selectedOptions[0];
      key.textContent = keyLabel.replace(initial.getAttribute('data-masked'), option.getAttribute('data-masked'))
        .replace(initial.getAttribute('data-region'), option.getAttribute('data-region'));
      initial = option;
      var finderSource = document.querySelector('[data-finder-source]');
      if (finderSource) { finderSource.value = option.value; }
      warning.hidden = option.getAttribute('data-session') !== 'true';
      var mfa = option.getAttribute('data-mfa-serial');
      if (mfa && serial && !serial.value) { serial.value = mfa; }
    });
  }

  function durationPresets() {
    var box = document.querySelector('[data-duration-presets]');
    var input = document.getElementById('durationSeconds');
    if (!box || !input) { return; }
    box.hidden = false;
    function mark() {
      all('[data-duration]', box).forEach(function (chip) {
        chip.setAttribute('aria-pressed', String(chip.getAttribute('data-duration') === input.value));
      });
    }
    all('[data-duration]', box).forEach(function (chip) {
      chip.addEventListener('click', function () { input.value = chip.getAttribute('data-duration'); mark(); });
    });
    input.addEventListener('input', mark);
    mark();
  }

  // Picking a saved device fills the form at once; without JavaScript the picker's button does.
  function devicePicker() {
    var select = document.querySelector('[data-device-select]');
    if (!select) { return; }
    var apply = document.querySelector('[data-device-apply]');
    if (apply) { apply.hidden = true; }
    function set(id, value) {
      var field = document.getElementById(id);
      if (field && value) { field.value = value; field.dispatchEvent(new Event('input')); }
    }
    select.addEventListener('change', function () {
      var option = select.selectedOptions[0];
      set('serialNumber', option.getAttribute('data-serial'));
      set('durationSeconds', option.getAttribute('data-duration'));
      set('profileName', option.getAttribute('data-profile'));
      var save = document.getElementById('saveProfile');
      if (save) { save.checked = option.getAttribute('data-save-profile') === 'true'; }
      var source = document.getElementById('source');
      var wanted = option.getAttribute('data-source');
      if (source && wanted && source.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        source.value = wanted;
        source.dispatchEvent(new Event('change'));
      }
      var code = document.getElementById('tokenCode');
      if (code) { code.focus(); }
    });
  }

  // A role gets an hour, as the AWS CLI asks, unless the person picks a length: while the length is
  // the default the page showed, typing a role ARN switches it (and the hidden default with it, so
  // the server still sees it untouched), and clearing the ARN switches it back.
  function roleDuration() {
    var shown = document.querySelector('[data-duration-default]');
    var input = document.getElementById('durationSeconds');
    var role = document.getElementById('roleArn');
    if (!shown || !input || !role) { return; }
    function apply() {
      if (input.value !== shown.value) { return; }
      var wanted = shown.getAttribute(role.value.trim() ? 'data-role-default' : 'data-session-default');
      if (input.value === wanted) { return; }
      input.value = wanted;
      shown.value = wanted;
      input.dispatchEvent(new Event('input'));
    }
    role.addEventListener('input', apply);
    apply();
  }

  // One submit only: a second would spend the same MFA code twice.
  function singleSubmit() {
    all('[data-issue-form]').forEach(function (form) {
      var button = form.querySelector('[data-submit]');
      var label = button.textContent;
      form.addEventListener('submit', function (event) {
        if (form.getAttribute('data-submitted')) { event.preventDefault(); return; }
        form.setAttribute('data-submitted', 'true');
        form.setAttribute('aria-busy', 'true');
        button.disabled = true;
        button.textContent = button.getAttribute('data-busy-label');
      });
      // Back from the result page, the browser may restore this page as it was left: busy.
      window.addEventListener('pageshow', function (event) {
        if (!event.persisted) { return; }
        form.removeAttribute('data-submitted');
        form.removeAttribute('aria-busy');
        button.disabled = false;
        button.textContent = label;
      });
    });
  }

  // The snippet for the person's own shell first: their earlier choice (only the format's name
  // is kept, never a credential), else a guess from the platform; the rest stay folded.
  function shellChoice() {
    var select = document.querySelector('[data-shell-select]');
    var primary = document.querySelector('[data-primary-snippets]');
    var others = document.querySelector('[data-other-snippets]');
    if (!select || !primary || !others) { return; }
    var articles = all('[data-snippet-article]');
    function valid(id) { return !!id && !!select.querySelector('option[value="' + CSS.escape(id) + '"]'); }
    var usages = all('[data-usage-shell]');
    var guess = /^win/i.test((navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || '')
      ? 'powershell' : 'env';
    function show(id) {
      articles.forEach(function (article) {
        var own = article.getAttribute('data-snippet-article');
        (own === id || own === id + '-unset' ? primary : others).appendChild(article);
      });
      select.value = id;
      // The "try it" lines in the chosen shell's quoting; a file format keeps the guessed shell's.
      var shell = usages.some(function (pre) { return pre.getAttribute('data-usage-shell') === id; }) ? id : guess;
      usages.forEach(function (pre) { pre.hidden = pre.getAttribute('data-usage-shell') !== shell; });
    }
    var stored = null;
    try { stored = window.localStorage.getItem('portal-shell'); } catch (e) { stored = null; }
    show(valid(stored) ? stored : guess);
    select.addEventListener('change', function () {
      show(select.value);
      try { window.localStorage.setItem('portal-shell', select.value); } catch (e) { /* private mode */ }
    });
  }

  // The checkbox's label names the profile as it is typed.
  function profileEcho() {
    var echo = document.querySelector('[data-profile-echo]');
    var field = document.getElementById('profileName');
    if (!echo || !field) { return; }
    field.addEventListener('input', function () { echo.textContent = field.value; });
  }

  document.addEventListener('DOMContentLoaded', function () {
    shellChoice();
    profileEcho();
    revealJsOnly();
    maskSecrets();
    copyButtons();
    downloadButtons();
    countdown();
    sourceSelect();
    durationPresets();
    roleDuration();
    devicePicker();
    singleSubmit();
  });
})();
