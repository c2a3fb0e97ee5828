// The repair entry: an apology walked through in four parts, each with the
// core's own helper words, saved as one entry the partner can answer.

import { api } from '../../api.js';
import { h, announce, setBusy, isBusy } from '../../dom.js';
import { formMessages } from '../../fields.js';
import { draftKeeper } from '../../drafts.js';
import { otherOf } from '../../store.js';
import { feelingChips, lineField, longTextField, tagsField, visibilityField } from './fields.js';

export function renderRepairComposer({ state, words, entry = null, onSaved, onCancel }) {
  const editing = Boolean(entry);
  const p = editing ? `repair-edit-${entry.id}` : 'repair';
  const title = lineField({ id: `${p}-title`, label: 'Title', hint: 'Optional.', value: entry?.title ?? '', maxlength: words.titleMax });
  const parts = words.repairParts.map((part, i) => ({
    key: part.key,
    field: longTextField({
      id: `${p}-${part.key}`, label: `${i + 1}. ${part.label}`, hint: part.helper,
      value: entry?.repair?.[part.key] ?? '', max: words.bodyMax, rows: 4,
    }),
  }));
  const feeling = feelingChips(words.feelings, entry?.feeling ?? null);
  const tags = tagsField(`${p}-tags`, entry?.tags ?? []);
  const visibility = visibilityField(`${p}-visibility`, entry?.visibility ?? 'shared', otherOf(state)?.name ?? 'your partner');
  const messages = formMessages(p);
  const draftStatus = h('p', { class: 'draft-status muted' });
  const save = h('button', { type: 'submit', class: 'button button--primary' }, editing ? 'Save changes' : 'Save repair');
  const cancel = h('button', { type: 'button', class: 'button button--quiet' }, editing ? 'Cancel' : 'Put it aside');

  const form = h('form', { class: 'composer repair-form', id: p, novalidate: true, 'aria-labelledby': `${p}-heading` },
    h('h2', { id: `${p}-heading` }, editing ? 'Change this repair' : 'Write a repair'),
    h('p', { class: 'muted' },
      'A real apology has parts: what happened, what it did to your partner, how you feel about it, and what will change. ',
      'Take them one at a time. There is no hurry.'),
    title.el, parts.map((x) => x.field.el), feeling.el, tags.el, visibility.el,
    messages.alert,
    h('div', { class: 'form-actions' }, save, cancel, messages.status, draftStatus));

  const read = () => ({
    title: title.input.value,
    parts: Object.fromEntries(parts.map((x) => [x.key, x.field.input.value])),
    feeling: feeling.value(),
    tags: tags.input.value,
    visibility: visibility.value(),
  });
  const isEmpty = (c) => !c || (!c.title?.trim() && !Object.values(c.parts ?? {}).some((v) => v.trim()) && !c.tags?.trim());
  function fill(c) {
    title.input.value = c.title ?? '';
    for (const x of parts) x.field.set(c.parts?.[x.key] ?? '');
    feeling.set(c.feeling ?? null);
    tags.input.value = c.tags ?? '';
    visibility.set(c.visibility ?? 'shared');
  }
  const keeper = draftKeeper({ key: editing ? `edit:${entry.id}` : 'repair', form, read, isEmpty, status: draftStatus });
  keeper.restore().then((c) => { if (c && (editing || isEmpty(read()))) fill(c); });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(save)) return;
    messages.clear();
    const missing = parts.find((x) => !x.field.input.value.trim());
    if (missing) {
      messages.showError('Each of the four parts needs a few words. Even a short sentence is enough.');
      missing.field.input.focus();
      return;
    }
    const input = {
      title: title.input.value.trim() || null,
      ...Object.fromEntries(parts.map((x) => [x.key, x.field.input.value])),
      feeling: feeling.value(),
      tags: tags.value(),
      visibility: visibility.value(),
    };
    setBusy(save, true);
    try {
      const saved = editing ? await api.editRepair(entry.id, input) : await api.createRepair(input);
      await keeper.clear();
      announce('Your repair is saved.');
      onSaved?.(saved);
    } catch (err) {
      messages.showError(err.message);
    } finally {
      setBusy(save, false);
    }
  });
  cancel.addEventListener('click', async () => {
    // Putting a new repair aside keeps its draft for later; cancelling an edit forgets it.
    if (editing) await keeper.clear(); else await keeper.flush();
    onCancel?.();
  });

  return { el: form, focus: () => title.input.focus(), stop: () => keeper.stop() };
}
