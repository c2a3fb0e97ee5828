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

/**
 * The words and limits Today's cards use, from the first screen's answer
 * (the same fields journal_words and ritual_words carry).
 */
function firstWords(first) {
  return {
    bodyMax: first.limits.bodyMax,
    appreciationMax: first.limits.appreciationMax,
    noteMax: first.limits.noteMax,
    categories: [{ id: first.prompt.prompt.category, label: first.promptCategory }],
  };
}

/**
 * `first`: Today's cards as the first screen's answer carried them
 * (api.firstScreen); drawn at once, without asking again. Without it, each
 * card asks its own question.
 */
export function renderToday(initialState, first = null) {
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
  function drawUnread(n) {
    const other = otherOf(state)?.name ?? 'Your partner';
    replaceChildren(unread, n > 0
      // The core counts up to 100 and stops there.
      ? [`${other} wrote ${n >= 100 ? 'at least 100 entries' : plural(n, 'entry', 'entries')} you haven’t marked read yet. `, h('a', { href: hrefFor('journal') }, 'Open the journal')]
      : []);
  }
  function showUnread() {
    const mine = ++unreadAsked;
    api.unreadCount().then((n) => {
      if (mine === unreadAsked) drawUnread(n);
    }, () => { if (mine === unreadAsked) replaceChildren(unread); });
  }

  function cardsFor(words) {
    // Seeing the reveal marks the other's answer read: count again after.
    prompt = renderPromptCard({ state, words, onRead: showUnread });
    const thanks = renderThanks({ state, words });
    const rituals = renderTodayRituals({ state, onEmpty: (none) => { empty.hidden = !none; } });
    replaceChildren(cards, rituals.el, prompt.el, thanks.el);
    return { rituals, thanks };
  }

  /** Draws every card from the first screen's answer, in this frame. */
  function drawFirst() {
    const words = firstWords(first);
    const { rituals, thanks } = cardsFor(words);
    rituals.show(first.rituals, first.consistency, words);
    prompt.show(first.prompt, first.answerDraft);
    thanks.show(first.thanks);
    drawUnread(first.unread);
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
    const { rituals, thanks } = cardsFor(words);
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
  if (first) drawFirst();
  else build();

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
