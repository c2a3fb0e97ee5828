// A short message at the bottom of the window, with one action (Undo).
// Only one at a time; it stays while it has focus or the pointer is on it.

import { h, announce, setBusy, isBusy } from './dom.js';

let current = null;

export function showToast(message, { actionLabel, onAction, timeout = 10_000, focusAction = false } = {}) {
  current?.close();
  const action = actionLabel
    ? h('button', { type: 'button', class: 'button button--quiet toast-action' }, actionLabel)
    : null;
  const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Close this message' }, '×');
  const el = h('div', { class: 'toast', role: 'status' }, h('p', { class: 'toast-text' }, message), action, close);
  let timer = null;
  let held = false;
  const arm = () => { window.clearTimeout(timer); timer = window.setTimeout(() => { if (!held) toast.close(); }, timeout); };
  const toast = {
    el,
    close() {
      window.clearTimeout(timer);
      const hadFocus = el.contains(document.activeElement);
      el.remove();
      if (current === toast) current = null;
      if (hadFocus) document.getElementById('main')?.focus();
    },
  };
  action?.addEventListener('click', async () => {
    if (isBusy(action)) return;
    setBusy(action, true);
    try { await onAction?.(); } finally { toast.close(); }
  });
  close.addEventListener('click', () => toast.close());
  el.addEventListener('focusin', () => { held = true; });
  el.addEventListener('focusout', () => { held = false; arm(); });
  el.addEventListener('mouseenter', () => { held = true; });
  el.addEventListener('mouseleave', () => { held = false; arm(); });
  el.addEventListener('keydown', (event) => { if (event.key === 'Escape') toast.close(); });
  document.body.append(el);
  current = toast;
  announce(message);
  arm();
  if (focusAction && action) action.focus();
  return toast;
}
