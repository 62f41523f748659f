// Slotline pages work without this script; it only makes them nicer.
(function () {
  "use strict";

  // The booking page asks for the browser's own time zone once: the server then shows times in it.
  function detectZone() {
    var form = document.querySelector("form[data-detect-zone]");
    if (!form || !window.Intl) return;
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var select = form.querySelector("select[name=tz]");
    if (!zone || !select || select.value === zone) return;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === zone || select.options[i].text === zone) {
        var url = new URL(window.location.href);
        url.searchParams.set("tz", zone);
        window.location.replace(url.toString());
        return;
      }
    }
  }

  // A form sent once: a second click while it is on its way does nothing (the server's key makes it safe anyway).
  function sendOnce() {
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
      });
    });
  }

  // Forms that change something hard to undo ask first.
  function confirmFirst() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
  }

  // Copy buttons beside private meeting fields.
  function copyButtons() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var target = document.getElementById(button.getAttribute("data-copy"));
        if (!target || !navigator.clipboard) return;
        navigator.clipboard.writeText(target.textContent.trim()).then(function () {
          var label = button.textContent;
          button.textContent = button.getAttribute("data-copied") || label;
          setTimeout(function () { button.textContent = label; }, 1500);
        });
      });
    });
  }

  // Inside the studio's own site, tell the frame how tall the page is (the embed snippet listens).
  function reportHeight() {
    if (window.parent === window) return;
    var send = function () {
      window.parent.postMessage({ slotline: "height", height: document.documentElement.scrollHeight }, "*");
    };
    send();
    if (window.ResizeObserver) new ResizeObserver(send).observe(document.body);
  }

  document.addEventListener("DOMContentLoaded", function () {
    detectZone();
    sendOnce();
    confirmFirst();
    copyButtons();
    reportHeight();
  });
})();
