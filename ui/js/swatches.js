// A small palette of calm colours, offered as radio buttons styled as
// swatches. Keyboard: Tab into the group, arrow keys move between colours.

import { h, isColor, setCssVar } from './dom.js';

export const PALETTE = [
  { name: 'Terracotta', value: '#b4532a' },
  { name: 'Ochre', value: '#a87a22' },
  { name: 'Sage', value: '#5e7d5b' },
  { name: 'Teal', value: '#3b7b76' },
  { name: 'Slate blue', value: '#3f6e8c' },
  { name: 'Plum', value: '#7b5675' },
];

export function colorName(value) {
  const found = PALETTE.find((c) => c.value.toLowerCase() === String(value).toLowerCase());
  return found ? found.name : 'Your own colour';
}

/**
 * Builds a fieldset of colour radios.
 * name: the radio group name and id prefix ("partner-1-color").
 * legend: visible group label. hint: optional help under the legend.
 * selected: a #rrggbb to preselect, or null for none.
 * Returns {el, value(), select(color), onChange(fn)}.
 */
export function swatchGroup({ name, legend, hint, selected = null }) {
  const options = [...PALETTE];
  // A colour the core chose or kept that is not in our palette still shows,
  // so opening Settings never silently changes anyone's colour.
  if (isColor(selected) && !options.some((c) => c.value.toLowerCase() === selected.toLowerCase())) {
    options.unshift({ name: 'Current colour', value: selected });
  }

  const listeners = [];
  const hintId = `${name}-hint`;
  const chosenText = h('span', { class: 'swatch-chosen', 'aria-hidden': 'true' });
  const list = h('div', { class: 'swatch-list' });

  const inputs = options.map((option) => {
    const id = `${name}-${option.name.toLowerCase().replace(/[^a-z]+/g, '-')}`;
    const input = h('input', {
      type: 'radio',
      class: 'swatch-input',
      name,
      id,
      value: option.value,
    });
    setCssVar(input, '--swatch', option.value);
    input.addEventListener('change', () => {
      refreshChosen();
      for (const fn of listeners) fn(input.value);
    });
    list.append(
      h('label', { class: 'swatch', for: id, title: option.name },
        input,
        h('span', { class: 'visually-hidden' }, option.name)),
    );
    return input;
  });

  const el = h('fieldset', {
    class: 'field swatch-group',
    'aria-describedby': hint ? hintId : null,
  },
  h('legend', { class: 'field-label' }, legend, ' ', chosenText),
  hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
  list);

  function value() {
    return inputs.find((i) => i.checked)?.value ?? null;
  }

  function refreshChosen() {
    const v = value();
    chosenText.textContent = v ? `· ${options.find((o) => o.value === v)?.name ?? ''}` : '';
  }

  function select(color) {
    for (const input of inputs) {
      input.checked = isColor(color) && input.value.toLowerCase() === color.toLowerCase();
    }
    refreshChosen();
  }

  select(selected);
  return { el, value, select, onChange: (fn) => listeners.push(fn) };
}
