// The encrypted backup file: "Save an encrypted backup" in Settings (the
// whole journal, sealed under a passphrase chosen now), and "Bring back an
// encrypted backup" on the welcome of a new laptop. The core checks and
// decides; this only asks, and says what happened in words.

import { api } from '../api.js';
import { h, announce, setBusy, isBusy } from '../dom.js';
import { formMessages } from '../fields.js';
import { secretField } from '../passphrase.js';

/** Settings: two passphrase fields, the promise in one sentence, then the save dialog. */
export function saveBackupForm() {
  const passphrase = secretField({ id: 'backup-passphrase', label: 'Backup passphrase', autocomplete: 'new-password' });
  const repeat = secretField({ id: 'backup-repeat', label: 'Repeat the backup’s passphrase', autocomplete: 'new-password' });
  const save = h('button', { type: 'submit', class: 'button button--quiet', id: 'backup-save' }, 'Save an encrypted backup');
  const out = formMessages('backup-save');
  const where = h('p', { class: 'path', id: 'backup-path', hidden: true });
  const form = h('form', { class: 'backup-file-form', id: 'backup-file-form', novalidate: true, 'aria-labelledby': 'backup-file-title' },
    h('h3', { id: 'backup-file-title' }, 'Save an encrypted backup'),
    h('p', { id: 'backup-file-about' },
      'One file with your whole journal, both of yours, locked with a passphrase you choose now. '
      + 'Hearth on another laptop opens it with that passphrase. Private pages stay sealed to the one who wrote them.'),
    h('p', { class: 'gentle-note', id: 'backup-file-warning' },
      'Without this passphrase nobody can open the backup, not even us. Please keep it somewhere safe, apart from the file.'),
    passphrase.el, repeat.el, out.alert,
    h('div', { class: 'form-actions' }, save), out.status, where);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(save)) return;
    out.clear();
    passphrase.clearError();
    repeat.clearError();
    where.hidden = true;
    if (!passphrase.input.value.trim()) {
      passphrase.showError('Please choose a passphrase for the backup.');
      passphrase.input.focus();
      return;
    }
    if (passphrase.input.value !== repeat.input.value) {
      repeat.showError('The two passphrases aren’t the same. Please type it again in both fields.');
      repeat.input.select();
      repeat.input.focus();
      return;
    }
    setBusy(save, true);
    try {
      const path = await api.saveEncryptedBackup(passphrase.input.value, repeat.input.value);
      if (path == null) {
        out.showStatus('Not saved: no place was chosen.');
        save.focus();
        return;
      }
      passphrase.input.value = '';
      repeat.input.value = '';
      out.showStatus('Saved. You will find it here:');
      where.textContent = path;
      where.hidden = false;
      announce(`Encrypted backup saved to ${path}`);
      save.focus();
    } catch (err) {
      out.showError(err.message);
      passphrase.input.focus();
    } finally {
      setBusy(save, false);
    }
  });
  return form;
}

/**
 * The welcome: choose the file, type its passphrase, "Open backup".
 * `onOpened(state)` runs once the journal it brought is in place.
 */
export function openBackupForm({ onOpened = () => {} } = {}) {
  const file = h('input', { type: 'file', id: 'backup-file', accept: '.hearthbackup', class: 'file-input' });
  const passphrase = secretField({ id: 'backup-open-passphrase', label: 'Backup passphrase' });
  const open = h('button', { type: 'submit', class: 'button button--quiet', id: 'backup-open' }, 'Open backup');
  const out = formMessages('backup-open');
  const form = h('form', { class: 'import-form', id: 'backup-open-form', novalidate: true, 'aria-labelledby': 'backup-open-title' },
    h('h3', { id: 'backup-open-title' }, 'Bring back an encrypted backup'),
    h('p', { class: 'muted' },
      'If you saved an encrypted backup on your other laptop (Settings → “Save an encrypted backup”), '
      + 'choose it here and type the passphrase you chose for it. Your whole journal comes back as it was.'),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: file.id }, 'Encrypted backup (.hearthbackup)'), file),
    passphrase.el, out.alert,
    h('div', { class: 'form-actions' }, open, out.status));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(open)) return;
    out.clear();
    passphrase.clearError();
    const chosen = file.files?.[0];
    if (!chosen) { out.showError('Please choose the backup file first.'); file.focus(); return; }
    if (!passphrase.input.value.trim()) {
      passphrase.showError('Please type the passphrase chosen when the backup was saved.');
      passphrase.input.focus();
      return;
    }
    setBusy(open, true);
    try {
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      const state = await api.importEncryptedBackup(bytes, passphrase.input.value);
      passphrase.input.value = '';
      out.showStatus('Your journal is back.');
      announce('Your journal is back.');
      await onOpened(state);
    } catch (err) {
      out.showError(err.message);
      passphrase.input.select();
      passphrase.input.focus();
    } finally {
      setBusy(open, false);
    }
  });
  return form;
}
