// Live preview for the staff editor: re-renders on the server (the same renderer as the public page) while typing.
(function () {
  var form = document.getElementById('editor');
  if (!form) return;
  var body = form.querySelector('textarea[data-preview]');
  var target = document.querySelector(body.getAttribute('data-preview'));
  var timer = null;
  function refresh() {
    var data = new FormData(form);
    fetch(window.location.pathname + '?handler=Preview', { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('preview');
        if (fresh) target.replaceChildren.apply(target, Array.from(fresh.childNodes));
      })
      .catch(function () { /* keep the last preview; the 预览 button still works */ });
  }
  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
})();
