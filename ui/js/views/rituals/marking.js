// "We did it" / "Skip this time" / "Undo" for one occurrence, with an
// optional note (or reason) that can also become a journal entry. Used by
// Today and by a ritual's own page. A failed call shows the core's message
// next to the buttons and keeps the note as typed.

import { api } from '../../api.js';
import { h, announce, uid, setBusy, isBusy } from '../../dom.js';
import { alertSlot } from '../../fields.js';
import { otherOf } from '../../store.js';
import { visibilityField } from '../journal/fields.js';
import { stateText } from './words.js';

export function occurrenceActions({ state, occurrence, title, words, onChanged, withNote = true, compact = false }) {
  const id = uid('occ');
  const problem = alertSlot(`${id}-error`, 'form-alert');
  const status = h('p', { class: `occurrence-state occurrence-state--${occurrence.state}` }, stateText(state, occurrence));
  const buttons = h('div', { class: 'occurrence-buttons' });
  let note = null;
  let toJournal = null;
  let visibility = null;

  async function act(button, fn, said) {
    if (isBusy(button)) return;
    problem.clear();
    setBusy(button, true);
    try {
      const next = await fn();
      announce(said(next));
      await onChanged?.(next);
    } catch (err) {
      problem.show(err.message);
      setBusy(button, false);
    }
  }

  const noteText = () => (note?.value.trim() ? note.value : null);
  const outcome = occurrence.outcome;
  if (occurrence.state === 'due' || occurrence.state === 'missed' || occurrence.state === 'upcoming') {
    const canDo = occurrence.state !== 'upcoming';
    // Only today's is a call to act; a day gone by stays quiet, so a ritual's
    // page never turns into a wall of orange buttons for days not marked.
    const done = canDo ? h('button', { type: 'button', class: `button ${occurrence.state === 'due' ? 'button--primary' : 'button--quiet'}`, id: `${id}-done` }, 'We did it') : null;
    const skip = h('button', { type: 'button', class: 'button button--quiet', id: `${id}-skip` }, 'Skip this time');
    done?.addEventListener('click', () => act(done,
      () => api.markRitualDone(occurrence.ritualId, occurrence.date, noteText(), noteText() && toJournal?.checked ? visibility.value() : null),
      (next) => (next.outcome?.journalEntryId ? `“${title}” is marked done, and your note is in the journal.` : `“${title}” is marked done. Well done, both of you.`)));
    skip.addEventListener('click', () => act(skip,
      () => api.skipRitual(occurrence.ritualId, occurrence.date, noteText()),
      () => `“${title}” is skipped this time. That's all right.`));
    buttons.append(...[done, skip].filter(Boolean));
  } else {
    const undo = h('button', { type: 'button', class: 'button button--quiet', id: `${id}-undo` }, 'Undo');
    undo.addEventListener('click', () => act(undo,
      () => api.undoRitualOutcome(occurrence.ritualId, occurrence.date),
      () => `What was marked for “${title}” is taken back.`));
    buttons.append(undo);
  }

  let details = null;
  if (withNote && !outcome && occurrence.state !== 'upcoming') {
    note = h('textarea', { id: `${id}-note`, class: 'text-input text-area text-area--short', rows: 2, maxlength: words?.noteMax ?? null });
    toJournal = h('input', { type: 'checkbox', class: 'checkbox', id: `${id}-journal` });
    // Shared or private, as any journal entry; shown once the note is going
    // there. Private is about the journal copy only: the note itself stays on
    // the ritual's day, which both partners see, and the page says so.
    visibility = visibilityField(`${id}-visibility`, 'shared', otherOf(state)?.name ?? 'your partner');
    const journalChoice = h('div', { class: 'occurrence-journal' }, visibility.el,
      h('p', { class: 'field-hint', id: `${id}-note-seen` }, 'Either way, the note also stays with this day of the ritual, where you both see it.'));
    journalChoice.hidden = true;
    toJournal.addEventListener('change', () => { journalChoice.hidden = !toJournal.checked; });
    details = h('details', { class: 'occurrence-note' },
      h('summary', {}, 'Add a note or a reason'),
      h('label', { class: 'field-label', for: note.id }, 'A note (or why you skip this time)'),
      note,
      h('label', { class: 'checkbox-field', for: toJournal.id }, toJournal, 'When we did it, put the note in the journal too'),
      journalChoice);
  }
  const shown = outcome?.note
    ? h('p', { class: 'occurrence-note-text' }, outcome.status === 'skipped' ? 'Reason: ' : 'Note: ', outcome.note,
      outcome.journalEntryId ? ' (also in the journal)' : '')
    : null;

  const el = h('div', { class: `occurrence${compact ? ' occurrence--compact' : ''}`, id, 'data-ritual': occurrence.ritualId, 'data-date': occurrence.date },
    status, shown, buttons, details, problem.el);
  return { el };
}
