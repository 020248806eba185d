/* onrecord charts: bar charts drawn as SVG from JSON embedded in the page.
 *
 * <svg class="chart" data-source="ID" data-key="quotes" data-label="quotes"> reads
 * <script type="application/json" id="ID">[{"month": "2022-03", "quotes": 3}, ...]</script>
 * and draws one bar per month with a count (class "bar"), month ticks and the maximum on the y axis.
 * Text goes in through textContent only. Charts are redrawn after htmx swaps content in.
 */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var W = 800, H = 220, LEFT = 36, RIGHT = 8, TOP = 12, BOTTOM = 34;

  function el(name, attrs, text) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function ticks(rows) {
    // at most ~12 labels: every month, quarter, half-year or year, whichever fits
    var steps = [1, 3, 6, 12, 24, 60];
    for (var i = 0; i < steps.length; i++) {
      if (rows.length / steps[i] <= 12) { return steps[i]; }
    }
    return Math.ceil(rows.length / 12);
  }

  function draw(svg) {
    var source = document.getElementById(svg.getAttribute("data-source"));
    if (!source) { return; }
    var rows;
    try { rows = JSON.parse(source.textContent || "[]"); } catch (e) { return; }
    var key = svg.getAttribute("data-key") || "quotes";
    var label = svg.getAttribute("data-label") || key;
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    var max = rows.reduce(function (m, r) { return Math.max(m, r[key] || 0); }, 0);
    var plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
    svg.appendChild(el("line", {x1: LEFT, y1: TOP + plotH, x2: W - RIGHT, y2: TOP + plotH, "class": "axis"}));
    if (!rows.length || !max) {
      svg.appendChild(el("text", {x: W / 2, y: H / 2, "text-anchor": "middle", "class": "empty"}, "no dated " + label));
      svg.setAttribute("data-bars", "0");
      return;
    }
    svg.appendChild(el("text", {x: LEFT - 6, y: TOP + 4, "text-anchor": "end", "class": "tick"}, String(max)));
    svg.appendChild(el("text", {x: LEFT - 6, y: TOP + plotH, "text-anchor": "end", "class": "tick"}, "0"));
    var slot = plotW / rows.length, barW = Math.max(1, slot * 0.8), step = ticks(rows), bars = 0;
    rows.forEach(function (r, i) {
      var x = LEFT + i * slot + (slot - barW) / 2, n = r[key] || 0;
      if (n > 0) {
        var h = Math.max(1, plotH * n / max);
        var bar = el("rect", {x: x.toFixed(1), y: (TOP + plotH - h).toFixed(1), width: barW.toFixed(1),
                              height: h.toFixed(1), "class": "bar", "data-month": r.month, "data-count": n});
        bar.appendChild(el("title", {}, r.month + ": " + n + " " + label));
        svg.appendChild(bar);
        bars += 1;
      }
      if (i % step === 0) {
        var tx = LEFT + i * slot + slot / 2;
        svg.appendChild(el("text", {x: tx.toFixed(1), y: H - BOTTOM + 16, "text-anchor": "middle", "class": "tick"},
                           step >= 12 ? r.month.slice(0, 4) : r.month));
      }
    });
    svg.setAttribute("data-bars", String(bars));
  }

  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll("svg.chart"), draw);
  }

  window.onrecordCharts = {draw: draw, drawAll: drawAll};
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
  document.addEventListener("htmx:afterSettle", drawAll);
})();
