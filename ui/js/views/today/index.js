// Today: a greeting, the rituals due today, the prompt of the day and thank-yous.

import { api, journalWords } from '../../api.js';
import { h, replaceChildren } from '../../dom.js';
import { plural } from '../../format.js';
import { hrefFor } from '../../router.js';
import { writerOf, otherOf, peopleChanged } from '../../store.js';
import { emptyState } from '../places.js';
import { renderPromptCard } from './prompt.js';
import { renderThanks } from './thanks.js';
import { renderTodayRituals } from './rituals.js';

function greeting(now = new Date()) {
  const hour = now.getHours();
  if (hour < 5) return 'Hello';
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

export function renderToday(initialState) {
  let state = initialState;
  const heading = h('h1', { id: 'today-title' }, 'Today');
  const hello = h('p', { class: 'lead greeting', id: 'today-greeting' });
  const unread = h('p', { class: 'unread-note', id: 'today-unread' });
  const cards = h('div', { class: 'today-cards' });
  const empty = emptyState('today-empty', 'Nothing due today',
      h('p', {},
        'When you set up rituals, the ones for today will wait for you here, ',
        'with one click to say you did it.'),
      h('p', { class: 'muted' },
        'A gentle place to begin: add a small ',
        h('a', { href: hrefFor('rituals') }, 'ritual'),
        ' you can keep together, or write a first page in the ',
        h('a', { href: hrefFor('journal') }, 'journal'),
        '.'));
  empty.hidden = true;
  const el = h('div', { class: 'place', id: 'view-today', role: 'region', 'aria-labelledby': heading.id },
    h('div', { class: 'place-head' }, heading, hello),
    unread,
    empty,
    cards);

  let prompt = null;
  let unreadAsked = 0;
  // Only the newest count is shown, whichever answer arrives last.
  function showUnread() {
    const mine = ++unreadAsked;
    api.unreadCount().then((n) => {
      if (mine !== unreadAsked) return;
      const other = otherOf(state)?.name ?? 'Your partner';
      replaceChildren(unread, n > 0
        // The core counts up to 100 and stops there.
        ? [`${other} wrote ${n >= 100 ? 'at least 100 entries' : plural(n, 'entry', 'entries')} you haven’t marked read yet. `, h('a', { href: hrefFor('journal') }, 'Open the journal')]
        : []);
    }, () => { if (mine === unreadAsked) replaceChildren(unread); });
  }

  async function build() {
    await prompt?.stop();
    let words;
    try {
      words = await journalWords();
    } catch (err) {
      replaceChildren(cards, h('p', { class: 'form-alert', role: 'alert' }, err.message));
      return;
    }
    // Seeing the reveal marks the other's answer read: count again after.
    prompt = renderPromptCard({ state, words, onRead: showUnread });
    const thanks = renderThanks({ state, words });
    const rituals = renderTodayRituals({ state, onEmpty: (none) => { empty.hidden = !none; } });
    replaceChildren(cards, rituals.el, prompt.el, thanks.el);
    rituals.load();
    prompt.load();
    thanks.load();
    showUnread();
  }

  function names(next) {
    const writer = writerOf(next);
    hello.textContent = writer ? `${greeting()}, ${writer.name}.` : `${greeting()}.`;
  }

  names(state);
  build();

  return {
    el,
    heading,
    title: 'Today',
    update(next) {
      const rebuild = peopleChanged(state, next);
      state = next;
      names(next);
      if (rebuild) build();
    },
    destroy: () => prompt?.stop(),
  };
}
