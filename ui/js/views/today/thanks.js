// Thank-yous: the partner's notes until they're read, and a one-line box to
// send one back.

import { api } from '../../api.js';
import { h, announce, replaceChildren, setBusy, isBusy } from '../../dom.js';
import { formMessages } from '../../fields.js';
import { nameOf } from '../../format.js';
import { otherOf } from '../../store.js';

export function renderThanks({ state, words }) {
  const other = otherOf(state)?.name ?? 'your partner';
  const list = h('ul', { class: 'thanks-list', id: 'thanks-list', 'aria-label': 'Thank-yous for you' });
  const problem = h('div', { class: 'alert-slot' });

  const input = h('input', { type: 'text', id: 'thanks-text', class: 'text-input', autocomplete: 'off', maxlength: words.appreciationMax });
  const messages = formMessages('thanks');
  const send = h('button', { type: 'submit', class: 'button button--quiet' }, 'Send');
  const form = h('form', { class: 'thanks-form', novalidate: true },
    h('label', { class: 'field-label', for: input.id }, `Send a thank-you to ${other}`),
    h('p', { class: 'field-hint', id: 'thanks-hint' }, 'One line about something they did. They’ll see it here.'),
    h('div', { class: 'search-row' }, input, send),
    messages.alert, messages.status);
  input.setAttribute('aria-describedby', 'thanks-hint');

  const el = h('section', { class: 'today-card thanks', 'aria-labelledby': 'thanks-title' },
    h('h2', { id: 'thanks-title' }, 'Thank-yous'), problem, list, form);

  function item(note) {
    const read = h('button', { type: 'button', class: 'button button--quiet' }, 'Thank you, I’ve read it');
    const li = h('li', { class: 'thanks-note' },
      h('p', {}, h('strong', {}, `From ${nameOf(state, note.from)}: `), note.text), read);
    read.addEventListener('click', async () => {
      if (isBusy(read)) return;
      setBusy(read, true);
      try {
        await api.markAppreciationRead(note.id);
        li.remove();
        if (!list.children.length) replaceChildren(list, emptyNote());
        announce(`${nameOf(state, note.from)}'s note is marked read.`);
        input.focus();
      } catch (err) {
        setBusy(read, false);
        problem.replaceChildren(h('p', { class: 'form-alert', role: 'alert' }, err.message));
      }
    });
    return li;
  }
  const emptyNote = () => h('li', { class: 'muted thanks-none' }, `No new notes from ${other}.`);

  function show(notes) {
    replaceChildren(list, notes.length ? notes.map(item) : emptyNote());
  }

  async function load() {
    try {
      show(await api.unreadAppreciations());
    } catch (err) {
      problem.replaceChildren(h('p', { class: 'form-alert', role: 'alert' }, err.message));
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(send)) return;
    messages.clear();
    if (!input.value.trim()) { messages.showError('A few words are plenty.'); input.focus(); return; }
    setBusy(send, true);
    try {
      await api.appreciate(input.value);
      input.value = '';
      messages.showStatus(`Sent. ${other} will see it on Today.`);
    } catch (err) {
      messages.showError(err.message);
    } finally {
      setBusy(send, false);
    }
  });

  return { el, load, show };
}
