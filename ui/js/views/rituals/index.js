// The Rituals place: your rituals with how they are going, adding one (from
// an idea in two clicks, or your own), changing, pausing and deleting (with
// undo), a ritual's own page with its history, the next seven days, the
// calendar export, and commitments. Sub-paths: "" (list), add, edit/<id>,
// ritual/<id>, agenda, commitments.

import { api, localDate } from '../../api.js';
import { h, announce, focusElement, replaceChildren, setCssVar, setBusy, isBusy } from '../../dom.js';
import { formMessages } from '../../fields.js';
import { partnerById, plural } from '../../format.js';
import { go, hrefFor } from '../../router.js';
import { peopleChanged } from '../../store.js';
import { showToast } from '../../toast.js';
import { emptyState } from '../places.js';
import { renderCommitments } from './commitments.js';
import { renderRitualForm } from './form.js';
import { occurrenceActions } from './marking.js';
import { addDays, dayLabel, forWhom, longestText, milestoneText, nextText, ritualWords, runText, shareText, stateText, zoneText } from './words.js';

const TOOLS = [
  { sub: '', id: 'tool-rituals', label: 'Your rituals' },
  { sub: 'add', id: 'tool-add', label: 'Add a ritual' },
  { sub: 'agenda', id: 'tool-agenda', label: 'Next 7 days' },
  { sub: 'commitments', id: 'tool-commitments', label: 'Commitments' },
];

/** The share kept lately; one quiet line while there is nothing to count. */
function shareChips(c) {
  if (!c.last12Weeks.counted) return h('li', {}, 'Nothing to count yet in the last weeks');
  return [h('li', {}, shareText(c.last4Weeks, 4)), h('li', {}, shareText(c.last12Weeks, 12))];
}

