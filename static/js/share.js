// "Kopiér link" on a salon page: copies the address in the readonly field beside the button.
// Without JavaScript the button stays hidden and the field can be selected and copied by hand.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-status"));
    if (!field || !status) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () {
        status.textContent = button.getAttribute("data-copied");
      };
      // The clipboard API needs a secure context; selecting and copying works elsewhere.
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          field.select();
        });
      } else {
        field.select();
        if (document.execCommand("copy")) {
          done();
        }
      }
    });
  });
})();
