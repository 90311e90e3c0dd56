// Suggestions for a place field as you type, from /api/places. The region search (a plain GET to /regions) links
// each suggestion to its place page; a form field marked data-fill puts the chosen place's name into the field (the
// check's city questions, which also work typed by hand without this script). data-unknown adds that answer too.
(() => {
  'use strict';
  const label = (place) => (place.name === place.province ? place.name : `${place.name} · ${place.province}`);
  const rules = (place) => (place.ownRules ? '有单独的资料' : `按${place.regionName}的规则`);

  for (const input of document.querySelectorAll('input[data-suggest]')) {
    const box = document.getElementById(input.getAttribute('aria-controls'));
    const status = document.getElementById(`${input.id}-status`);
    const fills = input.hasAttribute('data-fill');
    const unknown = input.dataset.unknown;
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
        link.textContent = place.label ?? label(place);
        if (fills) {
          link.href = '#';
          link.addEventListener('click', (event) => {
            event.preventDefault();
            choose(link.textContent);
          });
        } else {
          link.href = place.href;
        }
        item.append(link);
        if (place.regionName) {
          const note = document.createElement('span');
          note.className = 'place-rules';
          note.textContent = rules(place);
          item.append(' ', note);
        }
        list.append(item);
      }
      box.append(list);
    };

    const choose = (text) => {
      input.value = text;
      asked = text;
      show('', []);
      input.focus();
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
        // An answer that arrives after the person has moved on to another field is not shown.
        if (response.ok && query === asked && document.activeElement === input) {
          const places = await response.json();
          show(query, unknown ? [...places, { label: unknown }] : places);
        }
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
    // Close the suggestions once focus has left both the field and the list (moving on to the next question). The
    // delay lets a tap on a suggestion land first: some phones do not focus a tapped link.
    const closeOutside = () => {
      setTimeout(() => {
        if (document.activeElement !== input && !box.contains(document.activeElement)) box.hidden = true;
      }, 200);
    };
    input.addEventListener('focusout', closeOutside);
    box.addEventListener('focusout', closeOutside);
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
