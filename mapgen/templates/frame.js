/* Newsroom embeds resize iframes from postMessage: mapgen's own, pym.js-style and Datawrapper-style
 * height messages. Sent on load, on resize and when the table opens or closes. */
(function () {
  "use strict";
  var chart = document.body.getAttribute("data-chart");
  function send() {
    if (window.parent === window) { return; }
    var head = document.querySelector(".mapgen-header"), foot = document.querySelector(".mapgen-footer");
    var table = document.getElementById("mapgen-table"), bar = document.getElementById("mapgen-timebar");
    var h = Math.round((head ? head.offsetHeight : 0) + (bar ? bar.offsetHeight : 0) + (foot ? foot.offsetHeight : 0) + (table ? table.offsetHeight : 0) +
      Math.min(640, Math.max(260, window.innerWidth * 0.62)));
    var dw = {};
    dw[chart] = h;
    window.parent.postMessage({"mapgen-height": h}, "*");
    window.parent.postMessage({"datawrapper-height": dw}, "*");
    window.parent.postMessage("pym" + "xPYMx" + chart + "xPYMx" + "height" + "xPYMx" + h, "*");
  }
  window.addEventListener("load", send);
  window.addEventListener("resize", send);
  var table = document.getElementById("mapgen-table");
  if (table) { table.addEventListener("toggle", send); }
})();
