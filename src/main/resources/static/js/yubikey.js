// The code from a YubiKey: the portal answers only once the key was touched, so say so while it waits.
(function () {
  'use strict';

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('[data-issue-form]');
    var notice = document.querySelector('[data-yubikey-wait]');
    var code = document.getElementById('tokenCode');
    if (!form || !notice || !code) { return; }
    form.addEventListener('submit', function (event) {
      // Enter in an empty code field also submits with this button, the form's first.
      var button = event.submitter;
      if (button && button.hasAttribute('data-yubikey') && code.value.trim() === '') {
        notice.hidden = false;
      }
    });
    // Back from the result page, the browser may restore this page as it was left.
    window.addEventListener('pageshow', function (event) {
      if (event.persisted) { notice.hidden = true; }
    });
  });
})();
