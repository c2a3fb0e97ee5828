// Searching the journal. Matches come back as segments and are shown as
// text nodes and <mark> elements, so stored words never become markup.

import { api } from '../../api.js';
import { h, announce, replaceChildren, setBusy, isBusy } from '../../dom.js';
import { plural } from '../../format.js';
import { entryCard, snippet } from './entry-view.js';

/** onActive(true) while results are shown instead of the timeline. */
export function renderSearch({ state, onActive }) {
  const input = h('input', { type: 'search', id: 'journal-search', class: 'text-input', autocomplete: 'off', enterkeyhint: 'search' });
  const go = h('button', { type: 'submit', class: 'button button--quiet' }, 'Search');
  const clear = h('button', { type: 'button', class: 'button button--quiet', id: 'search-clear', hidden: true }, 'Clear search');
  const status = h('p', { class: 'muted', id: 'search-status', role: 'status' });
  const problem = h('div', { class: 'alert-slot' });
  const results = h('ol', { class: 'entry-list', id: 'search-results', 'aria-label': 'Search results', hidden: true });
  const form = h('form', { class: 'search', role: 'search', 'aria-label': 'Journal search', novalidate: true },
    h('label', { class: 'field-label', for: input.id }, 'Search the journal'),
    h('div', { class: 'search-row' }, input, go, clear));
  const el = h('div', { class: 'search-block' }, form, problem, status, results);

  function close() {
    input.value = '';
    results.hidden = true;
    clear.hidden = true;
    status.textContent = '';
    problem.replaceChildren();
    replaceChildren(results);
    onActive?.(false);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.replaceChildren();
    if (!input.value.trim()) { close(); return; }
    if (isBusy(go)) return;
    setBusy(go, true);
    try {
      const hits = await api.search(input.value);
      replaceChildren(results, hits.map((hit) => h('li', {}, entryCard(hit.entry, state, { snippet: snippet(hit.snippet) }))));
      results.hidden = false;
      clear.hidden = false;
      status.textContent = hits.length
        ? `${plural(hits.length, 'entry', 'entries')} with “${input.value.trim()}”.`
        : `Nothing found for “${input.value.trim()}”. The trash isn't searched.`;
      onActive?.(true);
      announce(status.textContent);
    } catch (err) {
      problem.replaceChildren(h('p', { class: 'form-alert', role: 'alert' }, err.message));
    } finally {
      setBusy(go, false);
    }
  });
  clear.addEventListener('click', () => { close(); input.focus(); });
  input.addEventListener('keydown', (event) => { if (event.key === 'Escape' && !clear.hidden) close(); });

  return { el };
}
