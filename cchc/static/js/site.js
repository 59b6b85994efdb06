// Behaviour shared by every page, kept out of the HTML so the Content-Security-Policy can forbid
// inline scripts: a filter marked data-autosubmit sends its form as soon as it changes.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("[data-autosubmit]") && field.form) {
    field.form.submit();
  }
});

// A form that saves is sent once: a second press of its button while the first is on its way
// (an old PC's double click, an impatient tap on a slow line) would create a second plan, task or
// device. The form is marked busy until the next page arrives; its buttons are not disabled,
// so the pressed one still sends its name and value. Back to the page (the browser's cache),
// or no answer after 30 seconds, and it may be sent again. Searches and filters (GET) are free.
var SENDING_FOR = 30000;
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (event.defaultPrevented || (form.method || "").toLowerCase() !== "post") {
    return;
  }
  if (form.getAttribute("aria-busy") === "true") {
    event.preventDefault();
    return;
  }
  form.setAttribute("aria-busy", "true");
  setTimeout(function () {
    form.removeAttribute("aria-busy");
  }, SENDING_FOR);
});
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[aria-busy='true']").forEach(function (form) {
    form.removeAttribute("aria-busy");
  });
});

// A table wider than the screen scrolls sideways in its .table-responsive box. Such a box takes
// the keyboard's focus (the arrow keys then scroll it) and is named after its table's caption or
// heading, so a keyboard or screen-reader user can reach what is off the screen (WCAG 2.1.1).
// Boxes that fit are left alone; the check runs again when the window changes size.
function markScrollableTables() {
  document.querySelectorAll(".table-responsive").forEach(function (box) {
    var wide = box.scrollWidth > box.clientWidth + 1;
    if (box.hasAttribute("data-scroll-marked") && !wide) {
      // only what was added here: the names are listed in the mark
      box.getAttribute("data-scroll-marked").split(" ").forEach(function (name) {
        box.removeAttribute(name);
      });
      box.removeAttribute("data-scroll-marked");
    } else if (wide && !box.hasAttribute("tabindex")) {
      var added = ["tabindex"];
      box.setAttribute("tabindex", "0");
      if (!box.hasAttribute("role")) {
        box.setAttribute("role", "region");
        added.push("role");
      }
      if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
        var section = box.closest("section, article, main");
        var named = box.querySelector("caption") ||
          (section && section.querySelector("h1, h2, h3")) || document.querySelector("h1");
        if (named) {
          // "(cuộn ngang)": scrolled sideways — and a name apart from its section's own
          box.setAttribute("aria-label",
            named.textContent.trim().replace(/\s+/g, " ") + " (cuộn ngang)");
          added.push("aria-label");
        }
      }
      box.setAttribute("data-scroll-marked", added.join(" "));
    }
  });
}
document.addEventListener("DOMContentLoaded", markScrollableTables);
document.addEventListener("htmx:afterSettle", markScrollableTables);
var scrollCheck;
window.addEventListener("resize", function () {
  clearTimeout(scrollCheck);
  scrollCheck = setTimeout(markScrollableTables, 200);
});
