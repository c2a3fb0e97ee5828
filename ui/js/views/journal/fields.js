// The pieces the journal's forms share: long text with a count, feeling
// chips, tags, and shared/private.

import { h, uid } from '../../dom.js';
import { charCount, feelingLabel, number } from '../../format.js';

/** What "Private" means in this build: hidden from the other partner's view, not locked. */
export function privateNote(otherName) {
  return `Private: Hearth keeps this out of ${otherName}’s view. There are no passwords yet, `
    + 'so anyone using this laptop could switch to you and read it, and it isn’t encrypted.';
}

/** Shows how many characters are left once a text nears its limit. */
function counter(textarea, max, id) {
  const el = h('p', { class: 'char-count', id, hidden: true });
  const update = () => {
    const n = charCount(textarea.value);
    const near = n >= max * 0.9;
    el.hidden = !near;
    el.classList.toggle('char-count--over', n > max);
    el.textContent = n > max
      ? `That's ${number(n)} characters; please keep it to ${number(max)}.`
      : `${number(n)} of ${number(max)} characters`;
  };
  textarea.addEventListener('input', update);
  return { el, update };
}

/** A labelled textarea with an optional hint and a count near `max`. */
export function longTextField({ id, label, hint, value = '', max, rows = 6 }) {
  const hintId = hint ? `${id}-hint` : null;
  const countId = `${id}-count`;
  const textarea = h('textarea', {
    id, name: id, class: 'text-input text-area', rows,
    'aria-describedby': [hintId, countId].filter(Boolean).join(' '),
  });
  textarea.value = value;
  const count = counter(textarea, max, countId);
  count.update();
  const el = h('div', { class: 'field' },
    h('label', { class: 'field-label', for: id }, label),
    hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
    textarea, count.el);
  return {
    el,
    input: textarea,
    set(text) { textarea.value = text; count.update(); },
    tooLong: () => charCount(textarea.value) > max,
  };
}

/** A single-line labelled input. */
export function lineField({ id, label, hint, value = '', maxlength }) {
  const hintId = hint ? `${id}-hint` : null;
  const input = h('input', {
    type: 'text', id, name: id, class: 'text-input', autocomplete: 'off',
    maxlength: maxlength ?? null, 'aria-describedby': hintId,
  });
  input.value = value;
  const el = h('div', { class: 'field' },
    h('label', { class: 'field-label', for: id }, label),
    hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
    input);
  return { el, input };
}

/** Feeling chips: toggle buttons, at most one pressed; pressing it again clears it. */
export function feelingChips(feelings, selected = null) {
  let value = selected;
  const buttons = feelings.map((word) => {
    const b = h('button', { type: 'button', class: 'chip', 'data-feeling': word, 'aria-pressed': String(word === value) },
      feelingLabel(word));
    b.addEventListener('click', () => {
      set(value === word ? null : word);
      b.dispatchEvent(new Event('change', { bubbles: true }));
    });
    return b;
  });
  function set(word) {
    value = word;
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.feeling === value));
  }
  const legendId = uid('feeling-legend');
  const el = h('div', { class: 'field' },
    h('p', { class: 'field-label', id: legendId }, 'How are you feeling?', h('span', { class: 'optional' }, ' (optional)')),
    h('div', { class: 'chips', role: 'group', 'aria-labelledby': legendId }, buttons));
  return { el, value: () => value, set };
}

/** Tags as one comma-separated line. */
export function tagsField(id, tags = []) {
  const field = lineField({ id, label: 'Tags', hint: 'Optional. A word or two each, separated by commas.', value: tags.join(', ') });
  return {
    el: field.el,
    input: field.input,
    value: () => field.input.value.split(',').map((t) => t.trim()).filter(Boolean),
    set: (list) => { field.input.value = list.join(', '); },
  };
}

/** Shared with the partner, or private to the writer, said plainly. */
export function visibilityField(name, value, otherName) {
  const shared = h('input', { type: 'radio', name, id: `${name}-shared`, value: 'shared', class: 'radio' });
  const priv = h('input', { type: 'radio', name, id: `${name}-private`, value: 'private', class: 'radio', 'aria-describedby': `${name}-note` });
  const note = h('p', { class: 'field-hint private-note', id: `${name}-note` }, privateNote(otherName));
  const set = (v) => {
    shared.checked = v !== 'private';
    priv.checked = v === 'private';
    note.classList.toggle('private-note--on', priv.checked);
  };
  shared.addEventListener('change', () => set('shared'));
  priv.addEventListener('change', () => set('private'));
  set(value);
  const el = h('fieldset', { class: 'field visibility' },
    h('legend', { class: 'field-label' }, 'Who can read it'),
    h('div', { class: 'radio-row' },
      h('label', { class: 'radio-label', for: shared.id }, shared, ` Shared with ${otherName}`),
      h('label', { class: 'radio-label', for: priv.id }, priv, ' Private')),
    note);
  return { el, value: () => (priv.checked ? 'private' : 'shared'), set };
}
