// Drafts saved as you type: a second after the last keystroke, when a field
// loses focus, and when the window is hidden. A draft belongs to the partner
// who was writing when it was typed; it is never saved under the other one.

import { api } from './api.js';
import { store } from './store.js';

const DELAY_MS = 1000;
const live = new Set();

/**
 * keeper({key, form, read, isEmpty, status}):
 * - key: the core's draft key ("new", "reply:12" …)
 * - form: the element whose input/focusout events mean "something changed"
 * - read(): the content to keep (any JSON); isEmpty(content): nothing worth keeping
 * - status: an element that quietly says when the draft was saved (optional)
 */
export function draftKeeper({ key, form, read, isEmpty, status }) {
  const writerId = store.get()?.writerId ?? null;
  let timer = null;
  let dirty = false;
  let saving = Promise.resolve();
  let stopped = false;

  function say(text) {
    if (status) status.textContent = text;
  }

  async function save() {
    window.clearTimeout(timer);
    timer = null;
    if (!dirty || stopped) return;
    if ((store.get()?.writerId ?? null) !== writerId) { dirty = false; return; }
    dirty = false;
    const content = read();
    try {
      if (isEmpty(content)) {
        await api.clearDraft(key);
        say('');
      } else {
        await api.saveDraft(key, content);
        say(`Draft kept at ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.`);
      }
    } catch (err) {
      dirty = true;
      say(`Your draft couldn't be kept just now: ${err.message}`);
    }
  }

  function flush() {
    saving = saving.then(save);
    return saving;
  }

  function changed() {
    if (stopped) return;
    dirty = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(flush, DELAY_MS);
  }

  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('focusout', () => { if (dirty) flush(); });

  const keeper = {
    key,
    changed,
    flush,
    /**
     * The kept draft's content, or null. `known`: the draft as the caller
     * already read it (null: none kept); undefined asks the core.
     */
    async restore(known) {
      try {
        const draft = known === undefined ? await api.draft(key) : known;
        if (draft && !isEmpty(draft.content)) {
          const at = new Date(draft.savedAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
          say(`Your draft from ${at} is back.`);
          return draft.content;
        }
      } catch {
        // No draft is no harm; the form simply starts empty.
      }
      return null;
    },
    /** Forgets the draft (after saving, or when the writer throws it away). */
    async clear() {
      window.clearTimeout(timer);
      dirty = false;
      await saving;
      say('');
      await api.clearDraft(key).catch(() => {});
    },
    /** Saves what is pending and stops listening. */
    async stop() {
      await flush();
      stopped = true;
      live.delete(keeper);
    },
  };
  live.add(keeper);
  return keeper;
}

/** Saves every pending draft now (before a writer switch, or when hidden). */
export async function flushDrafts() {
  await Promise.all([...live].map((k) => k.flush()));
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') flushDrafts();
});
window.addEventListener('pagehide', () => { flushDrafts(); });
