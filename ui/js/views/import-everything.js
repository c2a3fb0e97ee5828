// Bringing a Hearth export back: the file field, "Import this file", its
// progress and the sentence saying what was added. Settings shows it, and so
// does the welcome screen, for a couple moving to this laptop.

import { api } from '../api.js';
import { h, setBusy, isBusy } from '../dom.js';
import { formMessages } from '../fields.js';
import { plural } from '../format.js';

/** Import limit, as the core's IMPORT_MAX_BYTES (checked there too). */
const IMPORT_MAX_BYTES = 256 * 1024 * 1024;

const STAGES = { reading: 'Gathering', checking: 'Checking', writing: 'Adding' };

/** A labelled <progress> that follows {stage, done, total}. */
export function progressBar(id) {
  const label = h('label', { for: id, id: `${id}-label` }, '');
  const bar = h('progress', { id, max: 1, value: 0 });
  const wrap = h('div', { class: 'progress-field', hidden: true }, label, bar);
  return {
    el: wrap,
    show(p) {
      wrap.hidden = false;
      bar.max = Math.max(p.total, 1);
      bar.value = Math.min(p.done, bar.max);
      label.textContent = `${STAGES[p.stage] ?? 'Working'}: ${p.done} of ${p.total}`;
    },
    hide() { wrap.hidden = true; },
  };
}

function importSummary(r) {
  const added = [
    plural(r.entriesAdded, 'entry', 'entries'),
    plural(r.repliesAdded, 'reply', 'replies'),
  ];
  if (r.appreciationsAdded) added.push(plural(r.appreciationsAdded, 'thank-you', 'thank-yous'));
  if (r.promptsAdded) added.push(plural(r.promptsAdded, 'prompt', 'prompts'));
  if (r.ritualsAdded) added.push(plural(r.ritualsAdded, 'ritual', 'rituals'));
  if (r.outcomesAdded) added.push(plural(r.outcomesAdded, 'marked day', 'marked days'));
  if (r.checkinsAdded) added.push(plural(r.checkinsAdded, 'check-in', 'check-ins'));
  if (r.commitmentsAdded) added.push(plural(r.commitmentsAdded, 'commitment', 'commitments'));
  if (r.checkOffsAdded) added.push(plural(r.checkOffsAdded, 'check-off', 'check-offs'));
  let text = `Added ${added.join(', ')}`;
  text += r.entriesAlreadyHere ? `; ${r.entriesAlreadyHere} ${r.entriesAlreadyHere === 1 ? 'was' : 'were'} already here.` : '.';
  if (r.answersSkipped) text += ` ${plural(r.answersSkipped, 'answer was', 'answers were')} left out: that day already had one.`;
  return text;
}

/**
 * The import form. `onImported(report)` runs after a successful import
 * (the welcome screen moves on to the journal it brought).
 */
export function importEverythingForm({ title, intro, onImported = () => {} }) {
  const file = h('input', { type: 'file', id: 'import-file', accept: '.json,application/json', class: 'file-input' });
  const importButton = h('button', { type: 'submit', class: 'button button--quiet', id: 'import-go' }, 'Import this file');
  const result = formMessages('import');
  const importProgress = progressBar('import-progress');
  const form = h('form', { class: 'import-form', novalidate: true, 'aria-labelledby': 'import-title' },
    h('h3', { id: 'import-title' }, title),
    h('p', { class: 'muted' }, intro),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: file.id }, 'Hearth export (.json)'), file),
    result.alert, importProgress.el,
    h('div', { class: 'form-actions' }, importButton, result.status));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(importButton)) return;
    result.clear();
    const chosen = file.files?.[0];
    if (!chosen) { result.showError('Please choose a Hearth export first.'); file.focus(); return; }
    if (chosen.size > IMPORT_MAX_BYTES) {
      result.showError('This file is too large to be a Hearth export (Hearth reads up to 256 MB). Nothing was changed.');
      file.focus();
      return;
    }
    setBusy(importButton, true);
    try {
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      const report = await api.importEverything(bytes, (p) => importProgress.show(p));
      result.showStatus(importSummary(report));
      await onImported(report);
    } catch (err) {
      result.showError(err.message);
    } finally {
      importProgress.hide();
      setBusy(importButton, false);
    }
  });
  return form;
}
