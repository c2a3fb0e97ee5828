// The timeline: newest first, a page at a time, narrowed by author, feeling,
// tag or prompt, and able to start at a chosen date.

import { api } from '../../api.js';
import { h, announce, focusElement, replaceChildren, setBusy, isBusy } from '../../dom.js';
import { feelingLabel } from '../../format.js';
import { entryCard } from './entry-view.js';

const PAGE = 20;

function select(id, label, options) {
  const el = h('select', { id, name: id, class: 'text-input select' }, options);
  return { field: h('div', { class: 'field field--inline' }, h('label', { class: 'field-label', for: id }, label), el), el };
}

export function renderTimeline({ state, words, prompts = [], categories = [] }) {
  const author = select('filter-author', 'Written by', [
    h('option', { value: '' }, 'Both of you'),
    state.partners.map((p) => h('option', { value: String(p.id) }, p.name)),
  ]);
  const feeling = select('filter-feeling', 'Feeling', [
    h('option', { value: '' }, 'Any feeling'),
    words.feelings.map((f) => h('option', { value: f }, feelingLabel(f))),
  ]);
  const prompt = select('filter-prompt', 'Prompt', [
    h('option', { value: '' }, 'Any prompt'),
    categories.map((c) => h('optgroup', { label: c.label },
      prompts.filter((p) => p.category === c.id).map((p) => h('option', { value: p.id }, p.text)))),
  ]);
  const tag = h('input', { type: 'text', id: 'filter-tag', class: 'text-input', autocomplete: 'off' });
  const date = h('input', { type: 'date', id: 'filter-date', class: 'text-input' });
  const show = h('button', { type: 'submit', class: 'button button--quiet' }, 'Show');
  const reset = h('button', { type: 'button', class: 'button button--quiet', id: 'filter-clear' }, 'Clear');

  const form = h('form', { class: 'filters', id: 'timeline-filters', role: 'search', 'aria-label': 'Narrow the journal', novalidate: true },
    author.field, feeling.field,
    h('div', { class: 'field field--inline' }, h('label', { class: 'field-label', for: tag.id }, 'Tag'), tag),
    prompt.field,
    h('div', { class: 'field field--inline' }, h('label', { class: 'field-label', for: date.id }, 'Jump to a date'), date),
    h('div', { class: 'filter-actions' }, show, reset));

  const summary = h('p', { class: 'muted timeline-summary', id: 'timeline-summary', role: 'status' });
  const list = h('ol', { class: 'entry-list', id: 'timeline-list', 'aria-label': 'Journal entries, newest first' });
  const more = h('button', { type: 'button', class: 'button button--quiet', id: 'timeline-more', hidden: true }, 'Show older');
  const problem = h('div', { class: 'alert-slot' });
  const el = h('section', { class: 'timeline', 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, 'Your journal'), form, summary, problem, list, h('div', { class: 'more' }, more));

  let cursor = null;
  let asked = 0;

  function query() {
    const q = { limit: PAGE };
    if (author.el.value) q.author = Number(author.el.value);
    if (feeling.el.value) q.feeling = feeling.el.value;
    if (tag.value.trim()) q.tag = tag.value.trim().toLowerCase();
    if (prompt.el.value) q.promptId = prompt.el.value;
    return q;
  }
  const narrowed = () => Boolean(author.el.value || feeling.el.value || tag.value.trim() || prompt.el.value || date.value);

  function emptyNote() {
    if (narrowed()) {
      return h('li', { class: 'empty empty--small' }, h('p', {}, 'Nothing here matches. Try fewer filters, or press Clear.'));
    }
    return h('li', { class: 'empty', id: 'journal-empty' },
      h('span', { class: 'empty-mark', 'aria-hidden': 'true' }),
      h('h3', { class: 'empty-title' }, 'No entries yet'),
      h('p', {}, 'This is where each of you writes in your own words: what hurts, what you hope for, what you noticed today.'),
      h('p', {}, 'You can answer each other, or simply say “I read this”. Reading is enough; nobody has to reply or argue.'));
  }

  async function load({ append = false } = {}) {
    const mine = ++asked;
    problem.replaceChildren();
    setBusy(more, true);
    const q = query();
    if (append && cursor) q.cursor = cursor;
    try {
      const page = await api.timeline(q, !append && date.value ? date.value : null);
      if (mine !== asked) return;
      const cards = page.entries.map((e) => h('li', {}, entryCard(e, state)));
      if (append) {
        list.append(...cards);
        announce(cards.length ? `${cards.length} older entries shown.` : 'No older entries.');
        cards[0]?.querySelector('a')?.focus();
      } else {
        replaceChildren(list, cards.length ? cards : emptyNote());
      }
      cursor = page.nextCursor;
      more.hidden = !cursor;
      summary.textContent = date.value && !append ? `Showing entries from ${new Date(`${date.value}T12:00`).toLocaleDateString()} and before.` : '';
    } catch (err) {
      if (mine !== asked) return;
      problem.replaceChildren(h('p', { class: 'form-alert', role: 'alert' }, err.message));
    } finally {
      setBusy(more, false);
    }
  }

  form.addEventListener('submit', (event) => { event.preventDefault(); load(); });
  for (const s of [author.el, feeling.el, prompt.el]) s.addEventListener('change', () => load());
  date.addEventListener('change', () => { if (date.value) load(); });
  reset.addEventListener('click', () => {
    author.el.value = ''; feeling.el.value = ''; prompt.el.value = ''; tag.value = ''; date.value = '';
    load();
    focusElement(author.el);
  });
  more.addEventListener('click', () => { if (!isBusy(more)) load({ append: true }); });

  return { el, reload: () => load(), setHidden: (hidden) => { el.hidden = hidden; } };
}
