/* Measures: progressive enhancement only; every page works without JavaScript. */
(function () {
  "use strict";
  // Triage: the reason is required when an idea is deferred or dropped.
  document.querySelectorAll(".triage-form").forEach(function (form) {
    var decision = form.querySelector("select[name$='decision']");
    var reason = form.querySelector("textarea[name$='reason']");
    if (!decision || !reason) {
      return;
    }
    var update = function () {
      var needed = decision.value === "defer" || decision.value === "drop";
      reason.setAttribute("aria-required", needed ? "true" : "false");
      reason.required = needed;
    };
    decision.addEventListener("change", update);
    update();
  });
})();
