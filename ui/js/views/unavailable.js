// When Hearth cannot open the journal: say what happened, where the file
// is, and that nothing was touched. No app frame.

import { h, focusElement } from '../dom.js';

const NEXT_STEPS = {
  newer_database: 'Update Hearth to its newest version, then open it again.',
  not_a_database:
    'If you have a copy of this file from before, you can put it back in its place. ' +
    'Hearth will not touch this file on its own.',
  data_dir: 'Check that the folder exists and that your account may write to it, then try again.',
  storage: 'Check that the disk has free space, then try again.',
};

/**
 * problem: {kind, message, path} from AppState, or a load error.
 * onRetry: called by the "Try again" button (optional).
 */
export function renderUnavailable(problem, { onRetry } = {}) {
  const heading = h('h1', { id: 'unavailable-title' }, 'Hearth can’t open your journal right now');
  const retryMessage = h('p', { class: 'form-status', id: 'unavailable-status', role: 'status' });
  const retry = onRetry
    ? h('button', { type: 'button', class: 'button button--quiet', id: 'unavailable-retry' }, 'Try again')
    : null;
  retry?.addEventListener('click', async () => {
    retry.disabled = true;
    retryMessage.textContent = 'Trying again…';
    try {
      await onRetry();
      retryMessage.textContent = 'Still not able to open it.';
    } finally {
      retry.disabled = false;
    }
  });

  const message = problem?.message?.trim() || 'Something stopped Hearth from opening your journal.';
  const el = h('main', { id: 'main', class: 'screen screen--centered', tabindex: '-1' },
    h('div', { class: 'card unavailable', id: 'view-unavailable', 'aria-labelledby': heading.id },
      h('span', { class: 'brand-mark brand-mark--large brand-mark--dim', 'aria-hidden': 'true' }),
      heading,
      h('p', { class: 'lead', id: 'unavailable-message' }, message),
      problem?.path
        ? h('div', { class: 'where' },
          h('p', { class: 'field-label', id: 'problem-path-label' }, 'Where the file is'),
          h('p', { class: 'path', id: 'problem-path', 'aria-labelledby': 'problem-path-label' }, problem.path))
        : null,
      h('p', { class: 'reassure' },
        'Nothing was changed or deleted. Your journal is exactly as it was.'),
      NEXT_STEPS[problem?.kind] ? h('p', { class: 'muted' }, NEXT_STEPS[problem.kind]) : null,
      retry ? h('div', { class: 'form-actions' }, retry, retryMessage) : null));

  return { el, title: 'Can’t open · Hearth', focus: () => focusElement(heading) };
}

/** Opened in a plain browser: there is no Hearth core to talk to. */
export function renderNoBackend() {
  const heading = h('h1', { id: 'no-backend-title' }, 'Hearth lives in its own app');
  const el = h('main', { id: 'main', class: 'screen screen--centered', tabindex: '-1' },
    h('div', { class: 'card card--quiet', id: 'view-no-backend', 'aria-labelledby': heading.id },
      h('span', { class: 'brand-mark brand-mark--large', 'aria-hidden': 'true' }),
      heading,
      h('p', { class: 'lead' },
        'This page was opened in a web browser, where Hearth can’t reach your journal.'),
      h('p', {}, 'Open Hearth from your applications menu instead. Nothing here can read or change your journal.')));
  return { el, title: 'Hearth', focus: () => focusElement(heading) };
}
