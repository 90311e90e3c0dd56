// Staff forms: asks before leaving a page whose form has edits not yet saved. The forms work without it.
(function () {
  var forms = Array.prototype.slice.call(document.querySelectorAll('form[data-unsaved-warning]'));
  if (forms.length === 0) return;
  // A form shown again with text the server did not save (a refused save) starts as unsaved.
  var dirty = forms.some(function (form) { return form.hasAttribute('data-dirty'); });
  function edited(event) {
    // Typing in a list's filter box changes nothing to save.
    if (event.target && event.target.classList && event.target.classList.contains('source-filter')) return;
    dirty = true;
  }
  forms.forEach(function (form) {
    form.addEventListener('input', edited);
    form.addEventListener('change', edited);
  });
  // Any staff form submitted (save, preview, add a row, 新增来源) carries the text with it.
  document.addEventListener('submit', function () { dirty = false; });
  window.addEventListener('beforeunload', function (event) {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = '';
  });
})();
