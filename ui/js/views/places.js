// Shared pieces of a place (an empty state, a page with a heading) and the
// fallback for a place without its own module. Today, the Journal, Rituals
// and Check-ins have their own modules.

import { h } from '../dom.js';

export function emptyState(id, title, ...paragraphs) {
  return h('section', { class: 'empty', 'aria-labelledby': id },
    h('span', { class: 'empty-mark', 'aria-hidden': 'true' }),
    h('h2', { class: 'empty-title', id }, title),
    paragraphs.map((p) => (p instanceof Node ? p : h('p', {}, p))));
}

export function page(route, headingText, intro, ...content) {
  const heading = h('h1', { id: `${route}-title` }, headingText);
  const el = h('div', { class: 'place', id: `view-${route}`, role: 'region', 'aria-labelledby': heading.id },
    h('div', { class: 'place-head' }, heading, intro ? h('p', { class: 'lead' }, intro) : null),
    content);
  return { el, heading, title: headingText };
}

const builders = {
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
  return (builders[route] ?? builders.rituals)(state);
}
