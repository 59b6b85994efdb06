// Behaviour shared by every page, kept out of the HTML so the Content-Security-Policy can forbid
// inline scripts: a filter marked data-autosubmit sends its form as soon as it changes.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("[data-autosubmit]") && field.form) {
    field.form.submit();
  }
});
