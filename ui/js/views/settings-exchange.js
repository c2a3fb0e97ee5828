// Settings: take everything away (one JSON file, "Export everything"), or
// the journal as a Markdown memory book, and bring an export back in.

import { api } from '../api.js';
import { h, announce, setBusy, isBusy } from '../dom.js';
import { formMessages } from '../fields.js';
import { plural } from '../format.js';
import { journalImportForm } from './settings-journals.js';

// What "Export everything" writes: every list of the core's ExportFile,
// named here (tests/ui/promises.test.mjs reads the list fields so the words
// can't drift from the file).
const EVERYTHING_HOLDS = 'The file holds everything Hearth keeps for you both: your names and colours, '
  + 'your journal entries with their replies and read marks, your own prompts and the prompt of each day, '
  + 'your thank-you notes, your rituals with every day you marked, your check-ins, '
  + 'your commitments with their check-offs, your reminder settings and the reminders already shown, '
  + 'and, with your private entries, your unfinished drafts. '
  + 'Your partner’s private entries, and what they haven’t shared yet, stay out.';

/** Import limit, as the core's IMPORT_MAX_BYTES (checked there too). */
const IMPORT_MAX_BYTES = 256 * 1024 * 1024;

const STAGES = { reading: 'Gathering', checking: 'Checking', writing: 'Adding' };

/** A labelled <progress> that follows {stage, done, total}. */
function progressBar(id) {
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

export function exchangeSection() {
  const includePrivate = h('input', { type: 'checkbox', id: 'export-private', class: 'checkbox' });
  const book = h('button', { type: 'button', class: 'button button--quiet', id: 'export-markdown' }, 'Save a memory book (Markdown)');
  const everything = h('button', { type: 'button', class: 'button button--quiet', id: 'export-everything', 'aria-describedby': 'export-everything-holds' }, 'Export everything');
  const out = formMessages('export');
  const where = h('p', { class: 'path', id: 'export-path', hidden: true });
  const exportProgress = progressBar('export-progress');

  async function run(button, make) {
    if (isBusy(button)) return;
    out.clear();
    where.hidden = true;
    setBusy(book, true);
    setBusy(everything, true);
    try {
      const path = await make(includePrivate.checked, (p) => exportProgress.show(p));
      if (path == null) {
        out.showStatus('Not saved: no place was chosen.');
        return;
      }
      out.showStatus('Saved. You will find it here:');
      where.textContent = path;
      where.hidden = false;
      announce(`Saved to ${path}`);
    } catch (err) {
      out.showError(err.message);
    } finally {
      exportProgress.hide();
      setBusy(book, false);
      setBusy(everything, false);
    }
  }
  book.addEventListener('click', () => run(book, api.exportMarkdown));
  everything.addEventListener('click', () => run(everything, api.exportEverything));

  const file = h('input', { type: 'file', id: 'import-file', accept: '.json,application/json', class: 'file-input' });
  const importButton = h('button', { type: 'submit', class: 'button button--quiet', id: 'import-go' }, 'Import this file');
  const result = formMessages('import');
  const importProgress = progressBar('import-progress');
  const importForm = h('form', { class: 'import-form', novalidate: true, 'aria-labelledby': 'import-title' },
    h('h3', { id: 'import-title' }, 'Bring an export back'),
    h('p', { class: 'muted' }, 'What is already here is not added twice, and nothing here is changed. A snapshot is taken first. If the file can’t be used, nothing changes.'),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: file.id }, 'Hearth export (.json)'), file),
    result.alert, importProgress.el,
    h('div', { class: 'form-actions' }, importButton, result.status));
  importForm.addEventListener('submit', async (event) => {
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
    } catch (err) {
      result.showError(err.message);
    } finally {
      importProgress.hide();
      setBusy(importButton, false);
    }
  });

  return h('section', { class: 'settings-section', 'aria-labelledby': 'settings-exchange-title' },
    h('h2', { id: 'settings-exchange-title' }, 'Take your journal with you'),
    h('p', {}, 'A memory book is easy to read or print, month by month, in both your voices.'),
    // Exactly what the JSON file carries (ExportFile in the core).
    h('p', { id: 'export-everything-holds' }, EVERYTHING_HOLDS),
    h('p', { class: 'muted' }, 'You choose where each file is saved. The files are not encrypted: anyone who has one can read it, so keep them somewhere safe.'),
    h('div', { class: 'field checkbox-field' }, includePrivate,
      h('label', { for: includePrivate.id }, ' Include my private entries')),
    h('div', { class: 'form-actions' }, everything, book),
    exportProgress.el, out.alert, out.status, where,
    importForm,
    journalImportForm());
}
