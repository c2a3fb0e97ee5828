// Settings: take everything away (one JSON file, "Export everything"), or
// the journal as a Markdown memory book, and bring an export back in.

import { api } from '../api.js';
import { h, announce, setBusy, isBusy } from '../dom.js';
import { formMessages } from '../fields.js';
import { importEverythingForm, progressBar } from './import-everything.js';
import { journalImportForm } from './settings-journals.js';
import { saveBackupForm } from './backup-file.js';

// What "Export everything" writes: every list of the core's ExportFile,
// named here (tests/ui/promises.test.mjs reads the list fields so the words
// can't drift from the file).
const EVERYTHING_HOLDS = 'The file holds everything Hearth keeps for you both: your names and colours, '
  + 'your journal entries with their replies and read marks, your own prompts and the prompt of each day, '
  + 'your thank-you notes, your rituals with every day you marked, your check-ins, '
  + 'your commitments with their check-offs, your reminder settings and the reminders already shown, '
  + 'and, with your private entries, your unfinished drafts. '
  + 'Your partner’s private entries, and what they haven’t shared yet, stay out.';

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
    saveBackupForm(),
    importEverythingForm({
      title: 'Bring an export back',
      intro: 'What is already here is not added twice, and nothing here is changed. A snapshot is taken first. If the file can’t be used, nothing changes.',
    }),
    journalImportForm());
}
