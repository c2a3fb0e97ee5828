// Settings: take the journal away (a Markdown memory book, a JSON backup)
// and bring a backup back in.

import { api } from '../api.js';
import { h, announce, setBusy, isBusy } from '../dom.js';
import { formMessages } from '../fields.js';
import { plural } from '../format.js';
import { journalImportForm } from './settings-journals.js';

// What "Save a backup (JSON)" writes: the couple, the journal's entries (with
// their replies and who read them), the couple's own prompts and the prompt of
// each day, and the thank-you notes. Nothing else, so nothing else is named.
const BACKUP_HOLDS = 'A backup holds your names and colours, your journal entries with their replies, '
  + 'your own prompts and the prompt of each day, and your thank-you notes, so they can come back into Hearth later. '
  + 'It doesn’t hold your rituals, check-ins or commitments yet.';

function importSummary(r) {
  const added = [
    plural(r.entriesAdded, 'entry', 'entries'),
    plural(r.repliesAdded, 'reply', 'replies'),
  ];
  if (r.appreciationsAdded) added.push(plural(r.appreciationsAdded, 'thank-you', 'thank-yous'));
  if (r.promptsAdded) added.push(plural(r.promptsAdded, 'prompt', 'prompts'));
  let text = `Added ${added.join(', ')}`;
  text += r.entriesAlreadyHere ? `; ${r.entriesAlreadyHere} ${r.entriesAlreadyHere === 1 ? 'was' : 'were'} already here.` : '.';
  if (r.answersSkipped) text += ` ${plural(r.answersSkipped, 'answer was', 'answers were')} left out: that day already had one.`;
  return text;
}

export function exchangeSection() {
  const includePrivate = h('input', { type: 'checkbox', id: 'export-private', class: 'checkbox' });
  const book = h('button', { type: 'button', class: 'button button--quiet', id: 'export-markdown' }, 'Save a memory book (Markdown)');
  const backup = h('button', { type: 'button', class: 'button button--quiet', id: 'export-json', 'aria-describedby': 'export-json-holds' }, 'Save a backup (JSON)');
  const out = formMessages('export');
  const where = h('p', { class: 'path', id: 'export-path', hidden: true });

  async function run(button, make) {
    if (isBusy(button)) return;
    out.clear();
    where.hidden = true;
    setBusy(book, true);
    setBusy(backup, true);
    try {
      const path = await make(includePrivate.checked);
      out.showStatus('Saved. You will find it here:');
      where.textContent = path;
      where.hidden = false;
      announce(`Saved to ${path}`);
    } catch (err) {
      out.showError(err.message);
    } finally {
      setBusy(book, false);
      setBusy(backup, false);
    }
  }
  book.addEventListener('click', () => run(book, api.exportMarkdown));
  backup.addEventListener('click', () => run(backup, api.exportJson));

  const file = h('input', { type: 'file', id: 'import-file', accept: '.json,application/json', class: 'file-input' });
  const importButton = h('button', { type: 'submit', class: 'button button--quiet', id: 'import-go' }, 'Import');
  const result = formMessages('import');
  const importForm = h('form', { class: 'import-form', novalidate: true, 'aria-labelledby': 'import-title' },
    h('h3', { id: 'import-title' }, 'Bring a backup back'),
    h('p', { class: 'muted' }, 'Entries already in your journal are not added twice. If the file can’t be used, nothing changes.'),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: file.id }, 'Hearth backup (.json)'), file),
    result.alert,
    h('div', { class: 'form-actions' }, importButton, result.status));
  importForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(importButton)) return;
    result.clear();
    const chosen = file.files?.[0];
    if (!chosen) { result.showError('Please choose a backup file first.'); file.focus(); return; }
    setBusy(importButton, true);
    try {
      const text = await chosen.text();
      const report = await api.importJson(text);
      result.showStatus(importSummary(report));
    } catch (err) {
      result.showError(err.message);
    } finally {
      setBusy(importButton, false);
    }
  });

  return h('section', { class: 'settings-section', 'aria-labelledby': 'settings-exchange-title' },
    h('h2', { id: 'settings-exchange-title' }, 'Take your journal with you'),
    h('p', {}, 'A memory book is easy to read or print, month by month, in both your voices.'),
    // Exactly what the JSON file carries (ExportFile in the core), and what it doesn't yet.
    h('p', { id: 'export-json-holds' }, BACKUP_HOLDS),
    h('p', { class: 'muted' }, 'Files go to your Documents folder (or to Hearth’s own folder when there is none). They are not encrypted, so keep them somewhere safe.'),
    h('div', { class: 'field checkbox-field' }, includePrivate,
      h('label', { for: includePrivate.id }, ' Include my private entries')),
    h('div', { class: 'form-actions' }, book, backup),
    out.alert, out.status, where,
    importForm,
    journalImportForm());
}
