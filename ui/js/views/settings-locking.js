// Settings → Privacy, the locking part: "Lock after" (the writer's own, once
// they have a passphrase) and what a locked Hearth's reminders show (the
// couple's, once either has one). Each choice is saved as it is made; the
// core keeps and checks it.

import { api } from '../api.js';
import { h } from '../dom.js';
import { formMessages } from '../fields.js';
import { writerOf } from '../store.js';

const AFTER = [['5', '5 minutes'], ['10', '10 minutes'], ['30', '30 minutes'], ['never', 'Never']];
const NOTICE = [['private', 'Only “A Hearth reminder”'], ['name', 'The ritual’s name']];

function select(id, label, options, hint) {
  const control = h('select', { class: 'text-input', id }, options.map(([v, text]) => h('option', { value: v }, text)));
  const el = h('div', { class: 'field' },
    h('label', { class: 'field-label', for: id }, label),
    hint ? h('p', { class: 'field-hint', id: `${id}-hint` }, hint) : null, control);
  if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
  return { el, control };
}

export function lockingChoices() {
  const after = select('privacy-lock-after', 'Lock after', AFTER,
    'Minutes without a key or a click in Hearth’s window. Hearth also locks when the screen locks or the laptop goes to sleep.');
  const notice = select('privacy-locked-notice', 'While locked, reminders show', NOTICE,
    'Reminders keep coming while Hearth is locked. A notification can be seen by anyone near the screen.');
  const messages = formMessages('privacy-locking');
  const el = h('fieldset', { class: 'settings-group', id: 'privacy-locking' },
    h('legend', {}, 'Locking'), after.el, notice.el, messages.alert, messages.status);
  let state = null;

  function show(settings) {
    after.control.value = settings.lockAfter == null ? 'never' : String(settings.lockAfter);
    notice.control.value = settings.lockedNotice;
  }

  async function save(run, said) {
    messages.clear();
    try {
      show(await run());
      messages.showStatus(said);
    } catch (err) {
      messages.showError(err.message);
      api.lockSettings().then(show).catch(() => {});
    }
  }

  after.control.addEventListener('change', () => {
    const v = after.control.value;
    save(() => api.setLockAfter(v === 'never' ? null : Number(v)),
      v === 'never'
        ? 'Saved: Hearth locks only when you lock it, the screen locks or the laptop sleeps.'
        : `Saved: Hearth locks after ${v} minutes without use.`);
  });
  notice.control.addEventListener('change', () => {
    const v = notice.control.value;
    save(() => api.setLockedNotice(v),
      v === 'name' ? 'Saved: while locked, a reminder shows the ritual’s name.' : 'Saved: while locked, a reminder shows only “A Hearth reminder”.');
  });

  return {
    el,
    /** Shows the choices that apply to `next` (the writer with a passphrase, or anyone with one). */
    update(next) {
      const me = writerOf(next);
      const mine = Boolean(me && next.privacy?.withPassphrase?.includes(me.id));
      const anyone = (next.privacy?.withPassphrase ?? []).length > 0;
      const was = state;
      state = next;
      after.el.hidden = !mine;
      el.hidden = !anyone;
      if (anyone && (!was || was.writerId !== next.writerId || !(was.privacy?.withPassphrase ?? []).length)) {
        api.lockSettings().then(show).catch((err) => messages.showError(err.message));
      }
    },
  };
}
