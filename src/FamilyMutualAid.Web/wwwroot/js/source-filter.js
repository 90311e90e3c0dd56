// Staff forms: a filter box above each list of sources (the list works without it), and the summary of what is ticked.
(function () {
  document.querySelectorAll('[data-source-filter]').forEach(function (list, n) {
    var input = document.createElement('input');
    input.type = 'search';
    input.id = 'source-filter-' + n;
    input.className = 'source-filter';
    input.setAttribute('autocomplete', 'off');
    var label = document.createElement('label');
    label.htmlFor = input.id;
    label.textContent = '按标题筛选来源';
    label.className = 'hint';
    list.parentNode.insertBefore(label, list);
    list.parentNode.insertBefore(input, list);
    var choices = Array.prototype.slice.call(list.querySelectorAll('.choice'));
    input.addEventListener('input', function () {
      var query = input.value.trim().toLowerCase();
      choices.forEach(function (choice) {
        var box = choice.querySelector('input');
        var text = choice.textContent.toLowerCase() + ' ' + box.value.toLowerCase();
        choice.hidden = query !== '' && !box.checked && text.indexOf(query) < 0;
      });
    });
    var picker = list.closest('.source-picker');
    var picked = picker && picker.querySelector('.picked');
    list.addEventListener('change', function () {
      if (!picked) return;
      var titles = choices.filter(function (c) { return c.querySelector('input').checked; })
        .map(function (c) { return c.querySelector('label').firstChild.textContent.trim(); });
      picked.textContent = titles.length === 0 ? '未选择' : '已选：' + titles.join('；');
    });
  });
})();
