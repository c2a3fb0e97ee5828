// The pieces the journal's forms share: long text with a count, feeling
// chips, tags, and shared/private.

import { h, uid } from '../../dom.js';
import { charCount, feelingLabel, number } from '../../format.js';

/** What "Private" means: hidden from the other partner's view; sealed only once there is a passphrase. */
export function privateNote(otherName) {
  return `Private: Hearth keeps this out of ${otherName}’s view. Without a passphrase (Settings → Privacy), `
    + 'anyone using this laptop could switch to you and read it, and it isn’t encrypted. '
    + 'With one, it is sealed with your passphrase in the journal file.';
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

/**
 * The feeling: one of the core's words, or none (the core keeps one). A real
 * radio group, so it is announced as one choice ("Hopeful, 1 of 10"), drawn
 * as chips; choosing the chosen one again (click or Space) clears it.
 */
export function feelingChips(feelings, selected = null) {
  let value = selected;
  const name = uid('feeling');
  const hintId = `${name}-hint`;
  const radios = feelings.map((word) => {
    const radio = h('input', { type: 'radio', class: 'chip-input', name, id: `${name}-${word}`, value: word });
    radio.checked = word === value;
    const clear = () => {
      radio.checked = false;
      value = null;
      radio.dispatchEvent(new Event('change', { bubbles: true }));
    };
    // A click on the one already chosen lets it go; arrows and a new choice just choose.
    radio.addEventListener('click', () => {
      if (value === word) clear();
      else value = word;
    });
    // Space on the chosen one lets it go too (browsers send no click for it).
    radio.addEventListener('keydown', (event) => {
      if (event.key === ' ' && radio.checked && value === word) {
        event.preventDefault();
        clear();
      }
    });
    radio.addEventListener('change', () => { if (radio.checked) value = word; });
    return radio;
  });
  function set(word) {
    value = feelings.includes(word) ? word : null;
    for (const r of radios) r.checked = r.value === value;
  }
  const el = h('fieldset', { class: 'field feelings', 'aria-describedby': hintId },
    h('legend', { class: 'field-label' }, 'How are you feeling?', h('span', { class: 'optional' }, ' (optional)')),
    h('p', { class: 'field-hint', id: hintId }, 'Pick the one closest to how you feel. Picking it again clears it.'),
    h('div', { class: 'chips' }, radios.map((radio) => h('label', { class: 'chip-option', for: radio.id },
      radio, h('span', { class: 'chip' }, feelingLabel(radio.value))))));
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
