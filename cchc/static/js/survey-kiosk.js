// Kiosk pages: after the configured idle time without a touch, return to an empty form, so the
// next person never sees the previous one's choices. The page works without this script.
(function () {
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-kiosk-idle"), 10) || 90;
  var home = body.getAttribute("data-kiosk-home");
  var timer;
  function reset() {
    var form = document.querySelector("form");
    if (form) { form.reset(); }
    if (home && window.location.pathname !== home) { window.location.replace(home); }
    window.scrollTo(0, 0);
  }
  function wake() {
    window.clearTimeout(timer);
    timer = window.setTimeout(reset, idle * 1000);
  }
  ["touchstart", "mousedown", "keydown", "scroll", "change"].forEach(function (name) {
    document.addEventListener(name, wake, { passive: true });
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { reset(); }
  });
  wake();
})();
