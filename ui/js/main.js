// Starts Hearth: asks the core what to show and shows it.

import { api, hasBackend } from './api.js';
import { focusElement } from './dom.js';
import { store } from './store.js';
import { watchActivity } from './lock.js';

// Today's frame is fetched before the first question is asked, so Today is
// drawn in the frame its answer arrives. When this page last opened on the
// lock screen (a word kept in the page's storage, nothing of the journal),
// the question goes at once and the lock screen's files are fetched beside
// it: a locked start never waits for Today's twenty files. Whatever the
// answer asks for that wasn't fetched is fetched then, as are the "can't
// open the journal" screen and first-run setup (docs/PERFORMANCE.md).
const FIRST_SCREEN_KEY = 'hearth.firstScreen';
let frameFiles = null;
let lockedFiles = null;
const frameModule = () => (frameFiles ??= import('./views/frame.js'));
const lockedModule = () => (lockedFiles ??= import('./views/locked.js'));
const unavailable = () => import('./views/unavailable.js');

const app = document.getElementById('app');
let shown = { phase: null, screen: null };

// Fonts by name only where the system's faces are known (styles/base.css).
const agent = navigator.userAgent;
if (/Macintosh|Mac OS X/.test(agent)) document.documentElement.dataset.platform = 'mac';
else if (/Windows/.test(agent)) document.documentElement.dataset.platform = 'windows';

// The page's steps to its first screen, in ms since its navigation began:
// the startup benchmark prints them beside the shell's.
const steps = { scripts: performance.now() };

// After the first screen is painted (two frames), tell the shell once: the
// startup benchmark counts from process start to here.
function reportFirstPaint() {
  steps.mounted = performance.now();
  requestAnimationFrame(() => requestAnimationFrame(() => {
    steps.painted = performance.now();
    // What each file of the first screen cost (the benchmark prints them).
    steps.resources = performance.getEntriesByType('resource')
      .filter((r) => r.initiatorType !== 'fetch' && r.initiatorType !== 'xmlhttprequest')
      .map((r) => ({ name: new URL(r.name).pathname, start: r.startTime, end: r.responseEnd }));
    api.reportReady(steps).catch(() => {});
  }));
}

function lastFirstScreen() {
  try { return localStorage.getItem(FIRST_SCREEN_KEY); } catch { return null; }
}

function mount(phase, screen, { moveFocus }) {
  if (shown.phase === null && phase !== 'no-backend') {
    reportFirstPaint();
    if (phase === 'ready' || phase === 'locked') {
      try { localStorage.setItem(FIRST_SCREEN_KEY, phase); } catch { /* the next start fetches Today's files */ }
    }
  }
  shown.screen?.destroy?.();
  app.replaceChildren(screen.el);
  shown = { phase, screen };
  if (screen.title) document.title = screen.title;
  if (moveFocus) screen.focus?.();
}

// Today's cards from the first screen's answer, until the frame takes them.
let firstToday = null;

/** The page's first question: the state and, with it, everything Today shows. */
async function firstScreen() {
  let answer;
  try {
    answer = await api.firstScreen();
  } catch {
    // One card's trouble shouldn't hide the others: the state alone, and
    // each card then asks (and says) for itself.
    return api.getState();
  }
  firstToday = answer.today ?? null;
  return answer.state;
}

async function load(ask = api.getState) {
  try {
    steps.asked ??= performance.now();
    const state = await ask();
    steps.answered ??= performance.now();
    store.set(state);
    firstToday = null;
  } catch (err) {
    // get_state itself failed: same calm screen, with the core's words.
    const moveFocus = shown.phase !== null;
    const { renderUnavailable } = await unavailable();
    mount('error', renderUnavailable({ kind: err.kind, message: err.message, path: null }, { onRetry: tryAgain }), { moveFocus });
  }
}

/** "Try again": the core opens the file afresh, then the page shows what it found. */
function tryAgain() {
  return load(api.reopen);
}

let rendering = 0; // the latest render(); a setup screen still loading gives way

function render(state) {
  let phase = ['setup', 'ready', 'unavailable'].includes(state?.phase) ? state.phase : 'unavailable';
  // The writer has a passphrase and hasn't typed it: nothing else is drawn.
  if (phase === 'ready' && state.privacy?.locked) phase = 'locked';
  if (phase === shown.phase) {
    shown.screen.update?.(state);
    return;
  }
  const moveFocus = shown.phase !== null;
  const token = ++rendering;
  // First-run setup is needed once per couple: its modules load only then.
  if (phase === 'setup') {
    import('./views/setup.js').then(({ renderSetup }) => {
      if (token === rendering && shown.phase !== 'setup') mount(phase, renderSetup(store.get()), { moveFocus });
    });
  } else if (phase === 'ready') {
    const today = firstToday;
    frameModule().then(({ renderFrame }) => {
      if (token === rendering && shown.phase !== 'ready') mount(phase, renderFrame(store.get(), today), { moveFocus });
    });
  } else if (phase === 'locked') {
    lockedModule().then(({ renderLocked }) => {
      if (token === rendering && shown.phase !== 'locked') mount(phase, renderLocked(store.get()), { moveFocus: true });
    });
  } else {
    const problem = state?.problem ?? {
      kind: 'unknown',
      message: 'Hearth got an answer it did not understand from its core.',
      path: state?.databasePath ?? null,
    };
    unavailable().then(({ renderUnavailable }) => {
      if (token === rendering) mount(phase, renderUnavailable(problem, { onRetry: tryAgain, onRecovered: reload }), { moveFocus });
    });
  }
}

/** Shows everything afresh (after a restore or a recovery put another file in place). */
function reload() {
  shown = { ...shown, phase: null };
  return load();
}
window.addEventListener('hearth:reload', reload);

// "Skip to content" moves focus without touching the #/route in the address.
document.getElementById('skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  focusElement(document.getElementById('main'));
});

if (hasBackend()) {
  store.subscribe(render);
  watchActivity();
  if (lastFirstScreen() === 'locked') {
    lockedModule();
    load(firstScreen);
  } else {
    // A frame that fails to load still lets the question be asked: the
    // answer's screen then says what went wrong.
    frameModule().catch(() => {}).finally(() => load(firstScreen));
  }
} else {
  unavailable().then(({ renderNoBackend }) => mount('no-backend', renderNoBackend(), { moveFocus: false }));
}
