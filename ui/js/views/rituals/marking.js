// "We did it" / "Skip this time" / "Undo" for one occurrence, with an
// optional note (or reason) that can also become a journal entry. Used by
// Today and by a ritual's own page. A failed call shows the core's message
// next to the buttons and keeps the note as typed.

import { api } from '../../api.js';
import { h, announce, uid } from '../../dom.js';
import { alertSlot } from '../../fields.js';
import { stateText } from './words.js';

export function occurrenceActions({ state, occurrence, title, words, onChanged, withNote = true, compact = false }) {
  const id = uid('occ');
  const problem = alertSlot(`${id}-error`, 'form-alert');
  const status = h('p', { class: `occurrence-state occurrence-state--${occurrence.state}` }, stateText(state, occurrence));
  const buttons = h('div', { class: 'occurrence-buttons' });
  let note = null;
  let toJournal = null;

  async function act(button, fn, said) {
    if (button.disabled) return;
    problem.clear();
    button.disabled = true;
    try {
      const next = await fn();
      announce(said(next));
      await onChanged?.(next);
    } catch (err) {
      problem.show(err.message);
      button.disabled = false;
    }
  }

  const noteText = () => (note?.value.trim() ? note.value : null);
  const outcome = occurrence.outcome;
  if (occurrence.state === 'due' || occurrence.state === 'missed' || occurrence.state === 'upcoming') {
    const canDo = occurrence.state !== 'upcoming';
    const done = canDo ? h('button', { type: 'button', class: 'button button--primary', id: `${id}-done` }, 'We did it') : null;
    const skip = h('button', { type: 'button', class: 'button button--quiet', id: `${id}-skip` }, 'Skip this time');
    done?.addEventListener('click', () => act(done,
      () => api.markRitualDone(occurrence.ritualId, occurrence.date, noteText(), noteText() && toJournal?.checked ? 'shared' : null),
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
    details = h('details', { class: 'occurrence-note' },
      h('summary', {}, 'Add a note or a reason'),
      h('label', { class: 'field-label', for: note.id }, 'A note (or why you skip this time)'),
      note,
      h('label', { class: 'checkbox-field', for: toJournal.id }, toJournal, 'When we did it, put the note in the journal too'));
  }
  const shown = outcome?.note
    ? h('p', { class: 'occurrence-note-text' }, outcome.status === 'skipped' ? 'Reason: ' : 'Note: ', outcome.note,
      outcome.journalEntryId ? ' (also in the journal)' : '')
    : null;

  const el = h('div', { class: `occurrence${compact ? ' occurrence--compact' : ''}`, id, 'data-ritual': occurrence.ritualId, 'data-date': occurrence.date },
    status, shown, buttons, details, problem.el);
  return { el };
}
