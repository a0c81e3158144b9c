/* Every page. A table wider than the screen scrolls inside its own region, never the page.
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

  // Filter forms are folded on phones (the results come first) and open on wider screens.
  if (window.matchMedia("(min-width: 768px)").matches) {
    document.querySelectorAll("details.portal-filter").forEach(function (details) {
      details.open = true;
    });
  }

  // Charts (the timeline) a little wider than their region are shrunk to fit; much wider ones
  // scroll inside the region, which starts with today in view rather than with the first year.
  var charts = document.querySelectorAll(".portal-chart-wrap");
  function fitCharts() {
    charts.forEach(function (wrap) {
      var chart = wrap.querySelector("svg.portal-chart");
      if (!chart) return;
      var natural = Number(chart.getAttribute("width"));
      var room = wrap.clientWidth - 16;
      chart.style.maxWidth = natural > room && room >= 0.8 * natural ? "100%" : "";
      var today = chart.querySelector("[data-today]");
      if (!today || wrap.scrollWidth <= wrap.clientWidth) return;
      var box = wrap.getBoundingClientRect();
      var x = today.getBoundingClientRect().left - box.left + wrap.scrollLeft;
      if (x < wrap.scrollLeft + 40 || x > wrap.scrollLeft + wrap.clientWidth - 40) {
        wrap.scrollLeft = Math.max(0, x - wrap.clientWidth / 3);
      }
    });
  }
  fitCharts();
  window.addEventListener("resize", fitCharts);
})();
