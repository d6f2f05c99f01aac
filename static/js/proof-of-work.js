// The submission form's proof of work (beteiligung/spam.py): find a number whose SHA-256 with
// the server's signed challenge begins with `data-pow-bits` zero bits, and put it in the form.
// Nothing to see or to do for the reader; without this script the server waits a minimum time
// instead. Runs in the background while the reader writes; the form waits for it on submit.
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  if (!form || !window.crypto || !window.crypto.subtle || !window.TextEncoder) { return; }
  var bits = parseInt(form.getAttribute("data-pow-bits"), 10) || 0;
  var challenge = form.querySelector("input[name=challenge]");
  var nonce = form.querySelector("input[name=nonce]");
  var encoder = new TextEncoder();

  function leadingZeroBits(buffer, wanted) {
    var bytes = new Uint8Array(buffer);
    for (var i = 0; i < bytes.length && wanted > 0; i++) {
      if (wanted >= 8) { if (bytes[i] !== 0) { return false; } wanted -= 8; }
      else { return (bytes[i] >> (8 - wanted)) === 0; }
    }
    return true;
  }

  var solved = (async function () {
    for (var n = 0; ; n++) {
      var digest = await crypto.subtle.digest("SHA-256", encoder.encode(challenge.value + ":" + n));
      if (leadingZeroBits(digest, bits)) { nonce.value = String(n); return; }
    }
  })();

  var sending = false;
  form.addEventListener("submit", function (event) {
    if (nonce.value || sending) { return; }
    event.preventDefault();
    sending = true;
    solved.then(function () { form.submit(); });
  });
})();
