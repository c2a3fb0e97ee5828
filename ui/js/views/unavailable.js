// When Hearth cannot open the journal: say what happened, where the file
// is, and that nothing was touched. No app frame. For a damaged file with a
// good backup, offer to bring the backup back: the damaged file is moved
// aside by the core, never deleted.

import { api } from '../api.js';
import { h, focusElement, setBusy, isBusy } from '../dom.js';
import { localTime } from '../format.js';
import { showToast } from '../toast.js';
import { reasonWords } from './settings-backups.js';

const NEXT_STEPS = {
  newer_database: 'Update Hearth to its newest version, then open it again.',
  not_a_database:
    'If you have a copy of this file from before, you can put it back in its place. ' +
    'Hearth will not touch this file on its own.',
  damaged_database:
    'If you have a copy of this file from before, you can put it back in its place and try again. ' +
    'Hearth will not change this file on its own.',
  data_dir: 'Check that the folder exists and that your account may write to it, then try again.',
  storage: 'Check that the disk has free space, then try again.',
};

const RECOVERABLE_KINDS = new Set(['damaged_database', 'not_a_database']);

/** The offer to bring back the newest good backup, or null when there is none. */
function recoverOffer(problem, onRecovered) {
  const snapshot = problem?.recoverable;
  if (!RECOVERABLE_KINDS.has(problem?.kind) || !snapshot?.path) return null;
  const when = localTime(snapshot.takenAt);
  const button = h('button', { type: 'button', class: 'button button--primary', id: 'recover-newest' },
    'Restore the newest good snapshot');
  const status = h('p', { class: 'form-status', id: 'recover-status', role: 'status' });
  const error = h('div', { class: 'alert-slot' });
  const setAside = h('span', { class: 'path path--inline', id: 'recover-set-aside' }, 'the set-aside folder beside it');
  api.backupFolder().then((f) => { if (f?.setAside) setAside.textContent = f.setAside; }).catch(() => {});

  button.addEventListener('click', async () => {
    if (isBusy(button)) return;
    setBusy(button, true);
    error.replaceChildren();
    status.textContent = 'Bringing the backup back…';
    try {
      const report = await api.recoverFromNewestBackup();
      status.textContent = '';
      const at = report?.takenAt ? localTime(report.takenAt) : when;
      const kept = report?.setAside ? ` The damaged file is kept at ${report.setAside}.` : '';
      showToast(`Your journal is back as it was on ${at}.${kept}`, { timeout: 30_000 });
      await onRecovered?.();
    } catch (err) {
      status.textContent = '';
      error.replaceChildren(h('p', { class: 'form-alert', id: 'recover-error', role: 'alert' }, err.message));
    } finally {
      setBusy(button, false);
    }
  });

  return h('section', { class: 'recover', 'aria-labelledby': 'recover-title' },
    h('h2', { id: 'recover-title' }, 'A good backup is here'),
    h('p', {}, `Hearth checked its newest backup, from ${when} (${reasonWords(snapshot.reason).toLowerCase()}), and it is whole.`),
    h('p', {}, 'Bringing it back moves the damaged file to ', setAside,
      '. It is never deleted, so nothing in it is lost for good.'),
    h('p', { class: 'muted' }, 'Anything written after that backup was taken will not be in the journal you get back.'),
    error,
    h('div', { class: 'form-actions' }, button, status));
}

/**
 * problem: {kind, message, path, recoverable} from AppState, or a load error.
 * onRetry: called by the "Try again" button (optional); the core opens the
 * file afresh. onRecovered: called after a backup was brought back.
 */
export function renderUnavailable(problem, { onRetry, onRecovered } = {}) {
  const heading = h('h1', { id: 'unavailable-title' }, 'Hearth can’t open your journal right now');
  const retryMessage = h('p', { class: 'form-status', id: 'unavailable-status', role: 'status' });
  const retry = onRetry
    ? h('button', { type: 'button', class: 'button button--quiet', id: 'unavailable-retry' }, 'Try again')
    : null;
  const messageEl = h('p', { class: 'lead', id: 'unavailable-message' });
  const pathEl = h('p', { class: 'path', id: 'problem-path' });
  const where = h('div', { class: 'where' },
    h('p', { class: 'field-label', id: 'problem-path-label' }, 'Where the file is'), pathEl);
  const nextStep = h('p', { class: 'muted', id: 'unavailable-next' });
  const offer = h('div', { class: 'recover-slot' });

  function show(p) {
    messageEl.textContent = p?.message?.trim() || 'Something stopped Hearth from opening your journal.';
    pathEl.textContent = p?.path ?? '';
    where.hidden = !p?.path;
    nextStep.textContent = NEXT_STEPS[p?.kind] ?? '';
    nextStep.hidden = !NEXT_STEPS[p?.kind];
    offer.replaceChildren(...[recoverOffer(p, onRecovered)].filter(Boolean));
  }
  show(problem);

  let el = null;
  retry?.addEventListener('click', async () => {
    if (isBusy(retry)) return;
    setBusy(retry, true);
    retryMessage.textContent = 'Trying again…';
    try {
      await onRetry();
      // When the journal opened, another screen has taken this one's place.
      if (el.isConnected) retryMessage.textContent = 'Still not able to open it. Nothing was changed.';
    } finally {
      setBusy(retry, false);
    }
  });

  el = h('main', { id: 'main', class: 'screen screen--centered', tabindex: '-1' },
    h('div', { class: 'card unavailable', id: 'view-unavailable', role: 'region', 'aria-labelledby': heading.id },
      h('span', { class: 'brand-mark brand-mark--large brand-mark--dim', 'aria-hidden': 'true' }),
      heading,
      messageEl,
      where,
      h('p', { class: 'reassure' },
        'Nothing was changed or deleted. Your journal is exactly as it was.'),
      nextStep,
      offer,
      retry ? h('div', { class: 'form-actions' }, retry, retryMessage) : null));

  return {
    el,
    title: 'Can’t open · Hearth',
    focus: () => focusElement(heading),
    /** A new answer from the core while this screen is up (after Try again). */
    update(state) {
      if (state?.problem) show(state.problem);
    },
  };
}

/** Opened in a plain browser: there is no Hearth core to talk to. */
export function renderNoBackend() {
  const heading = h('h1', { id: 'no-backend-title' }, 'Hearth lives in its own app');
  const el = h('main', { id: 'main', class: 'screen screen--centered', tabindex: '-1' },
    h('div', { class: 'card card--quiet', id: 'view-no-backend', role: 'region', 'aria-labelledby': heading.id },
      h('span', { class: 'brand-mark brand-mark--large', 'aria-hidden': 'true' }),
      heading,
      h('p', { class: 'lead' },
        'This page was opened in a web browser, where Hearth can’t reach your journal.'),
      h('p', {}, 'Open Hearth from your applications menu instead. Nothing here can read or change your journal.')));
  return { el, title: 'Hearth', focus: () => focusElement(heading) };
}
