// Settings → Privacy: the writer's own passphrase. Set it (after saying
// plainly what forgetting it means), see the recovery key once, change it,
// remove it, or lock now. Only the one writing can touch their own; the
// core refuses anything else.

import { api } from '../api.js';
import { h, focusElement, setBusy, isBusy } from '../dom.js';
import { formMessages } from '../fields.js';
import { secretField } from '../passphrase.js';
import { store, writerOf, otherOf } from '../store.js';
import { lockNow } from '../lock.js';
import { lockingChoices } from './settings-locking.js';
import { lockHearthChoice } from './settings-lock-hearth.js';

/** A small form of passphrase fields with one submit button. */
function passphraseForm({ id, fields, submitLabel, onSubmit, onCancel }) {
  const made = fields.map((f) => secretField({ id: `${id}-${f.key}`, label: f.label, autocomplete: f.autocomplete }));
  const messages = formMessages(id);
  const submit = h('button', { type: 'submit', class: 'button button--primary', id: `${id}-submit` }, submitLabel);
  const cancel = h('button', { type: 'button', class: 'button button--quiet' }, 'Cancel');
  cancel.addEventListener('click', onCancel);
  const form = h('form', { class: 'privacy-form', id, novalidate: true },
    made.map((f) => f.el), messages.alert, h('div', { class: 'form-actions' }, submit, cancel));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(submit)) return;
    messages.clear();
    setBusy(submit, true);
    try {
      await onSubmit(made.map((f) => f.input.value));
    } catch (err) {
      messages.showError(err.message);
      made[0].input.focus();
    } finally {
      setBusy(submit, false);
    }
  });
  return { el: form, focus: () => made[0].input.focus() };
}

const NEW = [
  { key: 'new', label: 'New passphrase', autocomplete: 'new-password' },
  { key: 'repeat', label: 'Repeat the passphrase', autocomplete: 'new-password' },
];
const CURRENT = { key: 'current', label: 'Current passphrase', autocomplete: 'current-password' };

