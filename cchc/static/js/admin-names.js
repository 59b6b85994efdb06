/* Names Django's admin scripts leave out, for screen readers (decision 0164).
   - An autocomplete box (select2) is a combobox named by the text it shows, empty until a
     value is chosen: it is named by its field's label first (the <label> of the form, or the
     column a tabular inline's box is named by, `column_named`), then by that text.
   - A box of a list whose column is edited in place (list_editable) has no <label>: it is
     named by its column's header.
   - A table of rows wider than a phone scrolls sideways in its box: with no box to type in
     (read-only rows), the keyboard reaches it only if the box itself takes the focus — it
     does while it is too wide, named by its heading, as site.js does on the site's pages.
   - The search icon of a two-list chooser (filter_horizontal) carries an aria-label without a
     role that allows one: it is an image. */
(function () {
  "use strict";
  var counter = 0;

  function labelOf(select) {
    var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
    if (!label && select.getAttribute("aria-label")) {
      label = document.createElement("span");
      label.hidden = true;
      label.textContent = select.getAttribute("aria-label");
      select.parentNode.insertBefore(label, select);
    }
    if (label && !label.id) {
      counter += 1;
      label.id = "cchc-name-" + counter;
    }
    return label;
  }

  function nameComboboxes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) {
        return;
      }
      var box = container.querySelector(".select2-selection[role=combobox]");
      var shown = container.querySelector(".select2-selection__rendered");
      var label = labelOf(select);
      if (!box || !label || box.dataset.named) {
        return;
      }
      box.setAttribute("aria-labelledby", label.id + (shown && shown.id ? " " + shown.id : ""));
      if (shown) {
        shown.setAttribute("aria-labelledby", label.id);
      }
      box.dataset.named = "1";
    });
  }

  function nameIcons(root) {
    root.querySelectorAll(".search-label-icon[aria-label]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function nameListBoxes(root) {
    root.querySelectorAll("#result_list td[class^='field-']").forEach(function (cell) {
      var column = cell.className.split(" ")[0].slice("field-".length);
      var header = root.querySelector("#result_list th.column-" + column);
      if (!header) {
        return;
      }
      cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (box) {
        if (!box.labels.length && !box.getAttribute("aria-label")) {
          box.setAttribute("aria-label", header.textContent.trim());
        }
      });
    });
  }

  function reachWideTables() {
    document.querySelectorAll(".js-inline-admin-formset").forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      var heading = box.querySelector("h2");
      if (wide && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label",
          (heading ? heading.textContent.trim().replace(/\s+/g, " ") : "") + " (cuộn ngang)");
        box.dataset.reached = "1";
      } else if (!wide && box.dataset.reached) {
        ["tabindex", "role", "aria-label", "data-reached"].forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
  }

  function nameAll() {
    reachWideTables();
    nameComboboxes(document);
    nameListBoxes(document);
    nameIcons(document);
  }

  // Django's scripts draw the boxes when the page has loaded and when a row is added: named
  // just after them
  window.addEventListener("load", function () {
    setTimeout(nameAll, 0);
    window.addEventListener("resize", reachWideTables);
    document.addEventListener("formset:added", function () {
      setTimeout(nameAll, 0);
    });
  });
})();
