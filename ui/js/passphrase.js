// Asking for a partner's passphrase: the form ("Passphrase", "Unlock"),
// shown in a dialog when someone presses "Switch to", and as the whole
// screen when Hearth opens with that partner's pages locked. Forgotten
// passphrases are met with the recovery key. The core decides; this only asks.

import { api } from './api.js';
import { h, setBusy, isBusy, uid } from './dom.js';
import { alertSlot, textField } from './fields.js';

/** A password input with a real label (textField, made secret). */
export function secretField({ id, label, hint, autocomplete = 'current-password' }) {
  const field = textField({ id, label, hint, autocomplete });
  field.input.type = 'password';
  field.input.removeAttribute('autocapitalize');
  return field;
}

/**
 * The unlock form for `partner`. Calls onUnlocked(state) once the core
 * accepts; onCancel (optional) adds a Cancel button.
 */
export function unlockForm({ partner, onUnlocked, onCancel }) {
  const id = uid('unlock');
  const passphrase = secretField({ id: `${id}-passphrase`, label: 'Passphrase' });
  const error = alertSlot(`${id}-error`, 'form-alert');
  const unlock = h('button', { type: 'submit', class: 'button button--primary', id: `${id}-submit` }, 'Unlock');
  const cancel = onCancel ? h('button', { type: 'button', class: 'button button--quiet' }, 'Cancel') : null;
  cancel?.addEventListener('click', () => onCancel());

  const form = h('form', { class: 'unlock-form', novalidate: true },
    passphrase.el, error.el, h('div', { class: 'form-actions' }, unlock, cancel));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(unlock)) return;
    error.clear();
    if (!passphrase.input.value) {
      error.show(`Please type ${partner.name}’s passphrase.`);
      passphrase.input.focus();
      return;
    }
    setBusy(unlock, true);
    try {
      const state = await api.unlock(partner.id, passphrase.input.value);
      passphrase.input.value = '';
      onUnlocked(state);
    } catch (err) {
      error.show(err.message);
      passphrase.input.select();
      passphrase.input.focus();
    } finally {
      setBusy(unlock, false);
    }
  });

  const recovery = recoveryForm({ partner, onUnlocked });
  const el = h('div', { class: 'unlock' }, form, recovery.el);
  return { el, focus: () => passphrase.input.focus() };
}

/** "Forgot it?": the recovery key sets a new passphrase. */
function recoveryForm({ partner, onUnlocked }) {
  const id = uid('recover');
  const key = textField({ id: `${id}-key`, label: 'Recovery key', hint: 'Eight groups of four letters and digits, as written down.' });
  key.input.setAttribute('autocapitalize', 'characters');
  const next = secretField({ id: `${id}-new`, label: 'New passphrase', autocomplete: 'new-password' });
  const repeat = secretField({ id: `${id}-repeat`, label: 'Repeat the passphrase', autocomplete: 'new-password' });
  const error = alertSlot(`${id}-error`, 'form-alert');
  const submit = h('button', { type: 'submit', class: 'button' }, 'Set the new passphrase');
  const form = h('form', { class: 'recover-form', novalidate: true },
    key.el, next.el, repeat.el, error.el, h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(submit)) return;
    error.clear();
    setBusy(submit, true);
    try {
      const state = await api.resetPassphrase(partner.id, key.input.value, next.input.value, repeat.input.value);
      for (const f of [key, next, repeat]) f.input.value = '';
      onUnlocked(state);
    } catch (err) {
      error.show(err.message);
      key.input.focus();
    } finally {
      setBusy(submit, false);
    }
  });
  const el = h('details', { class: 'recover' },
    h('summary', {}, `Forgot it? Use ${partner.name}’s recovery key`), form);
  el.addEventListener('toggle', () => { if (el.open) key.input.focus(); });
  return { el };
}

/**
 * A modal dialog asking for `partner`'s passphrase. Resolves with the new
 * state once unlocked, or null when closed (Escape, Cancel); focus goes
 * back to where it was.
 */
export function unlockDialog(partner) {
  return new Promise((resolve) => {
    const titleId = uid('unlock-title');
    let answer = null;
    const dialog = h('dialog', { class: 'confirm unlock-dialog', 'aria-labelledby': titleId });
    const form = unlockForm({
      partner,
      onUnlocked(state) { answer = state; dialog.close(); },
      onCancel() { dialog.close(); },
    });
    dialog.append(
      h('h2', { id: titleId }, `Switch to ${partner.name}`),
      h('p', {}, `${partner.name} has a passphrase. Please type it to switch.`),
      form.el);
    const returnTo = document.activeElement;
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (!answer) returnTo?.focus?.();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    form.focus();
  });
}
