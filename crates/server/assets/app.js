// creacity: small progressive enhancements; every page works without this script.
"use strict";
document.addEventListener("submit", function (ev) {
  var form = ev.target;
  var busy = form.getAttribute("data-busy");
  if (!busy) return;
  var status = form.querySelector(".progress");
  if (status) status.textContent = busy;
  var button = form.querySelector("button[type=submit]");
  if (button) button.disabled = true;
});

// Tile background of the map page, only when the server was started with --tiles: the SVG is
// drawn in Web-Mercator at tile zoom data-z, its top-left corner at world pixel (data-ox,
// data-oy) and data-scale SVG units per tile pixel, so each 256-pixel tile {z}/{x}/{y} goes to
// ((x*256 - ox)*scale, (y*256 - oy)*scale) at 256*scale units square.
(function () {
  var NS = "http://www.w3.org/2000/svg";
  var svgs = document.querySelectorAll("svg[data-tiles]");
  for (var i = 0; i < svgs.length; i++) {
    var svg = svgs[i];
    var layer = svg.querySelector("g.tiles");
    if (!layer) continue;
    var tpl = svg.getAttribute("data-tiles");
    var z = parseInt(svg.getAttribute("data-z"), 10);
    var ox = parseFloat(svg.getAttribute("data-ox"));
    var oy = parseFloat(svg.getAttribute("data-oy"));
    var s = parseFloat(svg.getAttribute("data-scale"));
    var vb = svg.viewBox.baseVal;
    if (!tpl || isNaN(z) || !(s > 0) || !vb) continue;
    var n = Math.pow(2, z);
    var x0 = Math.floor(ox / 256), x1 = Math.floor((ox + vb.width / s) / 256);
    var y0 = Math.max(0, Math.floor(oy / 256)), y1 = Math.min(n - 1, Math.floor((oy + vb.height / s) / 256));
    for (var ty = y0; ty <= y1; ty++) {
      for (var tx = x0; tx <= x1; tx++) {
        var wx = ((tx % n) + n) % n;
        var img = document.createElementNS(NS, "image");
        img.setAttribute("href", tpl.replace("{z}", z).replace("{x}", wx).replace("{y}", ty));
        img.setAttribute("x", ((tx * 256 - ox) * s).toFixed(2));
        img.setAttribute("y", ((ty * 256 - oy) * s).toFixed(2));
        img.setAttribute("width", (256 * s).toFixed(2));
        img.setAttribute("height", (256 * s).toFixed(2));
        img.setAttribute("preserveAspectRatio", "none");
        img.setAttribute("aria-hidden", "true");
        layer.appendChild(img);
      }
    }
  }
})();
