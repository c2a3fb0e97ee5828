// First run: "Join a journal from another laptop". The other laptop (Settings
// → Two laptops → "Pair another laptop") shows a code; here the person
// chooses this laptop's copy of the shared folder, types the code, and
// Hearth opens the same journal. Whatever was typed stays put on an error.

import { api } from '../api.js';
import { h, focusElement, setBusy, isBusy } from '../dom.js';
import { textField, formMessages } from '../fields.js';
import { store } from '../store.js';

/** The section, and how to bring a person to it. */
export function joinForm() {
  const folder = h('p', { class: 'path', id: 'join-folder', hidden: true });
  const choose = h('button', { type: 'button', class: 'button button--quiet', id: 'join-choose', 'aria-describedby': 'join-folder' }, 'Choose a sync folder');
  const code = textField({
    id: 'join-code',
    label: 'Pairing code',
    hint: 'The code the other laptop shows in Settings → Two laptops, after “Pair another laptop”.',
  });
  code.input.setAttribute('autocapitalize', 'characters');
  code.input.setAttribute('spellcheck', 'false');
  const messages = formMessages('join');
  const join = h('button', { type: 'submit', class: 'button button--primary', id: 'join-submit' }, 'Join');
  let path = null;

  choose.addEventListener('click', async () => {
    if (isBusy(choose)) return;
    messages.clear();
    setBusy(choose, true);
    try {
      const picked = await api.pickSyncFolder();
      if (picked == null) {
        messages.showStatus(path ? 'The folder stays as it was.' : 'No folder was chosen yet.');
        return;
      }
      path = picked;
      folder.textContent = picked;
      folder.hidden = false;
      choose.textContent = 'Choose another folder';
      messages.showStatus('Folder chosen. Now type the pairing code.');
      code.input.focus();
    } catch (err) {
      messages.showError(err.message);
    } finally {
      setBusy(choose, false);
    }
  });

  const form = h('form', { class: 'join-form', id: 'join-form', novalidate: true, 'aria-labelledby': 'join-title' },
    h('h2', { id: 'join-title' }, 'Join a journal from another laptop'),
    h('p', {},
      'Already started Hearth on your other laptop? This laptop can keep the same journal, each with its own copy. ',
      'On that laptop, open Settings → Two laptops and press “Pair another laptop”. ',
      'Then, here, choose this laptop’s copy of the folder you share (kept in step by Syncthing, Nextcloud, Dropbox, or a USB stick) and type the code it shows.'),
    h('div', { class: 'form-actions' }, choose),
    folder,
    code.el,
    messages.alert,
    h('div', { class: 'form-actions' }, join),
    messages.status);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(join)) return;
    messages.clear();
    code.clearError();
    if (!path) {
      messages.showError('Please choose the sync folder first: this laptop’s copy of the folder the other laptop writes to.');
      choose.focus();
      return;
    }
    const typed = code.input.value.trim();
    if (!typed) {
      code.showError('Please type the pairing code the other laptop shows.');
      code.input.focus();
      return;
    }
    setBusy(join, true);
    form.setAttribute('aria-busy', 'true');
    messages.showStatus('Joining… Hearth is reading the journal from the folder.');
    try {
      store.set(await api.joinJournal(path, typed));
    } catch (err) {
      // A wrong or expired code is the likeliest: back to the code, as typed.
      messages.showError(err.message);
      if (['desktop', 'data_dir', 'not_found'].includes(err.kind)) choose.focus();
      else code.input.focus();
      setBusy(join, false);
      form.removeAttribute('aria-busy');
    }
  });

  return {
    el: h('section', { class: 'welcome-join', id: 'setup-join' }, form),
    /** Brings a person to the section, its first control focused. */
    show() {
      form.scrollIntoView({ block: 'start' });
      focusElement(choose);
    },
  };
}
