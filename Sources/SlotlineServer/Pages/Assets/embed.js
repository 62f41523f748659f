// Slotline's booking page inside a studio's own site: keeps each frame marked data-slotline-embed
// as tall as the page it shows (the page reports its height).
(function () {
  "use strict";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.slotline !== "height" || typeof data.height !== "number") return;
    var frames = document.querySelectorAll("iframe[data-slotline-embed]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) frames[i].style.height = Math.ceil(data.height) + "px";
    }
  });
})();
