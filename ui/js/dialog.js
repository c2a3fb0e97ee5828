// A real modal <dialog> that asks before something that can't be undone.

import { h } from './dom.js';

/** Resolves true when the person confirms, false otherwise (Escape included). */
export function confirmDialog({ title, body, confirmLabel, cancelLabel = 'Cancel' }) {
  return new Promise((resolve) => {
    const titleId = 'confirm-title';
    const cancel = h('button', { type: 'button', class: 'button button--quiet', value: 'cancel' }, cancelLabel);
    const confirm = h('button', { type: 'button', class: 'button button--danger', value: 'confirm' }, confirmLabel);
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': titleId },
      h('h2', { id: titleId }, title),
      [body].flat().map((p) => h('p', {}, p)),
      h('div', { class: 'form-actions' }, cancel, confirm));
    const returnTo = document.activeElement;
    let answer = false;
    cancel.addEventListener('click', () => dialog.close());
    confirm.addEventListener('click', () => { answer = true; dialog.close(); });
    dialog.addEventListener('close', () => {
      dialog.remove();
      returnTo?.focus?.();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
