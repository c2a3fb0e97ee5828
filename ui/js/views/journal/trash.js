// The trash: the writer's own deleted entries, each can come back; emptying
// it is a separate act, asked about first.

import { api } from '../../api.js';
import { h, announce, focusElement, replaceChildren, setBusy, isBusy } from '../../dom.js';
import { confirmDialog } from '../../dialog.js';
import { plural } from '../../format.js';
import { entryCard } from './entry-view.js';

export function renderTrash({ state, onChanged }) {
  const list = h('ol', { class: 'entry-list', id: 'trash-list', 'aria-label': 'Entries in the trash' });
  const empty = h('button', { type: 'button', class: 'button button--quiet button--danger-quiet', id: 'empty-trash', hidden: true }, 'Empty trash');
  const problem = h('div', { class: 'alert-slot' });
  const status = h('p', { class: 'form-status', role: 'status' });
  const el = h('section', { class: 'trash', 'aria-labelledby': 'trash-title' },
    h('h2', { id: 'trash-title', tabindex: '-1' }, 'Trash'),
    h('p', { class: 'muted' }, 'This is your own trash: Hearth shows it only while you’re the one writing. Anything here can come back until you empty it.'),
    problem, status, list, h('div', { class: 'form-actions' }, empty));

  /** After an entry left the list: the Restore in its place (or the one before), else the heading. */
  function settleFocus(at) {
    const buttons = list.querySelectorAll('.restore');
    focusElement(buttons[Math.min(at, buttons.length - 1)] ?? el.querySelector('#trash-title'));
  }

  async function load() {
    problem.replaceChildren();
    let entries;
    try {
      entries = await api.trash();
    } catch (err) {
      problem.replaceChildren(h('p', { class: 'form-alert', role: 'alert' }, err.message));
      return;
    }
    empty.hidden = entries.length === 0;
    if (!entries.length) {
      replaceChildren(list, h('li', { class: 'empty empty--small' }, h('p', {}, 'The trash is empty.')));
      return;
    }
    replaceChildren(list, entries.map((entry) => {
      const card = entryCard(entry, state);
      // A trashed entry can't be opened; it can only come back.
      const link = card.querySelector('.entry-link');
      link.replaceWith(h('span', {}, link.textContent));
      const restore = h('button', { type: 'button', class: 'button button--quiet restore' }, 'Restore');
      restore.addEventListener('click', async () => {
        if (isBusy(restore)) return;
        setBusy(restore, true);
        try {
          const at = [...list.querySelectorAll('.restore')].indexOf(restore);
          await api.restoreEntry(entry.id);
          status.textContent = 'Restored. It is back in the journal.';
          onChanged?.();
          await load();
          settleFocus(at);
        } catch (err) {
          setBusy(restore, false);
          problem.replaceChildren(h('p', { class: 'form-alert', role: 'alert' }, err.message));
        }
      });
      card.append(h('div', { class: 'form-actions' }, restore));
      return h('li', {}, card);
    }));
  }

  empty.addEventListener('click', async () => {
    const count = list.querySelectorAll('.entry-card').length;
    const sure = await confirmDialog({
      title: 'Empty the trash for good?',
      body: [
        `This removes ${plural(count, 'entry', 'entries')} and their replies from this laptop. It can't be undone.`,
        'Everything else in the journal stays as it is.',
      ],
      confirmLabel: 'Empty the trash',
      cancelLabel: 'Keep them',
    });
    if (!sure) return;
    try {
      const removed = await api.emptyTrash();
      status.textContent = `The trash is empty. ${plural(removed, 'entry was', 'entries were')} removed.`;
      announce(status.textContent);
      await load();
      settleFocus(0);
    } catch (err) {
      problem.replaceChildren(h('p', { class: 'form-alert', role: 'alert' }, err.message));
    }
  });

  return { el, load };
}
