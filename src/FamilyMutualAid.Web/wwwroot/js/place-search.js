// Suggestions for the place search as you type. The form is a plain GET to /regions and works without this script.
(() => {
  'use strict';
  const label = (place) => (place.name === place.province ? place.name : `${place.name} · ${place.province}`);
  const rules = (place) => (place.ownRules ? '有单独的资料' : `按${place.regionName}的规则`);

  for (const input of document.querySelectorAll('input[data-suggest]')) {
    const box = document.getElementById(input.getAttribute('aria-controls'));
    const status = document.getElementById(`${input.id}-status`);
    let timer = 0;
    let asked = '';

    const show = (query, places) => {
      box.replaceChildren();
      box.hidden = places.length === 0;
      status.textContent = query === '' ? '' : places.length === 0 ? '没有找到匹配的地方' : `有 ${places.length} 个建议`;
      if (places.length === 0) return;
      const list = document.createElement('ul');
      for (const place of places) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = place.href;
        link.textContent = label(place);
        const note = document.createElement('span');
        note.className = 'place-rules';
        note.textContent = rules(place);
        item.append(link, ' ', note);
        list.append(item);
      }
      box.append(list);
    };

    const ask = async () => {
      const query = input.value.trim();
      if (query === asked) return;
      asked = query;
      if (query === '') {
        show('', []);
        return;
      }
      try {
        const response = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(query)}`, { headers: { Accept: 'application/json' } });
        if (response.ok && query === asked) show(query, await response.json());
      } catch {
        // Without suggestions the search button still works.
      }
    };

    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' && !box.hidden) {
        event.preventDefault();
        box.querySelector('a')?.focus();
      } else if (event.key === 'Escape') {
        box.hidden = true;
      }
    });
    box.addEventListener('keydown', (event) => {
      const links = [...box.querySelectorAll('a')];
      const at = links.indexOf(document.activeElement);
      if (event.key === 'ArrowDown' && at < links.length - 1) {
        event.preventDefault();
        links[at + 1].focus();
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        (at > 0 ? links[at - 1] : input).focus();
      } else if (event.key === 'Escape') {
        box.hidden = true;
        input.focus();
      }
    });
  }
})();
