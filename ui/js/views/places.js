// Today, Journal, Rituals and Check-ins. Empty for now: each says, warmly
// and briefly, what the place is for.

import { h } from '../dom.js';
import { hrefFor } from '../router.js';
import { writerOf, otherOf } from '../store.js';

function greeting(now = new Date()) {
  const hour = now.getHours();
  if (hour < 5) return 'Hello';
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

function emptyState(id, title, ...paragraphs) {
  return h('section', { class: 'empty', 'aria-labelledby': id },
    h('span', { class: 'empty-mark', 'aria-hidden': 'true' }),
    h('h2', { class: 'empty-title', id }, title),
    paragraphs.map((p) => (p instanceof Node ? p : h('p', {}, p))));
}

function page(route, headingText, intro, ...content) {
  const heading = h('h1', { id: `${route}-title` }, headingText);
  const el = h('div', { class: 'place', id: `view-${route}`, 'aria-labelledby': heading.id },
    h('div', { class: 'place-head' }, heading, intro ? h('p', { class: 'lead' }, intro) : null),
    content);
  return { el, heading, title: headingText };
}

function today(state) {
  const hello = h('p', { class: 'lead greeting', id: 'today-greeting' });
  const partnerNote = h('span', {});
  const view = page('today', 'Today', null,
    emptyState('today-empty', 'Nothing due today',
      h('p', {},
        'When you set up rituals, the ones for today will wait for you here. ',
        'So will any notes ', partnerNote, ' leaves for you.'),
      h('p', { class: 'muted' },
        'A gentle place to begin: add a small ',
        h('a', { href: hrefFor('rituals') }, 'ritual'),
        ' you can keep together, or write a first page in the ',
        h('a', { href: hrefFor('journal') }, 'journal'),
        '.')));
  view.el.querySelector('.place-head').append(hello);

  view.update = (next) => {
    const writer = writerOf(next);
    const other = otherOf(next);
    hello.textContent = writer ? `${greeting()}, ${writer.name}.` : `${greeting()}.`;
    partnerNote.textContent = writer && other ? other.name : 'your partner';
  };
  view.update(state);
  return view;
}

const builders = {
  today,
  journal: () => page('journal', 'Journal',
    'Your shared journal, in both of your voices.',
    emptyState('journal-empty', 'No pages yet',
      'This is where each of you writes in your own words: what hurts, what you hope for, what you noticed today.',
      'You can answer each other’s entries, or simply say “I read this”. Reading is enough; nobody has to reply or argue.',
      'Every page stays on this laptop, and nothing is ever deleted unless one of you chooses to.')),
  rituals: () => page('rituals', 'Rituals',
    'Small moments, kept again and again.',
    emptyState('rituals-empty', 'No rituals yet',
      'A ritual is something small you repeat together: ten minutes of coffee in the morning, an evening walk, an hour with both phones put away.',
      'Hearth can remind you gently at the time you choose. Skipping one now and then breaks nothing; you simply pick it up again.')),
  checkins: () => page('checkins', 'Check-ins',
    'Once a week: how are we doing?',
    emptyState('checkins-empty', 'No check-ins yet',
      'Each week you each answer a few short ratings and one or two open questions, like “What would help you feel closer this week?”',
      'Your answers stay hidden until you have both written, so each of you speaks for yourself first.')),
};

export function renderPlace(route, state) {
  return (builders[route] ?? builders.today)(state);
}