export function privacySection() {
  const body = h('div', { class: 'privacy-body' });
  const status = h('p', { class: 'form-status', id: 'privacy-status', role: 'status' });
  const locking = lockingChoices();
  const lockHearth = lockHearthChoice();
  const el = h('section', { class: 'settings-section', id: 'settings-privacy', 'aria-labelledby': 'settings-privacy-title' },
    h('h2', { id: 'settings-privacy-title' }, 'Privacy'), body, status, locking.el, lockHearth.el);
  let drawnFor = null;

  function button(id, label, onClick, kind = '') {
    const b = h('button', { type: 'button', class: `button ${kind}`.trim(), id }, label);
    b.addEventListener('click', onClick);
    return b;
  }

  function draw({ focus = null } = {}) {
    const state = store.get();
    const me = writerOf(state);
    const other = otherOf(state);
    if (!me) return;
    drawnFor = `${me.id}:${state.privacy?.withPassphrase?.includes(me.id)}`;
    const has = state.privacy?.withPassphrase?.includes(me.id);
    const honest = h('p', { class: 'muted', id: 'privacy-honest' },
      'A passphrase also seals your private pages, drafts, unrevealed answers and unshared check-ins in the journal file; ',
      'without one they are plain there. The rest of the file (shared pages, rituals, ratings) gets encrypted only by ',
      '“Lock Hearth” (below); without it, someone who opens the file with other tools could still read that.');
    if (!has) {
      const start = button('privacy-set', 'Set a passphrase', () => showSetForm(), 'button--primary');
      body.replaceChildren(
        h('p', {}, `A passphrase keeps ${me.name}’s private pages for ${me.name}: switching to ${me.name}, `
          + `or opening Hearth while ${me.name} was writing, will ask for it. ${other?.name ?? 'Your partner'} can set one too.`),
        h('p', { class: 'privacy-warning', id: 'privacy-warning' },
          'Please keep it safe. Without the passphrase and the recovery key, your private pages can’t be recovered by anyone, not even by Hearth.'),
        honest, h('div', { class: 'form-actions' }, start));
      if (focus === 'start') start.focus();
      return;
    }
    const change = button('privacy-change', 'Change the passphrase', () => showChangeForm());
    const remove = button('privacy-remove', 'Remove the passphrase', () => showRemoveForm(), 'button--quiet');
    const lock = button('privacy-lock', 'Lock now', async () => {
      try { await lockNow(); } catch (err) { status.textContent = err.message; }
    }, 'button--quiet');
    body.replaceChildren(
      h('p', {}, `${me.name} has a passphrase. Switching to ${me.name} asks for it.`),
      honest, h('div', { class: 'form-actions' }, change, remove, lock));
    if (focus === 'change') change.focus();
  }

  function showForm(form) {
    status.textContent = '';
    body.replaceChildren(form.el);
    form.focus();
  }

  function showSetForm() {
    const form = passphraseForm({
      id: 'privacy-set-form',
      fields: NEW,
      submitLabel: 'Set the passphrase',
      onCancel: () => draw({ focus: 'start' }),
      async onSubmit([passphrase, repeat]) {
        const answer = await api.setPassphrase(passphrase, repeat);
        showRecoveryKey(answer.recoveryKey);
        store.set(answer.state);
      },
    });
    showForm(form);
  }

  function showRecoveryKey(key) {
    const title = h('h3', { id: 'privacy-recovery-title' }, 'Your recovery key');
    const done = button('privacy-recovery-done', 'I’ve written it down', () => {
      draw({ focus: 'change' });
      status.textContent = 'Your passphrase is set.';
    }, 'button--primary');
    const saved = h('p', { class: 'form-status', id: 'privacy-recovery-saved', role: 'status' });
    const file = button('privacy-recovery-file', 'Save it as a file', async () => {
      if (isBusy(file)) return;
      saved.textContent = '';
      setBusy(file, true);
      try {
        const path = await api.saveRecoveryKey(key);
        if (path) saved.textContent = `Saved in ${path}. Keep that file somewhere safe, away from this laptop.`;
      } catch (err) {
        saved.textContent = err.message;
      } finally {
        setBusy(file, false);
      }
    });
    body.replaceChildren(h('div', { class: 'recovery-key', role: 'group', 'aria-labelledby': title.id },
      title,
      h('p', {}, 'Your passphrase is set. If you ever forget it, this key sets a new one. ',
        'Please write it down and keep it somewhere safe; Hearth shows it only this once.'),
      h('p', { class: 'recovery-key-text', id: 'privacy-recovery-key' }, key),
      h('div', { class: 'form-actions' }, done, file), saved));
    drawnFor = 'recovery';
    focusElement(title);
  }

  function showChangeForm() {
    showForm(passphraseForm({
      id: 'privacy-change-form',
      fields: [CURRENT, ...NEW],
      submitLabel: 'Change the passphrase',
      onCancel: () => draw({ focus: 'change' }),
      async onSubmit([current, passphrase, repeat]) {
        store.set(await api.changePassphrase(current, passphrase, repeat));
        draw({ focus: 'change' });
        status.textContent = 'Your passphrase is changed. The recovery key stays the same.';
      },
    }));
  }

  function showRemoveForm() {
    showForm(passphraseForm({
      id: 'privacy-remove-form',
      fields: [CURRENT],
      submitLabel: 'Remove the passphrase',
      onCancel: () => draw({ focus: 'change' }),
      async onSubmit([current]) {
        store.set(await api.removePassphrase(current));
        draw({ focus: 'start' });
        status.textContent = 'Your passphrase is removed. Anyone at this laptop can switch to you again.';
      },
    }));
  }

  draw();
  locking.update(store.get());
  lockHearth.update(store.get());
  return {
    el,
    update(next) {
      locking.update(next);
      lockHearth.update(next);
      const me = writerOf(next);
      const key = me ? `${me.id}:${next.privacy?.withPassphrase?.includes(me.id)}` : null;
      // Another writer, or a passphrase set elsewhere: draw afresh (never
      // over the recovery key being shown).
      if (drawnFor !== 'recovery' && key !== drawnFor) draw();
    },
  };
}
