// One entry and its thread: the full words, who has read it, the replies and
// a reply box. The author may change it or move it to the trash.

import { api } from '../../api.js';
import { h, announce, focusElement, replaceChildren, setCssVar, setBusy, isBusy } from '../../dom.js';
import { formMessages } from '../../fields.js';
import { draftKeeper } from '../../drafts.js';
import { hrefFor } from '../../router.js';
import { partnerById } from '../../format.js';
import { otherOf } from '../../store.js';
import { localTime, nameOf, otherName } from './names.js';
import { authorTag, entryHeading, entryMeta, paragraphs, promptQuestion, sealedNote, tagList } from './entry-view.js';
import { longTextField } from './fields.js';

function readStatus(entry, state, onRead) {
  if (entry.visibility === 'private') {
    return h('p', { class: 'read-status muted' }, `Private: kept out of ${otherOf(state)?.name ?? 'your partner'}’s view, and it has no replies.`);
  }
  const viewer = state.writerId;
  const mark = entry.reads?.find((r) => r.reader !== entry.author);
  if (entry.author === viewer) {
    return h('p', { class: 'read-status', id: 'thread-read-status' }, mark
      ? `${nameOf(state, mark.reader)} read this on ${localTime(mark.readAt)}.`
      : `${otherName(state)} hasn't said they've read this yet.`);
  }
  if (mark) return h('p', { class: 'read-status', id: 'thread-read-status' }, `You said you read this on ${localTime(mark.readAt)}.`);
  const button = h('button', { type: 'button', class: 'button button--quiet', id: 'mark-read' }, 'I read this');
  button.addEventListener('click', () => onRead(button));
  return h('div', { class: 'read-status', id: 'thread-read-status' }, button,
    h('span', { class: 'muted' }, ' No need to reply; saying you read it is enough.'));
}

function replyItem(reply, state) {
  return h('li', { class: 'reply' },
    h('div', { class: 'entry-meta' }, authorTag(state, reply.author),
      h('time', { datetime: reply.createdAt, class: 'entry-time' }, localTime(reply.createdAt))),
    paragraphs(reply.body));
}

/** Loads and shows entry `id`. onDeleted(entry) after it goes to the trash. */
export function renderThread({ id, state, words, onDeleted, onChanged }) {
  const el = h('div', { class: 'thread', id: 'thread' }, h('p', { class: 'muted' }, 'Opening…'));
  let keeper = null;

  async function load({ focusHeading = false } = {}) {
    let thread;
    try {
      thread = await api.thread(id);
    } catch (err) {
      replaceChildren(el, h('p', { class: 'form-alert', role: 'alert' }, err.message),
        h('p', {}, h('a', { href: hrefFor('journal') }, 'Back to the journal')));
      return;
    }
    await keeper?.stop();
    keeper = null;
    const { entry, replies } = thread;
    const mine = entry.author === state.writerId;
    const heading = h('h2', { class: 'thread-title', id: 'thread-title', tabindex: '-1' }, entryHeading(entry));
    const body = entry.sealed ? sealedNote(state, entry) : entry.repair
      ? words.repairParts.map((part) => h('section', { class: 'repair-part' },
        h('h3', {}, part.label), paragraphs(entry.repair[part.key] ?? '')))
      : paragraphs(entry.body);

    const actions = [];
    if (mine) {
      actions.push(h('a', { class: 'button button--quiet', href: hrefFor('journal', `edit/${entry.id}`) }, 'Edit'));
      const del = h('button', { type: 'button', class: 'button button--quiet', id: 'delete-entry' }, 'Move to trash');
      del.addEventListener('click', async () => {
        if (isBusy(del)) return;
        setBusy(del, true);
        try {
          await api.deleteEntry(entry.id);
          await keeper?.stop();
          onDeleted?.(entry);
        } catch (err) {
          setBusy(del, false);
          announce(err.message);
        }
      });
      actions.push(del);
    }

    const onRead = async (button) => {
      if (isBusy(button)) return;
      setBusy(button, true);
      try {
        await api.markRead(entry.id);
        announce(`${nameOf(state, entry.author)} will see that you read this.`);
        onChanged?.();
        await load();
        focusElement(el.querySelector('#thread-read-status'));
      } catch (err) {
        setBusy(button, false);
        announce(err.message);
      }
    };

    let replyForm = null;
    if (entry.visibility !== 'private') {
      const field = longTextField({ id: `reply-${entry.id}`, label: 'Your reply', max: words.bodyMax, rows: 3 });
      const messages = formMessages(`reply-${entry.id}`);
      const draftStatus = h('p', { class: 'draft-status muted' });
      const send = h('button', { type: 'submit', class: 'button button--primary' }, 'Send reply');
      replyForm = h('form', { class: 'reply-form', novalidate: true, 'aria-label': 'Reply' },
        field.el, messages.alert, h('div', { class: 'form-actions' }, send, messages.status, draftStatus));
      keeper = draftKeeper({
        key: `reply:${entry.id}`, form: replyForm, status: draftStatus,
        read: () => ({ body: field.input.value }), isEmpty: (c) => !c?.body?.trim(),
      });
      keeper.restore().then((c) => { if (c && !field.input.value.trim()) field.set(c.body); });
      replyForm.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (isBusy(send)) return;
        messages.clear();
        if (!field.input.value.trim()) { messages.showError('Please write a few words first.'); field.input.focus(); return; }
        setBusy(send, true);
        try {
          await api.reply(entry.id, field.input.value);
          await keeper.clear();
          announce('Your reply is saved.');
          onChanged?.();
          await load();
          el.querySelector('.reply-form textarea')?.focus();
        } catch (err) {
          messages.showError(err.message);
          setBusy(send, false);
        }
      });
    }

    const article = h('article', { class: 'thread-entry', 'aria-labelledby': heading.id },
      entryMeta(entry, state), promptQuestion(entry), heading, h('div', { class: 'entry-body' }, body), tagList(entry.tags),
      readStatus(entry, state, onRead),
      actions.length ? h('div', { class: 'form-actions thread-actions' }, actions) : null);
    setCssVar(article, '--author-color', partnerById(state, entry.author)?.color);
    replaceChildren(el,
      h('p', { class: 'back' }, h('a', { href: hrefFor('journal') }, '← Back to the journal')),
      article,
      entry.visibility === 'private' ? null : h('section', { class: 'replies', 'aria-labelledby': 'replies-title' },
        h('h3', { id: 'replies-title' }, replies.length ? `Replies (${replies.length})` : 'Replies'),
        replies.length ? h('ol', { class: 'reply-list' }, replies.map((r) => replyItem(r, state)))
          : h('p', { class: 'muted' }, 'No replies yet.'),
        replyForm));
    if (focusHeading) focusElement(heading);
  }

  return { el, load, stop: () => keeper?.stop() };
}
