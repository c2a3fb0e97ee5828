// The screen a Hearth with "Lock Hearth" on opens to: the whole journal is
// encrypted, so nothing of it exists in the page until one of the couple
// chooses their name and types their passphrase. The names come from the
// key file beside the journal; the core reads nothing else before.

import { h, setCssVar } from '../dom.js';
import { store } from '../store.js';
import { unlockForm } from '../passphrase.js';

export function renderLockedAtRest(state) {
  const main = h('main', { id: 'main', class: 'screen screen--centered', tabindex: '-1' });
  const partners = state.partners ?? [];
  let who = partners[0] ?? null;
  let form = null;
  const formSlot = h('div', { class: 'locked-form' });
  const card = h('div', { class: 'card welcome', id: 'view-locked' });

  function drawForm() {
    form = unlockForm({ partner: who, onUnlocked: (next) => store.set(next) });
    formSlot.replaceChildren(form.el);
    setCssVar(card, '--partner-color', who.color);
  }

  const radios = partners.map((p) => {
    const input = h('input', { type: 'radio', class: 'radio', name: 'locked-who', id: `locked-who-${p.id}`, value: String(p.id) });
    input.checked = p === who;
    input.addEventListener('change', () => {
      if (!input.checked) return;
      who = p;
      drawForm();
    });
    return h('label', { class: 'radio-label', for: input.id }, input, ` ${p.name}`);
  });
  const title = h('h1', { id: 'locked-title' }, 'Who’s here?');
  const choice = h('fieldset', { class: 'field', 'aria-labelledby': title.id },
    h('div', { class: 'radio-row' }, radios));
  card.append(
    h('span', { class: 'brand-mark brand-mark--large', 'aria-hidden': 'true' }),
    title,
    h('p', {}, 'Hearth is locked. Choose your name and type your passphrase to open your journal.'),
    choice, formSlot);
  main.replaceChildren(card);
  if (who) drawForm();

  return {
    el: main,
    title: 'Locked · Hearth',
    focus: () => form?.focus(),
    // A wrong try answers with an error in the form; a new state while
    // still locked keeps what is shown.
    update() {},
  };
}
