// Searching the journal, as you type (after a short pause) or on Enter.
// The core reads "quotes" as a phrase, a trailing * and the last word typed
// as a word's beginning. Matches come back as segments and are shown as
// text nodes and <mark> elements, so stored words never become markup.

import { api } from '../../api.js';
import { h, announce, replaceChildren, setBusy, isBusy } from '../../dom.js';
import { plural } from '../../format.js';
import { entryCard, snippet } from './entry-view.js';

/** Waits this long after the last key before searching as you type. */
const TYPING_PAUSE_MS = 300;
/** Searching as you type starts at this many characters (where the core
 * starts matching a word's beginning); Enter searches any. */
const TYPING_MIN_CHARS = 3;

/** onActive(true) while results are shown instead of the timeline. */
export function renderSearch({ state, onActive }) {
  const input = h('input', { type: 'search', id: 'journal-search', class: 'text-input', autocomplete: 'off', enterkeyhint: 'search', 'aria-describedby': 'search-help' });
  const help = h('p', { class: 'field-hint muted', id: 'search-help' },
    'Results appear as you type, and the last word can be just its first few letters. ',
    'Put "quotes" around words to find them side by side, and end a word with * to find every word that starts with it.');
  const go = h('button', { type: 'submit', class: 'button button--quiet' }, 'Search');
  const clear = h('button', { type: 'button', class: 'button button--quiet', id: 'search-clear', hidden: true }, 'Clear search');
  const status = h('p', { class: 'muted', id: 'search-status', role: 'status' });
  const problem = h('div', { class: 'alert-slot' });
  const results = h('ol', { class: 'entry-list', id: 'search-results', 'aria-label': 'Search results', hidden: true });
  const form = h('form', { class: 'search', role: 'search', 'aria-label': 'Journal search', novalidate: true },
    h('label', { class: 'field-label', for: input.id }, 'Search the journal'),
    h('div', { class: 'search-row' }, input, go, clear),
    help);
  const el = h('div', { class: 'search-block' }, form, problem, status, results);

  let asked = 0;
  let typingTimer = null;

  function close() {
    asked += 1;
    clearTimeout(typingTimer);
    input.value = '';
    results.hidden = true;
    clear.hidden = true;
    status.textContent = '';
    problem.replaceChildren();
    replaceChildren(results);
    onActive?.(false);
  }

  // Only the newest search may show its results: an older answer arriving
  // late never replaces what the field says now.
  async function search({ typing }) {
    clearTimeout(typingTimer);
    const query = input.value;
    const mine = ++asked;
    problem.replaceChildren();
    if (!typing) setBusy(go, true);
    try {
      const hits = await api.search(query);
      if (mine !== asked) return;
      replaceChildren(results, hits.map((hit) => h('li', {}, entryCard(hit.entry, state, { snippet: snippet(hit.snippet) }))));
      results.hidden = false;
      clear.hidden = false;
      status.textContent = hits.length
        ? `${plural(hits.length, 'entry', 'entries')} with “${query.trim()}”.`
        : `Nothing found for “${query.trim()}”. The trash isn't searched.`;
      onActive?.(true);
      // The status is a live region; say it out loud only when asked to.
      if (!typing) announce(status.textContent);
    } catch (err) {
      if (mine !== asked) return;
      problem.replaceChildren(h('p', { class: 'form-alert', role: 'alert' }, err.message));
    } finally {
      if (!typing) setBusy(go, false);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!input.value.trim()) { close(); return; }
    if (isBusy(go)) return;
    search({ typing: false });
  });
  input.addEventListener('input', () => {
    clearTimeout(typingTimer);
    const typed = input.value.trim();
    if (!typed) {
      if (!results.hidden || status.textContent) close();
      return;
    }
    if ([...typed].length < TYPING_MIN_CHARS) return;
    typingTimer = setTimeout(() => search({ typing: true }), TYPING_PAUSE_MS);
  });
  clear.addEventListener('click', () => { close(); input.focus(); });
  input.addEventListener('keydown', (event) => { if (event.key === 'Escape' && !clear.hidden) close(); });

  return { el };
}
