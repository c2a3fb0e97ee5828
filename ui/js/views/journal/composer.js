// Writing an entry, or changing one: title, words, feeling, tags, and who can
// read it. What is typed is kept as a draft until it is saved.

import { api } from '../../api.js';
import { h, announce, setBusy, isBusy } from '../../dom.js';
import { formMessages } from '../../fields.js';
import { draftKeeper } from '../../drafts.js';
import { otherOf } from '../../store.js';
import { feelingChips, lineField, longTextField, tagsField, visibilityField } from './fields.js';

const isEmpty = (c) => !c || (!c.title?.trim() && !c.body?.trim() && !c.feeling && !c.tags?.trim());

/**
 * entry: the entry being changed, or null for a new one.
 * onSaved(entry) after a save; onCancel() when editing is abandoned.
 */
export function renderComposer({ state, words, entry = null, onSaved, onCancel }) {
  const editing = Boolean(entry);
  const p = editing ? `edit-${entry.id}` : 'composer';
  const title = lineField({ id: `${p}-title`, label: 'Title', hint: 'Optional.', value: entry?.title ?? '', maxlength: words.titleMax });
  const body = longTextField({
    id: `${p}-body`, label: editing ? 'Your words' : 'What would you like to say?', value: entry?.body ?? '', max: words.bodyMax, rows: editing ? 10 : 6,
  });
  const feeling = feelingChips(words.feelings, entry?.feeling ?? null);
  const tags = tagsField(`${p}-tags`, entry?.tags ?? []);
  const answer = entry?.kind === 'answer';
  const visibility = answer ? null : visibilityField(`${p}-visibility`, entry?.visibility ?? 'shared', otherOf(state)?.name ?? 'your partner');
  const messages = formMessages(p);
  const draftStatus = h('p', { class: 'draft-status muted', id: `${p}-draft-status` });
  const save = h('button', { type: 'submit', class: 'button button--primary' }, editing ? 'Save changes' : 'Save entry');
  const cancel = editing ? h('button', { type: 'button', class: 'button button--quiet' }, 'Cancel') : null;

  const form = h('form', { class: 'composer', id: p, novalidate: true, 'aria-label': editing ? 'Change this entry' : 'Write an entry' },
    title.el, body.el, feeling.el, tags.el, visibility?.el,
    messages.alert,
    h('div', { class: 'form-actions' }, save, cancel, messages.status, draftStatus));

  const read = () => ({
    title: title.input.value,
    body: body.input.value,
    feeling: feeling.value(),
    tags: tags.input.value,
    visibility: visibility?.value() ?? 'shared',
  });
  function fill(c) {
    title.input.value = c.title ?? '';
    body.set(c.body ?? '');
    feeling.set(c.feeling ?? null);
    tags.input.value = c.tags ?? '';
    visibility?.set(c.visibility ?? 'shared');
  }
  const keeper = draftKeeper({ key: editing ? `edit:${entry.id}` : 'new', form, read, isEmpty, status: draftStatus });
  keeper.restore().then((c) => { if (c && (editing || isEmpty(read()))) fill(c); });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(save)) return;
    messages.clear();
    if (!body.input.value.trim()) {
      messages.showError('Please write a few words first.');
      body.input.focus();
      return;
    }
    if (body.tooLong()) {
      messages.showError(`Please keep it to ${words.bodyMax.toLocaleString()} characters.`);
      body.input.focus();
      return;
    }
    const input = {
      title: title.input.value.trim() || null,
      body: body.input.value,
      feeling: feeling.value(),
      tags: tags.value(),
      visibility: visibility?.value() ?? 'shared',
    };
    if (editing && entry.promptId) input.promptId = entry.promptId;
    setBusy(save, true);
    form.setAttribute('aria-busy', 'true');
    try {
      const saved = editing ? await api.editEntry(entry.id, input) : await api.createEntry(input);
      await keeper.clear();
      if (!editing) fill({});
      messages.showStatus(editing ? 'Changes saved.' : 'Saved.');
      announce(editing ? 'Changes saved.' : 'Your entry is saved.');
      onSaved?.(saved);
    } catch (err) {
      // What was typed stays; the draft keeps it too.
      messages.showError(err.message);
    } finally {
      setBusy(save, false);
      form.removeAttribute('aria-busy');
    }
  });
  cancel?.addEventListener('click', async () => {
    await keeper.clear();
    onCancel?.();
  });

  return {
    el: form,
    focus: () => body.input.focus(),
    stop: () => keeper.stop(),
  };
}
