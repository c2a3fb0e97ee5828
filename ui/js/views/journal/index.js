// The journal place: write, read the timeline, search, open a thread, the
// repair template and the trash. Sub-paths: "" (home), entry/<id>,
// edit/<id>, repair, trash, prompts. The home panel stays alive while a thread is
// open, so coming back keeps the filters and the pages already shown.

import { api, journalWords } from '../../api.js';
import { h, announce, focusElement, replaceChildren } from '../../dom.js';
import { go, hrefFor } from '../../router.js';
import { showToast } from '../../toast.js';
import { renderComposer } from './composer.js';
import { renderPromptLibrary } from './prompts.js';
import { renderRepairComposer } from './repair.js';
import { renderSearch } from './search.js';
import { renderThread } from './thread.js';
import { renderTimeline } from './timeline.js';
import { renderTrash } from './trash.js';

export function renderJournal(initialState, initialSub = '') {
  let state = initialState;
  const heading = h('h1', { id: 'journal-title' }, 'Journal');
  const tools = h('nav', { class: 'journal-tools', 'aria-label': 'Journal' },
    h('a', { class: 'tool-link', href: hrefFor('journal'), id: 'tool-write' }, 'Write'),
    h('a', { class: 'tool-link', href: hrefFor('journal', 'repair'), id: 'tool-repair' }, 'Write a repair'),
    h('a', { class: 'tool-link', href: hrefFor('journal', 'trash'), id: 'tool-trash' }, 'Trash'),
    h('a', { class: 'tool-link', href: hrefFor('journal', 'prompts'), id: 'tool-prompts' }, 'Prompts'));
  const body = h('div', { class: 'journal-body' }, h('p', { class: 'muted' }, 'Opening the journal…'));
  const el = h('div', { class: 'place place--wide', id: 'view-journal', role: 'region', 'aria-labelledby': heading.id },
    h('div', { class: 'place-head' }, heading, h('p', { class: 'lead' }, 'Your shared journal, in both of your voices.'), tools),
    body);

  let words = null;
  let home = null; // {el, composer, timeline, stale}
  let panel = null; // what is shown when not home: {el, stop?}
  let sub = initialSub;
  let destroyed = false;
  let showing = 0;

  function markTools() {
    const current = { '': 'tool-write', repair: 'tool-repair', trash: 'tool-trash', prompts: 'tool-prompts' }[sub] ?? null;
    for (const a of tools.querySelectorAll('a')) {
      if (a.id === current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    }
  }

  async function buildHome() {
    const [prompts, categories] = await Promise.all([
      api.prompts().catch(() => []),
      Promise.resolve(words.categories),
    ]);
    const composer = renderComposer({ state, words, onSaved: () => timeline.reload() });
    const timeline = renderTimeline({ state, words, prompts, categories });
    const search = renderSearch({ state, onActive: (active) => timeline.setHidden(active) });
    const el = h('div', { class: 'journal-home' },
      h('section', { class: 'compose-card', 'aria-labelledby': 'compose-title' },
        h('h2', { id: 'compose-title' }, 'Write'), composer.el),
      search.el, timeline.el);
    timeline.reload();
    return { el, composer, timeline, stale: false };
  }

  const changed = () => { if (home) home.stale = true; };

  let afterHome = null; // something to do once the home panel is shown

  function afterDelete(entry) {
    changed();
    afterHome = () => showToast('Moved to the trash.', {
      actionLabel: 'Undo',
      focusAction: true,
      onAction: async () => {
        try {
          await api.restoreEntry(entry.id);
          announce('Brought back from the trash.');
        } catch (err) {
          announce(err.message);
        }
        home?.timeline.reload();
      },
    });
    go('journal');
  }

  async function show(nextSub, { moveFocus = false } = {}) {
    sub = nextSub;
    markTools();
    const token = ++showing;
    const stale = () => token !== showing || destroyed;
    await panel?.stop?.();
    panel = null;
    if (!words || stale()) return;
    const [kind, rawId] = sub.split('/');
    const id = Number(rawId);
    if (kind === '' || kind === undefined) {
      if (!home) {
        const built = await buildHome();
        if (stale()) { built.composer.stop(); return; }
        home ??= built;
      } else if (home.stale) { home.stale = false; home.timeline.reload(); }
      replaceChildren(body, home.el);
      if (moveFocus) focusElement(heading);
      const then = afterHome;
      afterHome = null;
      then?.();
      return;
    }
    if (kind === 'entry' && id) {
      const thread = renderThread({ id, state, words, onDeleted: afterDelete, onChanged: changed });
      panel = thread;
      replaceChildren(body, thread.el);
      await thread.load({ focusHeading: moveFocus });
      return;
    }
    if (kind === 'edit' && id) {
      let entry;
      try { entry = await api.entry(id); } catch (err) {
        if (!stale()) replaceChildren(body, h('p', { class: 'form-alert', role: 'alert' }, err.message));
        return;
      }
      if (stale()) return;
      const done = () => { changed(); go('journal', `entry/${id}`); };
      const make = entry.kind === 'repair' ? renderRepairComposer : renderComposer;
      const form = make({ state, words, entry, onSaved: done, onCancel: () => go('journal', `entry/${id}`) });
      panel = form;
      replaceChildren(body, h('section', { class: 'compose-card', 'aria-labelledby': 'edit-title' },
        h('h2', { id: 'edit-title' }, 'Change this entry'), form.el));
      if (moveFocus) form.focus();
      return;
    }
    if (kind === 'repair') {
      const form = renderRepairComposer({
        state, words,
        onSaved: (entry) => { changed(); go('journal', `entry/${entry.id}`); },
        onCancel: () => go('journal'),
      });
      panel = form;
      replaceChildren(body, h('section', { class: 'compose-card' }, form.el));
      if (moveFocus) form.focus();
      return;
    }
    if (kind === 'trash') {
      const trash = renderTrash({ state, onChanged: changed });
      panel = trash;
      replaceChildren(body, trash.el);
      await trash.load();
      if (moveFocus) focusElement(trash.el.querySelector('h2'));
      return;
    }
    if (kind === 'prompts') {
      // A new prompt belongs in the timeline's prompt filter: rebuild it.
      const library = renderPromptLibrary({ state, words, onAdded: () => { home?.composer.stop(); home = null; } });
      panel = library;
      replaceChildren(body, library.el);
      await library.load();
      if (moveFocus && !stale()) library.focus();
      return;
    }
    go('journal');
  }

  journalWords().then((w) => { words = w; show(sub); }, (err) => {
    replaceChildren(body, h('p', { class: 'form-alert', role: 'alert' }, err.message));
  });

  async function restart(next) {
    // Another partner is writing: every panel is rebuilt for them.
    await home?.composer.stop();
    await panel?.stop?.();
    panel = null;
    home = null;
    state = next;
    await show(sub);
  }

  return {
    el,
    heading,
    title: 'Journal',
    navigate: (nextSub, opts) => show(nextSub, opts),
    update(next) {
      const writerChanged = next.writerId !== state.writerId;
      const namesChanged = JSON.stringify(next.partners) !== JSON.stringify(state.partners);
      if (writerChanged || namesChanged) restart(next);
      else state = next;
    },
    destroy() {
      destroyed = true;
      home?.composer.stop();
      panel?.stop?.();
    },
  };
}
