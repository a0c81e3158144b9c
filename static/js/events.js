/* Check-in page: filter the list of registered people as staff type a name. */
(function () {
  "use strict";
  document.querySelectorAll("[data-checkin-filter]").forEach(function (input) {
    var table = document.querySelector(input.getAttribute("data-checkin-filter"));
    if (!table) {
      return;
    }
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      table.querySelectorAll("[data-checkin-row]").forEach(function (row) {
        row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
  });
})();
