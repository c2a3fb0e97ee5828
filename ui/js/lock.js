// Locking from the page: "Lock" in the header and Ctrl+L, and telling the
// core that someone is using the window (for "Lock after").
//
// A lock reloads the page rather than drawing the lock screen over it: the
// old page's nodes, its cached answers and every closure that held a
// private word go with it, and the new page asks the core what to show,
// which is the lock screen. The shell does the same when the tray, the idle
// timer, the screen locker or a suspend locks (src-tauri/src/locking.rs).

import { api } from './api.js';
import { flushDrafts } from './drafts.js';
import { store } from './store.js';

/** How often, at most, the page tells the core it is being used (ms). */
const ACTIVITY_EVERY_MS = 10_000;

/** True when the writer has a passphrase and their pages are open: there is something to lock. */
export function canLock(state) {
  const id = state?.writerId;
  return id != null && state.privacy?.unlocked === id && (state.privacy?.withPassphrase ?? []).includes(id);
}

/** Keeps what was being typed, locks, and starts the page afresh. */
export async function lockNow() {
  await flushDrafts().catch(() => {});
  try {
    await api.lockNow();
  } finally {
    // Even if the answer never came, a fresh page asks the core again.
    window.location.reload();
  }
}

/**
 * Tells the core, at most every ten seconds, that the window is in use:
 * at once after a quiet spell, and once more at the end of a busy one, so
 * the core's last touch is never earlier than the real one (the idle lock
 * may come a few seconds late, never early). Only while there is
 * something to lock.
 */
export function watchActivity() {
  let last = 0;
  let pending = null;
  const report = () => {
    last = Date.now();
    pending = null;
    api.noteActivity().catch(() => {});
  };
  const touched = () => {
    if (!canLock(store.get()) || pending) return;
    const wait = last + ACTIVITY_EVERY_MS - Date.now();
    if (wait <= 0) report();
    else pending = window.setTimeout(report, wait);
  };
  for (const type of ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart']) {
    document.addEventListener(type, touched, { capture: true, passive: true });
  }
}
