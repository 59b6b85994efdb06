// The file chooser (cchc/templates/django/forms/widgets/file.html, decision 0154): writes the
// chosen file's name, or the names of several, beside the "Chọn tệp…" button. Without this
// script the button still opens the picker; only the name is not written.
(function () {
  function show(input) {
    var box = input.closest(".filepick");
    var name = box && box.querySelector(".filepick-name");
    if (!name) {
      return;
    }
    var names = [];
    for (var i = 0; input.files && i < input.files.length; i++) {
      names.push(input.files[i].name);
    }
    name.textContent = names.length ? names.join(", ") : name.getAttribute("data-empty");
    name.title = names.join(", "); // the whole name, when a long one is cut short
    name.classList.toggle("filepick-chosen", names.length > 0);
  }

  function showAll(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".filepick-input"), show);
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches && input.matches(".filepick-input")) {
      show(input);
    }
  });
  // A reset empties the inputs without a change event, after the event has run.
  document.addEventListener("reset", function (event) {
    setTimeout(function () {
      showAll(event.target);
    }, 0);
  });
  // A page brought back by the Back button may still hold the files chosen before.
  window.addEventListener("pageshow", function () {
    showAll(document);
  });
})();
