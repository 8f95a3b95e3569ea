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
