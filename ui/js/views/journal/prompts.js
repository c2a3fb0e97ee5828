// The prompt library: every question, by category, and a form to add one of
// your own. Prompts you add join the library (and the prompt of the day)
// like Hearth's own, marked with who added them.

import { api } from '../../api.js';
import { h, announce, focusElement, replaceChildren, setBusy, isBusy } from '../../dom.js';
import { formMessages } from '../../fields.js';
import { nameOf } from '../../format.js';
import { longTextField } from './fields.js';

export function renderPromptLibrary({ state, words, onAdded }) {
  const category = h('select', { id: 'prompt-category', name: 'prompt-category', class: 'text-input select' },
    words.categories.map((c) => h('option', { value: c.id }, c.label)));
  const text = longTextField({
    id: 'prompt-new', label: 'Your question', max: words.promptMax, rows: 2,
    hint: 'Something you would like both of you to answer one day. You can find it here afterwards.',
  });
  const messages = formMessages('prompt-add');
  const add = h('button', { type: 'submit', class: 'button button--primary' }, 'Add this prompt');
  const form = h('form', { class: 'prompt-add', id: 'prompt-add', novalidate: true, 'aria-labelledby': 'prompt-add-title' },
    h('h2', { id: 'prompt-add-title' }, 'Add a prompt of your own'),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: category.id }, 'Category'), category),
    text.el, messages.alert,
    h('div', { class: 'form-actions' }, add, messages.status));

  const library = h('div', { class: 'prompt-library', id: 'prompt-library' }, h('p', { class: 'muted' }, 'Opening the prompts…'));
  const heading = h('h2', { id: 'prompts-title', tabindex: '-1' }, 'Prompts');
  const el = h('section', { class: 'prompts-place', 'aria-labelledby': heading.id },
    heading,
    h('p', { class: 'lead' }, 'Questions that help you start writing. Each day one of them is the prompt of the day for you both.'),
    form, library);

  function render(prompts, { highlight = null } = {}) {
    replaceChildren(library, words.categories.map((c) => {
      const inCategory = prompts.filter((p) => p.category === c.id);
      return h('section', { class: 'prompt-group', 'aria-labelledby': `prompts-${c.id}` },
        h('h3', { id: `prompts-${c.id}` }, c.label),
        h('ul', { class: 'prompt-list' }, inCategory.map((p) => h('li', {
          class: p.custom ? 'prompt-item prompt-item--custom' : 'prompt-item',
          id: p.custom ? `prompt-${p.id}` : null,
          tabindex: p.id === highlight ? '-1' : null,
        },
        h('span', { class: 'prompt-item-text' }, p.text),
        p.custom ? h('span', { class: 'prompt-added-by muted' }, ` Added by ${nameOf(state, p.addedBy)}`) : null))));
    }));
  }

  async function load() {
    try {
      render(await api.prompts());
    } catch (err) {
      replaceChildren(library, h('p', { class: 'form-alert', role: 'alert' }, err.message));
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(add)) return;
    messages.clear();
    if (!text.input.value.trim()) { messages.showError('Please write the question first.'); text.input.focus(); return; }
    if (text.tooLong()) { messages.showError(`Please keep a prompt to ${words.promptMax} characters.`); text.input.focus(); return; }
    setBusy(add, true);
    try {
      const prompt = await api.addPrompt(category.value, text.input.value);
      text.set('');
      render(await api.prompts(), { highlight: prompt.id });
      const label = words.categories.find((c) => c.id === prompt.category)?.label ?? '';
      messages.showStatus(`Added to ${label}.`);
      announce(`Your prompt is added to ${label}.`);
      focusElement(library.querySelector(`#prompt-${CSS.escape(prompt.id)}`));
      onAdded?.();
    } catch (err) {
      messages.showError(err.message);
    } finally {
      setBusy(add, false);
    }
  });

  return { el, load, focus: () => focusElement(heading) };
}