export function renderRituals(initialState, initialSub = '') {
  let state = initialState;
  const heading = h('h1', { id: 'rituals-title' }, 'Rituals');
  const tools = h('nav', { class: 'journal-tools', 'aria-label': 'Rituals' },
    TOOLS.map((t) => h('a', { class: 'tool-link', id: t.id, href: hrefFor('rituals', t.sub) }, t.label)));
  const body = h('div', { class: 'rituals-body' }, h('p', { class: 'muted' }, 'Opening your rituals…'));
  const el = h('div', { class: 'place place--wide', id: 'view-rituals', role: 'region', 'aria-labelledby': heading.id },
    h('div', { class: 'place-head' }, heading, h('p', { class: 'lead' }, 'Small moments, kept again and again.'), tools),
    body);

  let sub = initialSub;
  let showing = 0;
  let destroyed = false;

  function markTools() {
    for (const t of TOOLS) {
      const a = tools.querySelector(`#${t.id}`);
      if (t.sub === sub) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    }
  }

  const failed = (err) => h('p', { class: 'form-alert', role: 'alert' }, err.message);

  // --- the list ----------------------------------------------------------------
  function ritualCard(ritual, c) {
    const name = h('a', { class: 'ritual-link', href: hrefFor('rituals', `ritual/${ritual.id}`) }, ritual.title);
    // Every card has the same three words; the name says which ritual they act on.
    const pause = h('button', { type: 'button', class: 'button button--quiet', 'aria-label': `${ritual.active ? 'Pause' : 'Resume'} “${ritual.title}”` }, ritual.active ? 'Pause' : 'Resume');
    const del = h('button', { type: 'button', class: 'button button--quiet', 'aria-label': `Delete “${ritual.title}”` }, 'Delete');
    const problem = formMessages(`ritual-${ritual.id}`);
    const card = h('li', { class: `ritual-card${ritual.active ? '' : ' ritual-card--paused'}`, 'data-ritual': ritual.id },
      h('h3', { class: 'ritual-title' }, name, ritual.active ? null : h('span', { class: 'badge' }, 'Paused')),
      h('p', { class: 'ritual-when' }, ritual.description, ` · ${zoneText(ritual.zone, ritual.zoneCity)}`),
      ritual.next ? h('p', { class: 'ritual-next' }, nextText(ritual.next)) : null,
      ritual.intention ? h('p', { class: 'ritual-why muted' }, ritual.intention) : null,
      h('p', { class: 'ritual-meta' }, forWhom(state, ritual.forPartner)),
      c ? h('ul', { class: 'ritual-stats', 'aria-label': `How “${ritual.title}” is going` },
        h('li', {}, runText(c)),
        shareChips(c),
        c.milestones.justReached ? h('li', { class: 'celebration' }, milestoneText(c.milestones.justReached)) : null) : null,
      h('div', { class: 'form-actions' },
        h('a', { class: 'button button--quiet', href: hrefFor('rituals', `edit/${ritual.id}`), 'aria-label': `Change “${ritual.title}”` }, 'Change'),
        pause, del),
      problem.alert);
    if (ritual.forPartner) setCssVar(card, '--for-color', partnerById(state, ritual.forPartner)?.color);
    pause.addEventListener('click', async () => {
      if (isBusy(pause)) return;
      setBusy(pause, true);
      problem.clear();
      try {
        const next = await api.setRitualActive(ritual.id, !ritual.active);
        announce(next.active ? `“${next.title}” is back on.` : `“${next.title}” is paused. It won’t come up until you resume it.`);
        await show(sub, { focusSelector: `li[data-ritual="${ritual.id}"] .form-actions button` });
      } catch (err) {
        problem.showError(err.message);
        setBusy(pause, false);
      }
    });
    del.addEventListener('click', async () => {
      if (isBusy(del)) return;
      setBusy(del, true);
      problem.clear();
      try {
        await api.archiveRitual(ritual.id);
        await show(sub);
        showToast(`“${ritual.title}” is deleted. Its history is kept.`, {
          actionLabel: 'Undo',
          focusAction: true,
          onAction: async () => {
            try {
              await api.restoreRitual(ritual.id);
              announce(`“${ritual.title}” is back.`);
            } catch (err) {
              announce(err.message);
            }
            // Back where it was, with focus on it, so the keyboard carries on from there.
            if (!destroyed && sub === '') await show('', { focusSelector: `li[data-ritual="${ritual.id}"] .ritual-link` });
          },
        });
      } catch (err) {
        problem.showError(err.message);
        setBusy(del, false);
      }
    });
    return card;
  }

  async function listPanel() {
    const [rituals, report] = await Promise.all([api.rituals(), api.consistency()]);
    const byId = new Map(report.rituals.map((r) => [r.ritualId, r]));
    const exportButton = h('button', { type: 'button', class: 'button button--quiet', id: 'export-ics' }, 'Save to calendar (.ics)');
    const exportMessages = formMessages('export-ics');
    exportButton.addEventListener('click', async () => {
      if (isBusy(exportButton)) return;
      setBusy(exportButton, true);
      exportMessages.clear();
      try {
        const path = await api.exportRitualsIcs();
        exportMessages.showStatus(path == null
          ? 'Not saved: no place was chosen.'
          : `Saved. Open this file with your calendar app: ${path}`);
      } catch (err) {
        exportMessages.showError(err.message);
      } finally {
        setBusy(exportButton, false);
      }
    });
    if (!rituals.length) {
      return h('div', {},
        emptyState('rituals-empty', 'No rituals yet',
          'A ritual is something small you repeat together: ten minutes of coffee in the morning, an evening walk, an hour with both phones put away.',
          'Hearth can remind you gently at the time you choose. Skipping one now and then breaks nothing; you simply pick it up again.',
          h('p', {}, h('a', { class: 'button button--primary', href: hrefFor('rituals', 'add') }, 'Add a ritual'))));
    }
    const o = report.overall;
    return h('div', {},
      h('section', { class: 'ritual-overall', 'aria-labelledby': 'overall-title' },
        h('h2', { id: 'overall-title' }, 'How you are doing'),
        h('p', { id: 'overall-summary' }, o.summary),
        h('ul', { class: 'ritual-stats' },
          h('li', {}, runText(o)),
          shareChips(o),
          o.kept ? h('li', {}, `${plural(o.kept, 'ritual', 'rituals')} kept in all`) : null),
        o.milestones.justReached ? h('p', { class: 'celebration' }, milestoneText(o.milestones.justReached)) : null),
      h('ul', { class: 'ritual-list', id: 'ritual-list', 'aria-label': 'Your rituals' }, rituals.map((r) => ritualCard(r, byId.get(r.id)))),
      h('div', { class: 'form-actions export-row' }, exportButton, exportMessages.status),
      exportMessages.alert);
  }

  // --- adding --------------------------------------------------------------------
  async function addPanel() {
    const words = await ritualWords();
    const messages = formMessages('templates');
    const ideas = h('ul', { class: 'template-list', id: 'template-list' }, words.templates.map((t) => {
      const add = h('button', { type: 'button', class: 'button button--quiet', 'aria-label': `Add “${t.title}”` }, 'Add');
      add.addEventListener('click', async () => {
        if (isBusy(add)) return;
        setBusy(add, true);
        messages.clear();
        try {
          const ritual = await api.addRitualFromTemplate(t.id);
          announce(`“${ritual.title}” is added. You can change anything about it.`);
          go('rituals', `ritual/${ritual.id}`);
        } catch (err) {
          messages.showError(err.message);
          setBusy(add, false);
        }
      });
      return h('li', { class: 'template' },
        h('div', { class: 'template-text' },
          h('h3', { class: 'template-title' }, t.title),
          h('p', { class: 'muted' }, t.intention),
          h('p', { class: 'template-when' }, t.description)),
        add);
    }));
    const form = renderRitualForm({
      state, words,
      onSaved: (ritual) => { announce(`“${ritual.title}” is added.`); go('rituals', `ritual/${ritual.id}`); },
    });
    return h('div', {},
      h('section', { class: 'rituals-section', 'aria-labelledby': 'ideas-title' },
        h('h2', { id: 'ideas-title' }, 'Start from an idea'),
        h('p', { class: 'muted' }, 'Each one begins at its next time, at a gentle default hour. You can change everything afterwards.'),
        messages.alert, ideas),
      h('section', { class: 'rituals-section', 'aria-labelledby': 'own-title' },
        h('h2', { id: 'own-title' }, 'Or make your own'), form.el));
  }

  async function editPanel(id) {
    const [words, ritual] = await Promise.all([ritualWords(), api.ritual(id)]);
    const form = renderRitualForm({
      state, words, ritual,
      onSaved: (saved) => { announce(`“${saved.title}” is saved.`); go('rituals', `ritual/${saved.id}`); },
      onCancel: () => go('rituals', `ritual/${id}`),
    });
    return h('section', { class: 'rituals-section', 'aria-labelledby': 'edit-title' },
      h('p', { class: 'back' }, h('a', { href: hrefFor('rituals', `ritual/${id}`) }, `Back to “${ritual.title}”`)),
      h('h2', { id: 'edit-title' }, `Change “${ritual.title}”`), form.el);
  }

  // --- one ritual --------------------------------------------------------------------
  async function ritualPanel(id) {
    const todayIso = localDate();
    const [ritual, c, words] = await Promise.all([api.ritual(id), api.ritualConsistency(id), ritualWords()]);
    const from = ritual.startDate > addDays(todayIso, -83) ? ritual.startDate : addDays(todayIso, -83);
    const to = todayIso;
    const history = from <= to ? await api.ritualHistory(id, from, to) : [];
    const deleted = Boolean(ritual.archivedAt);
    const rows = [...history].reverse().map((o) => {
      const label = h('span', { class: 'history-date' }, dayLabel(o.date), h('span', { class: 'muted' }, ` · ${o.localTime}`));
      const actions = deleted ? h('p', { class: 'occurrence-state' }, stateText(state, o))
        : occurrenceActions({ state, occurrence: o, title: ritual.title, words, withNote: o.state === 'due', compact: true,
          onChanged: () => show(sub, { focusSelector: `[data-date="${o.date}"] button` }) }).el;
      return h('li', { class: `history-item history-item--${o.state}` }, label, actions);
    });
    const restore = deleted ? h('button', { type: 'button', class: 'button button--primary' }, 'Bring it back') : null;
    restore?.addEventListener('click', async () => {
      if (isBusy(restore)) return;
      setBusy(restore, true);
      try { await api.restoreRitual(id); announce(`“${ritual.title}” is back.`); await show(sub); } catch (err) { announce(err.message); setBusy(restore, false); }
    });
    return h('article', { class: 'ritual-page', id: 'ritual-page', 'aria-labelledby': 'ritual-page-title' },
      h('p', { class: 'back' }, h('a', { href: hrefFor('rituals') }, 'All rituals')),
      h('h2', { id: 'ritual-page-title', class: 'ritual-page-title' }, ritual.title,
        ritual.active ? null : h('span', { class: 'badge' }, 'Paused'),
        deleted ? h('span', { class: 'badge' }, 'Deleted') : null),
      ritual.intention ? h('p', { class: 'ritual-why' }, ritual.intention) : null,
      h('p', { class: 'ritual-when' }, ritual.description, ` · ${zoneText(ritual.zone, ritual.zoneCity)} · ${plural(ritual.durationMinutes, 'minute', 'minutes')} · ${forWhom(state, ritual.forPartner)}`),
      ritual.next ? h('p', { class: 'ritual-next', id: 'ritual-next' }, nextText(ritual.next)) : null,
      h('section', { class: 'ritual-overall', 'aria-labelledby': 'ritual-progress-title' },
        h('h3', { id: 'ritual-progress-title' }, 'How it is going'),
        h('p', { id: 'ritual-summary' }, c.summary),
        h('ul', { class: 'ritual-stats', id: 'ritual-stats' },
          h('li', { id: 'ritual-run' }, runText(c)),
          longestText(c) ? h('li', { id: 'ritual-longest' }, longestText(c)) : null,
          shareChips(c)),
        c.milestones.justReached ? h('p', { class: 'celebration' }, milestoneText(c.milestones.justReached)) : null),
      h('div', { class: 'form-actions ritual-page-actions' },
        deleted ? restore : h('a', { class: 'button button--quiet', href: hrefFor('rituals', `edit/${id}`) }, 'Change this ritual')),
      h('section', { class: 'ritual-history', 'aria-labelledby': 'history-title' },
        h('h3', { id: 'history-title' }, 'Its days'),
        h('p', { class: 'muted' }, 'Today and the twelve weeks before, newest first. A day that passed unmarked can still be marked if you did it after all. What is coming is in the ', h('a', { href: hrefFor('rituals', 'agenda') }, 'next 7 days'), '.'),
        rows.length ? h('ol', { class: 'history-list', id: 'history-list' }, rows) : h('p', { class: 'muted' }, 'No days yet.')));
  }

  // --- the agenda --------------------------------------------------------------------
  async function agendaPanel() {
    const days = await api.agenda(7);
    // Seven "free day" lines in a row read like an empty ledger; one sentence says it.
    if (days.every((d) => !d.items.length)) {
      return h('section', { class: 'agenda', id: 'agenda', 'aria-labelledby': 'agenda-title' },
        h('h2', { id: 'agenda-title' }, 'The next seven days'),
        h('p', { class: 'muted', id: 'agenda-free' }, 'Nothing is planned for the coming week, so it is all yours. When you ',
          h('a', { href: hrefFor('rituals', 'add') }, 'add a ritual'), ', its days show up here.'));
    }
    return h('section', { class: 'agenda', id: 'agenda', 'aria-labelledby': 'agenda-title' },
      h('h2', { id: 'agenda-title' }, 'The next seven days'),
      h('ol', { class: 'agenda-days' }, days.map((d, i) => h('li', { class: 'agenda-day' },
        h('h3', { class: 'agenda-date' }, i === 0 ? `Today, ${dayLabel(d.date)}` : dayLabel(d.date)),
        d.items.length
          ? h('ul', { class: 'agenda-items' }, d.items.map((item) => {
            const li = h('li', { class: `agenda-item agenda-item--${item.state}` },
              h('time', { class: 'ritual-time', datetime: item.at }, item.viewerTime),
              h('span', { class: 'agenda-what' },
                h('a', { href: hrefFor('rituals', `ritual/${item.ritualId}`) }, item.title),
                h('span', { class: 'muted' }, ` · ${plural(item.durationMinutes, 'minute', 'minutes')} · ${forWhom(state, item.forPartner)}`)),
              h('span', { class: 'agenda-state' }, ['upcoming', 'due'].includes(item.state) ? '' : stateText(state, item)));
            if (item.forPartner) setCssVar(li, '--for-color', partnerById(state, item.forPartner)?.color);
            return li;
          }))
          : h('p', { class: 'muted agenda-free' }, 'Nothing planned. A free day.')))));
  }

  async function show(nextSub, { moveFocus = false, focusSelector = null } = {}) {
    sub = nextSub;
    markTools();
    const token = ++showing;
    const [kind, rawId] = sub.split('/');
    const id = Number(rawId);
    let panel;
    try {
      if (kind === 'add') panel = await addPanel();
      else if (kind === 'edit' && id) panel = await editPanel(id);
      else if (kind === 'ritual' && id) panel = await ritualPanel(id);
      else if (kind === 'agenda') panel = await agendaPanel();
      else if (kind === 'commitments') panel = (await renderCommitments({ state })).el;
      else panel = await listPanel();
    } catch (err) {
      panel = failed(err);
    }
    if (token !== showing || destroyed) return;
    replaceChildren(body, panel);
    if (focusSelector) focusElement(body.querySelector(focusSelector) ?? heading);
    else if (moveFocus) focusElement(body.querySelector('h2') ?? heading);
  }

  show(sub);

  return {
    el,
    heading,
    title: 'Rituals',
    navigate: (nextSub, opts) => show(nextSub, opts),
    update(next) {
      const changed = peopleChanged(state, next);
      state = next;
      if (changed) show(sub);
    },
    destroy() { destroyed = true; },
  };
}
