/* Every page: a table wider than the screen scrolls inside its own region, never the page.
   The region gets a name (the table's caption, else the heading before it) and, while it
   actually scrolls, a place in the tab order so that keyboard users can scroll it too. */
(function () {
  "use strict";
  var regions = document.querySelectorAll(".table-responsive");

  function nameOf(region) {
    var caption = region.querySelector("caption");
    if (caption) return caption.textContent.trim();
    var label = region.getAttribute("data-label");
    if (label) return label;
    for (var el = region; el && el !== document.body; el = el.parentElement) {
      for (var sib = el.previousElementSibling; sib; sib = sib.previousElementSibling) {
        if (/^H[1-6]$/.test(sib.tagName)) return sib.textContent.trim();
        var inner = sib.querySelectorAll("h1, h2, h3, h4, h5, h6");
        if (inner.length) return inner[inner.length - 1].textContent.trim();
      }
    }
    return document.title;
  }

  function update() {
    regions.forEach(function (region) {
      if (region.hasAttribute("data-tabindex-from-markup")) return;
      if (region.scrollWidth > region.clientWidth + 1) {
        region.setAttribute("tabindex", "0");
      } else {
        region.removeAttribute("tabindex");
      }
    });
  }

  regions.forEach(function (region) {
    if (region.hasAttribute("tabindex")) region.setAttribute("data-tabindex-from-markup", "");
    if (!region.hasAttribute("role")) region.setAttribute("role", "region");
    if (!region.hasAttribute("aria-label") && !region.hasAttribute("aria-labelledby")) {
      region.setAttribute("aria-label", nameOf(region));
    }
  });
  update();
  window.addEventListener("resize", update);
})();
