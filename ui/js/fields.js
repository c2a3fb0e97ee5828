// Labelled text fields and form-level messages, shared by setup and settings.

import { h } from './dom.js';

/**
 * A place for a message with role="alert". The alert element exists only
 * while there is something to say: inserting it is what screen readers
 * announce most reliably, and no empty alert is ever left in the page.
 */
export function alertSlot(id, className) {
  const el = h('div', { class: 'alert-slot' });
  return {
    el,
    show(message) {
      el.replaceChildren(h('p', { class: className, id, role: 'alert' }, message));
    },
    clear() {
      el.replaceChildren();
    },
    get shown() {
      return el.childElementCount > 0;
    },
  };
}

/**
 * A text input with a real <label for>, an optional hint and a place for a
 * message about this field. Returns {el, input, showError(msg), clearError()}.
 */
export function textField({ id, label, hint, value = '', autocomplete = 'off' }) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const input = h('input', {
    type: 'text',
    id,
    name: id,
    class: 'text-input',
    autocomplete,
    spellcheck: 'false',
    autocapitalize: 'words',
    'aria-describedby': hint ? hintId : null,
  });
  input.value = value;
  const error = alertSlot(errorId, 'field-error');

  const el = h('div', { class: 'field' },
    h('label', { class: 'field-label', for: id }, label),
    hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
    input,
    error.el);

  function describedBy(withError) {
    const ids = [hint ? hintId : null, withError ? errorId : null].filter(Boolean);
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
    else input.removeAttribute('aria-describedby');
  }

  return {
    el,
    input,
    showError(message) {
      error.show(message);
      input.setAttribute('aria-invalid', 'true');
      describedBy(true);
    },
    clearError() {
      error.clear();
      input.removeAttribute('aria-invalid');
      describedBy(false);
    },
  };
}

/**
 * A message area for a whole form: `alert` for problems (role="alert"),
 * `status` for quiet confirmations (role="status").
 */
export function formMessages(idPrefix) {
  const alert = alertSlot(`${idPrefix}-error`, 'form-alert');
  const status = h('p', { class: 'form-status', id: `${idPrefix}-status`, role: 'status' });
  return {
    alert: alert.el,
    status,
    showError(message) {
      status.textContent = '';
      alert.show(message);
    },
    showStatus(message) {
      alert.clear();
      status.textContent = message;
    },
    clear() {
      alert.clear();
      status.textContent = '';
    },
  };
}
