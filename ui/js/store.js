// The last AppState the core sent, and who wants to know when it changes.

let current = null;
const listeners = new Set();

export const store = {
  get: () => current,
  set(state) {
    current = state;
    for (const listener of [...listeners]) listener(state);
  },
  subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** The partner who is writing now, or null. */
export function writerOf(state) {
  return state?.partners?.find((p) => p.id === state.writerId) ?? null;
}

/** True when the writer or the partners (names, colours) differ: what a place redraws for. */
export function peopleChanged(prev, next) {
  return next.writerId !== prev.writerId || JSON.stringify(next.partners) !== JSON.stringify(prev.partners);
}

/** The partner who is not writing (the one a switch goes to). */
export function otherOf(state) {
  const partners = state?.partners ?? [];
  return partners.find((p) => p.id !== state.writerId) ?? partners[0] ?? null;
}

/**
 * Asks the app to forget what it shows and load everything from the core
 * again: after a restore, the journal in place is another one.
 */
export function reloadApp() {
  window.dispatchEvent(new Event('hearth:reload'));
}
