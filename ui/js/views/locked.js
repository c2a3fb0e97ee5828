// The screen Hearth opens to when the partner who was writing has a
// passphrase: nothing of the journal is asked for or drawn until it is
// typed. The other partner can carry on as themselves from here.

import { api } from '../api.js';
import { h, setCssVar } from '../dom.js';
import { alertSlot } from '../fields.js';
import { store, writerOf } from '../store.js';
import { unlockForm } from '../passphrase.js';
import { renderLockedAtRest } from './locked-at-rest.js';

export function renderLocked(state) {
  // Lock Hearth: the whole journal is closed, and nobody is writing yet.
  if (state.privacy?.lockHearth && state.writerId == null) return renderLockedAtRest(state);
  const main = h('main', { id: 'main', class: 'screen screen--centered', tabindex: '-1' });
  let who = writerOf(state);
  let form = null;
  let title = null;

  function draw() {
    const current = store.get() ?? state;
    const other = current.partners.find((p) => p.id !== who.id);
    const otherLocked = current.privacy?.withPassphrase?.includes(other?.id);
    const error = alertSlot('locked-error', 'form-alert');
    title = h('h1', { id: 'locked-title' }, `${who.name}’s pages are locked`);
    form = unlockForm({ partner: who, onUnlocked: (next) => store.set(next) });
    const switchButton = h('button', { type: 'button', class: 'button button--quiet', id: 'locked-switch' },
      `I’m ${other.name}`);
    switchButton.addEventListener('click', async () => {
      error.clear();
      if (otherLocked) {
        who = other;
        draw();
        form.focus();
        return;
      }
      try {
        store.set(await api.setWriter(other.id));
      } catch (err) {
        error.show(err.message);
      }
    });
    const card = h('div', { class: 'card welcome', id: 'view-locked' },
      h('span', { class: 'brand-mark brand-mark--large', 'aria-hidden': 'true' }),
      title,
      h('p', {}, `Please type ${who.name}’s passphrase to carry on as ${who.name}.`),
      form.el,
      h('p', { class: 'muted' }, `Not ${who.name}?`),
      switchButton, error.el);
    setCssVar(card, '--partner-color', who.color);
    main.replaceChildren(card);
  }
  draw();

  return {
    el: main,
    title: 'Locked · Hearth',
    focus: () => form.focus(),
    update(next) {
      // Still locked (a wrong try, a restart): keep what is shown.
      if (!next.privacy?.locked) return;
      who = writerOf(next) ?? who;
    },
  };
}
