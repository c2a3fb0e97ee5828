// The prompt of the day. Each partner answers; an answer stays hidden from
// the other until both have written, then the two appear side by side.
// Seeing the other's answer there is reading it: the card marks it read
// (the journal's "I read this"), so Today doesn't count it as unread.

import { api, localDate } from '../../api.js';
import { h, announce, focusElement, replaceChildren, setCssVar, setBusy, isBusy } from '../../dom.js';
import { formMessages } from '../../fields.js';
import { draftKeeper } from '../../drafts.js';
import { partnerById } from '../../format.js';
import { hrefFor } from '../../router.js';
import { otherOf } from '../../store.js';
import { authorTag, paragraphs, sealedNote } from '../journal/entry-view.js';
import { longTextField } from '../journal/fields.js';

function answerColumn(entry, state, label) {
  const el = h('div', { class: 'answer' },
    h('h3', { class: 'answer-who' }, authorTag(state, entry.author), h('span', { class: 'visually-hidden' }, label)),
    entry.sealed ? sealedNote(state, entry) : paragraphs(entry.body),
    h('p', { class: 'answer-open' }, h('a', { href: hrefFor('journal', `entry/${entry.id}`) }, 'Open and reply')));
  setCssVar(el, '--author-color', partnerById(state, entry.author)?.color);
  return el;
}

/** onRead() after the card has marked the other's answer read. */
export function renderPromptCard({ state, words, onRead }) {
  const el = h('section', { class: 'today-card prompt-card', id: 'prompt-of-the-day', 'aria-labelledby': 'prompt-title' },
    h('h2', { id: 'prompt-title' }, 'Prompt of the day'),
    h('p', { class: 'muted' }, 'Opening today’s prompt…'));
  let keeper = null;
  const other = otherOf(state)?.name ?? 'your partner';

  function render(daily, { focus = null, draft } = {}) {
    const category = words.categories.find((c) => c.id === daily.prompt.category)?.label;
    const parts = [
      h('h2', { id: 'prompt-title' }, 'Prompt of the day'),
      category ? h('p', { class: 'prompt-category' }, category) : null,
      h('p', { class: 'prompt-text', id: 'prompt-text' }, daily.prompt.text),
    ];
    const more = h('p', { class: 'prompt-more muted' },
      h('a', { href: hrefFor('journal', 'prompts'), id: 'prompt-library-link' }, 'See all prompts, or add one of your own'));
    if (daily.myAnswer && daily.partnerAnswer) {
      parts.push(h('p', { class: 'prompt-state', id: 'prompt-state' }, 'You have both answered. Here are your two answers, side by side.'),
        h('div', { class: 'answers', id: 'prompt-answers' },
          answerColumn(daily.myAnswer, state, '(your answer)'),
          answerColumn(daily.partnerAnswer, state, '(their answer)')));
    } else if (daily.myAnswer) {
      parts.push(h('p', { class: 'prompt-state prompt-state--waiting', id: 'prompt-state' },
        `Your answer is saved. Waiting for ${other}: you’ll both see the two answers once ${other} has written theirs.`),
      h('div', { class: 'answers answers--one' }, answerColumn(daily.myAnswer, state, '(your answer)')));
    } else {
      parts.push(h('p', { class: 'prompt-state', id: 'prompt-state' }, daily.partnerHasAnswered
        ? `${other} has answered; their answer will appear once you've written yours.`
        : `Neither of you has answered yet. Each answer stays hidden until you've both written.`));
      parts.push(answerForm(daily, draft));
    }
    parts.push(more);
    replaceChildren(el, parts);
    if (focus) focusElement(el.querySelector(focus));
    if (daily.myAnswer && daily.partnerAnswer) markSeen(daily.partnerAnswer);
  }

  async function markSeen(answer) {
    if (answer.reads?.some((r) => r.reader === state.writerId)) return;
    try {
      await api.markRead(answer.id);
      onRead?.();
    } catch {
      // Nothing to tell: the journal still offers "I read this" on the entry.
    }
  }

  /** `draft`: the kept answer when the caller has it already (undefined: ask). */
  function answerForm(daily, draft) {
    const field = longTextField({ id: 'prompt-answer', label: 'Your answer', max: words.bodyMax, rows: 4 });
    const messages = formMessages('prompt');
    const draftStatus = h('p', { class: 'draft-status muted' });
    const answer = h('button', { type: 'submit', class: 'button button--primary' }, 'Answer');
    const another = daily.partnerHasAnswered ? null
      : h('button', { type: 'button', class: 'button button--quiet', id: 'prompt-skip' }, 'Another prompt');
    const form = h('form', { class: 'prompt-form', novalidate: true, 'aria-label': 'Answer the prompt' },
      field.el, messages.alert, h('div', { class: 'form-actions' }, answer, another, messages.status, draftStatus));
    keeper?.stop();
    keeper = draftKeeper({
      key: `answer:${daily.date}`, form, status: draftStatus,
      read: () => ({ body: field.input.value }), isEmpty: (c) => !c?.body?.trim(),
    });
    keeper.restore(draft).then((c) => { if (c && !field.input.value.trim()) field.set(c.body); });

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (isBusy(answer)) return;
      messages.clear();
      if (!field.input.value.trim()) { messages.showError('Please write a few words first.'); field.input.focus(); return; }
      setBusy(answer, true);
      try {
        const next = await api.answerPrompt(daily.date, { body: field.input.value, visibility: 'shared' });
        await keeper.clear();
        announce(next.partnerAnswer ? 'You have both answered. Both answers are shown.' : `Your answer is saved. Waiting for ${other}.`);
        render(next, { focus: '#prompt-state' });
      } catch (err) {
        messages.showError(err.message);
        setBusy(answer, false);
      }
    });
    another?.addEventListener('click', async () => {
      if (isBusy(another)) return;
      setBusy(another, true);
      try {
        await keeper.flush();
        render(await api.skipPrompt(daily.date), { focus: '#prompt-text' });
        announce('Here is another prompt.');
      } catch (err) {
        messages.showError(err.message);
        setBusy(another, false);
      }
    });
    return form;
  }

  async function load() {
    try {
      render(await api.promptOfTheDay(localDate()));
    } catch (err) {
      replaceChildren(el, h('h2', { id: 'prompt-title' }, 'Prompt of the day'),
        h('p', { class: 'form-alert', role: 'alert' }, err.message));
    }
  }

  /** Draws the prompt of the day and the writer's kept answer, as already read. */
  const show = (daily, draft) => render(daily, { draft });

  return { el, load, show, stop: () => keeper?.stop() };
}
