// Settings: bring in a journal kept in another app (Day One's JSON zip, or
// jrnl's JSON export). The entries become the writer's own, private unless
// they choose Shared; afterwards a summary says what came and what couldn't.

import { api } from '../api.js';
import { h, setBusy, isBusy, focusElement, announce } from '../dom.js';
import { formMessages } from '../fields.js';
import { plural, number } from '../format.js';
import { store, writerOf, otherOf } from '../store.js';
import { visibilityField } from './journal/fields.js';

// The core's limit (JOURNAL_FILE_MAX_BYTES in crates/hearth-core/src/exchange/
// journals/unpack.rs). The page checks it first so a huge file isn't read
// into memory only to be refused; the core checks it again.
const FILE_MAX_BYTES = 200 * 1024 * 1024;

const APPS = { day_one: 'Day One', jrnl: 'jrnl' };

/** "a, b and c". */
function listed(items) {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** What came and what couldn't, in a few warm sentences. */
export function journalSummary(r, writerName) {
  const app = APPS[r.app] ?? 'the other app';
  const whose = r.visibility === 'private'
    ? `${writerName}’s private entries`
    : `${writerName}’s entries, shared with you both`;
  const parts = [];
  parts.push(r.entriesAdded
    ? `Added ${plural(r.entriesAdded, 'entry', 'entries')} from ${app} as ${whose}.`
    : `Nothing new to add from ${app}.`);
  if (r.entriesAlreadyHere) {
    parts.push(`${plural(r.entriesAlreadyHere, 'entry was', 'entries were')} already here.`);
  }
  if (r.entriesSplit) {
    parts.push(`${plural(r.entriesSplit, 'long entry was', 'long entries were')} saved in parts, every word kept.`);
  }
  if (r.entriesWithoutWords) {
    parts.push(`${plural(r.entriesWithoutWords, 'entry had', 'entries had')} no words, only a photo or a recording, so ${r.entriesWithoutWords === 1 ? 'it stayed' : 'they stayed'} behind.`);
  }
  const left = r.leftBehind ?? {};
  const behind = [
    [left.photos, 'photos'], [left.audio, 'audio recordings'], [left.videos, 'videos'], [left.pdfs, 'PDFs'],
    [left.places, 'places'], [left.weather, 'weather'], [left.stars, 'stars'],
  ].filter(([n]) => n > 0).map(([n, what]) => `${what} (${number(n)})`);
  if (behind.length) {
    const text = listed(behind);
    parts.push(`${text.charAt(0).toUpperCase()}${text.slice(1)} couldn’t come along.`);
  }
  if (r.tagsShortened) parts.push(`${plural(r.tagsShortened, 'long tag was', 'long tags were')} shortened.`);
  if (r.tagsLeftOut) parts.push(`${plural(r.tagsLeftOut, 'tag', 'tags')} past the ten an entry can have ${r.tagsLeftOut === 1 ? 'was' : 'were'} left out.`);
  return parts.join(' ');
}

export function journalImportForm() {
  const state = store.get();
  const writer = writerOf(state)?.name ?? 'you';
  const other = otherOf(state)?.name ?? 'your partner';
  const file = h('input', {
    type: 'file', id: 'journal-file', class: 'file-input',
    accept: '.zip,.json,application/zip,application/json', 'aria-describedby': 'journal-file-hint',
  });
  const visibility = visibilityField('journal-visibility', 'private', other);
  const go = h('button', { type: 'submit', class: 'button button--quiet', id: 'journal-go' }, 'Bring it in');
  const result = formMessages('journal-import');
  const form = h('form', { class: 'import-form', novalidate: true, 'aria-labelledby': 'journal-import-title' },
    h('h3', { id: 'journal-import-title' }, 'Bring a journal from another app'),
    h('p', {}, `The entries become ${writer}’s, with their dates, tags and words. `
      + 'Photos, places and weather can’t come along; Hearth tells you what stayed behind. '
      + 'Bringing the same file in again adds nothing twice, and if the file can’t be used, nothing changes.'),
    h('div', { class: 'field' },
      h('label', { class: 'field-label', for: file.id }, 'Journal file'),
      h('p', { class: 'field-hint', id: 'journal-file-hint' },
        'Day One: its JSON export, the .zip with Journal.json inside. jrnl: the file that ',
        h('code', {}, 'jrnl --format json'), ' writes.'),
      file),
    visibility.el,
    result.alert,
    h('div', { class: 'form-actions' }, go, result.status));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(go)) return;
    result.clear();
    const chosen = file.files?.[0];
    if (!chosen) {
      result.showError('Please choose the journal file first.');
      file.focus();
      return;
    }
    if (chosen.size > FILE_MAX_BYTES) {
      result.showError('This file is larger than 200 MB, more than Hearth brings in at once. '
        + 'If it holds many photos, try exporting fewer entries at a time. Nothing was changed.');
      focusElement(result.alert.firstElementChild);
      return;
    }
    setBusy(go, true);
    form.setAttribute('aria-busy', 'true');
    try {
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      const report = await api.importJournal(bytes, visibility.value());
      const name = store.get()?.partners?.find((p) => p.id === report.author)?.name ?? writer;
      const summary = journalSummary(report, name);
      result.showStatus(summary);
      focusElement(result.status);
      announce(summary);
    } catch (err) {
      result.showError(err.message);
      focusElement(result.alert.firstElementChild);
    } finally {
      setBusy(go, false);
      form.removeAttribute('aria-busy');
    }
  });
  return form;
}
