// Settings → Privacy, "Lock Hearth": the whole journal encrypted at rest. A
// couple setting: it needs a passphrase for each partner, and the one not
// writing types theirs to agree. Before turning it on, the page says
// plainly what happens to the plain file and the snapshots; the core
// converts, checks and swaps (hearth_core::hearth::conversion).

import { api } from '../api.js';
import { h, setBusy, isBusy } from '../dom.js';
import { formMessages } from '../fields.js';
import { secretField } from '../passphrase.js';
import { store, writerOf, otherOf } from '../store.js';

function copies(n) {
  return n === 1 ? 'the 1 snapshot' : `the ${n} snapshots`;
}

export function lockHearthChoice() {
  const body = h('div', { class: 'lock-hearth-body' });
  const messages = formMessages('lock-hearth');
  const el = h('fieldset', { class: 'settings-group', id: 'privacy-lock-hearth' },
    h('legend', {}, 'Lock Hearth'), body, messages.alert, messages.status);
  let drawnFor = null;

  async function draw(state) {
    const me = writerOf(state);
    const other = otherOf(state);
    if (!me || !other || state.privacy?.locked) return;
    const said = await api.lockHearthState().catch((err) => {
      messages.showError(err.message);
      return null;
    });
    if (!said) return;
    drawnFor = `${me.id}:${said.on}:${said.missingPassphrase.join(',')}`;
    const what = h('p', {},
      'Lock Hearth encrypts the whole journal: the file, its snapshots and everything Hearth keeps in its folder. ',
      'Hearth then opens to “Who’s here?” and shows nothing until one of you types a passphrase. ',
      'Locking (by hand, after idle time, or when the screen locks) closes the whole journal again.');
    if (said.missingPassphrase.length) {
      body.replaceChildren(what, h('p', { class: 'field-hint', id: 'lock-hearth-needs' },
        `Lock Hearth needs a passphrase for each of you, and ${said.missingPassphrase.join(' and ')} `
        + `${said.missingPassphrase.length === 1 ? 'hasn’t' : 'haven’t'} set one yet. Each of you can set one above, then turn it on here.`));
      return;
    }
    const field = secretField({
      id: 'lock-hearth-other', label: `${other.name}’s passphrase`,
      hint: `Lock Hearth is for both of you, so ${other.name} types theirs to agree.`,
    });
    const submit = h('button', { type: 'submit', class: 'button button--primary', id: 'lock-hearth-submit' },
      said.on ? 'Turn off Lock Hearth' : 'Turn on Lock Hearth');
    const before = said.on
      ? h('p', { class: 'field-hint' },
        'Lock Hearth is on. Turning it off makes a plain copy of the journal, checks it, and puts it in place of the encrypted one; ',
        `${said.copies ? `${copies(said.copies)} become plain too. ` : ''}Anyone with this laptop’s files could then read them with other tools.`)
      : h('p', { class: 'privacy-warning', id: 'lock-hearth-before' },
        'Turning it on makes an encrypted copy of the journal and checks every row, then removes the plain file ',
        `(and its “-wal” and “-shm” files)${said.copies ? ` and encrypts ${copies(said.copies)} in place` : ''}, so no plain copy stays in Hearth’s folder. `
        + 'Exports you saved elsewhere stay as they are. While the whole journal is locked, reminders say only “A Hearth reminder”.');
    const form = h('form', { class: 'privacy-form', id: 'lock-hearth-form', novalidate: true },
      field.el, h('div', { class: 'form-actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (isBusy(submit)) return;
      messages.clear();
      setBusy(submit, true);
      try {
        const done = await api.setLockHearth(!said.on, field.input.value);
        field.input.value = '';
        const left = done.copiesLeft.length ? ` ${done.copiesLeft.length} damaged cop${done.copiesLeft.length === 1 ? 'y was' : 'ies were'} left as they were.` : '';
        const n = done.copiesConverted;
        const message = done.on
          ? `Lock Hearth is on. The plain journal file is gone${n ? `, and ${copies(n)} ${n === 1 ? 'is' : 'are'} encrypted` : ''}.${left}`
          : `Lock Hearth is off. The journal${n ? ` and ${copies(n)}` : ''} ${n ? 'are plain files' : 'is a plain file'} again.`;
        store.set(await api.getState());
        await draw(store.get());
        messages.showStatus(message);
      } catch (err) {
        messages.showError(err.message);
        field.input.focus();
      } finally {
        setBusy(submit, false);
      }
    });
    body.replaceChildren(what, before, form);
  }

  return {
    el,
    update(next) {
      const me = writerOf(next);
      const key = me ? `${me.id}:${next.privacy?.lockHearth}:${(next.privacy?.withPassphrase ?? []).join(',')}` : null;
      if (key === drawnFor) return;
      drawnFor = key;
      draw(next);
    },
  };
}
