// Today's rituals: each one due today with "We did it" / "Skip this time"
// (and Undo once marked), the current run said gently, and a warm word when
// a milestone (7, 30, 100 kept) has just been reached.

import { api } from '../../api.js';
import { h, focusElement, replaceChildren, setCssVar } from '../../dom.js';
import { partnerById } from '../../format.js';
import { hrefFor } from '../../router.js';
import { occurrenceActions } from '../rituals/marking.js';
import { forWhom, milestoneText, ritualWords, runText } from '../rituals/words.js';

export function renderTodayRituals({ state, onEmpty }) {
  const body = h('div', { class: 'today-rituals-body' }, h('p', { class: 'muted' }, 'Looking at today’s rituals…'));
  const el = h('section', { class: 'today-card today-rituals', id: 'today-rituals', 'aria-labelledby': 'today-rituals-title' },
    h('h2', { id: 'today-rituals-title' }, 'Rituals for today'), body);

  function item(entry, consistency, words) {
    // The core flattens the occurrence into the item (ritualId, date, state…).
    const o = entry;
    const actions = occurrenceActions({
      state, occurrence: o, title: entry.title, words,
      onChanged: () => load({ focusRitual: o.ritualId }),
    });
    const run = runText(consistency);
    const li = h('li', { class: `ritual-today ritual-today--${o.state}`, 'data-ritual': o.ritualId },
      h('p', { class: 'ritual-time' }, h('time', { datetime: o.at }, entry.viewerTime)),
      h('div', { class: 'ritual-today-main' },
        h('h3', { class: 'ritual-title' }, h('a', { href: hrefFor('rituals', `ritual/${o.ritualId}`) }, entry.title)),
        entry.intention ? h('p', { class: 'ritual-why muted' }, entry.intention) : null,
        h('p', { class: 'ritual-meta' }, forWhom(state, entry.forPartner), run ? ` · ${run}` : ''),
        consistency?.milestones?.justReached
          ? h('p', { class: 'celebration', role: 'status' }, milestoneText(consistency.milestones.justReached)) : null,
        actions.el));
    if (entry.forPartner) setCssVar(li, '--for-color', partnerById(state, entry.forPartner)?.color);
    return li;
  }

  async function load({ focusRitual = null } = {}) {
    let today; let report; let words;
    try {
      [today, report, words] = await Promise.all([api.ritualsToday(), api.consistency(), ritualWords()]);
    } catch (err) {
      replaceChildren(body, h('p', { class: 'form-alert', role: 'alert' }, err.message));
      return;
    }
    show(today, report, words, { focusRitual });
  }

  /** Draws the day's rituals (rituals_today) with their runs (ritual_consistency). */
  function show(today, report, words, { focusRitual = null } = {}) {
    const byId = new Map(report.rituals.map((r) => [r.ritualId, r]));
    // With no rituals at all, Today's own empty state says what they are.
    const none = today.items.length === 0 && report.rituals.length === 0;
    onEmpty?.(none);
    el.hidden = none;
    if (!today.items.length) {
      replaceChildren(body, h('p', { class: 'muted', id: 'today-rituals-none' },
        report.rituals.length
          ? 'No rituals fall on today. Enjoy the day; the next ones are in the '
          : 'No rituals yet. You can add a small one in ',
        h('a', { href: hrefFor('rituals', report.rituals.length ? 'agenda' : 'add') },
          report.rituals.length ? 'agenda' : 'Rituals'),
        '.'));
      return;
    }
    // The overall milestone, unless a ritual on the list just reached the
    // same number: one warm word is enough, the same one twice is noise.
    const reached = report.overall.milestones.justReached;
    const overall = today.items.some((entry) => byId.get(entry.ritualId)?.milestones?.justReached === reached) ? null : reached;
    replaceChildren(body,
      overall ? h('p', { class: 'celebration celebration--overall', id: 'today-milestone' },
        `Together: ${milestoneText(overall)}`) : null,
      h('ul', { class: 'ritual-today-list', id: 'today-ritual-list' },
        today.items.map((entry) => item(entry, byId.get(entry.ritualId), words))),
      report.overall.summary ? h('p', { class: 'muted ritual-summary' }, report.overall.summary) : null);
    if (focusRitual) focusElement(body.querySelector(`li[data-ritual="${focusRitual}"] .occurrence button`));
  }

  return { el, load, show };
}
