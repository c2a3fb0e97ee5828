// Settings: the daily backups Hearth keeps, where they are, and bringing one
// back. A restore always shows what the backup holds and asks first; the
// journal as it is now is set aside by the core, never overwritten.

import { api } from '../api.js';
import { h, announce, replaceChildren, setBusy, isBusy } from '../dom.js';
import { confirmDialog } from '../dialog.js';
import { formMessages } from '../fields.js';
import { localTime, number, plural } from '../format.js';
import { showToast } from '../toast.js';

const REASONS = {
  daily: 'Daily copy',
  'before-upgrade': 'Before Hearth was updated',
  'before-import': 'Before an import',
  'before-empty-trash': 'Before a trash was emptied',
  'before-restore': 'Before a backup was brought back',
  manual: 'Taken by hand',
};

/** A reason from the core in plain words (an unknown one is shown as it is). */
export function reasonWords(reason) {
  return REASONS[reason] ?? String(reason ?? '');
}

/** Bytes as people read them. */
export function sizeWords(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${number(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${number(Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toLocaleString(undefined, { maximumFractionDigits: 1 })} MB`;
}

/** What a backup holds, in one sentence. */
export function previewWords(preview) {
  const parts = [plural(preview.entries ?? 0, 'journal entry', 'journal entries')];
  if (preview.rituals !== null && preview.rituals !== undefined) parts.push(plural(preview.rituals, 'ritual', 'rituals'));
  let text = `It holds ${parts.join(' and ')}`;
  text += preview.lastEntryAt ? `; the newest entry was written ${localTime(preview.lastEntryAt)}.` : '.';
  return text;
}

/**
 * The section. onRestored(report) runs after a restore, so the app can
 * reload everything it shows from the journal now in place.
 */
export function backupsSection({ onRestored }) {
  const folder = h('p', { class: 'path', id: 'backup-folder' });
  const list = h('ul', { class: 'backup-list', id: 'backup-list', 'aria-labelledby': 'settings-backups-title' });
  const messages = formMessages('backups');
  let setAside = '';

  function row(backup) {
    const when = localTime(backup.takenAt);
    const restore = h('button', {
      type: 'button',
      class: 'button button--quiet backup-restore',
      'aria-label': `Restore the backup from ${when}`,
    }, 'Restore…');
    restore.addEventListener('click', () => bringBack(backup, when, restore));
    return h('li', { class: 'backup-item' },
      h('span', { class: 'backup-when' }, when),
      h('span', { class: 'backup-reason' }, reasonWords(backup.reason)),
      h('span', { class: 'backup-size muted' }, sizeWords(backup.size)),
      restore);
  }

  async function bringBack(backup, when, button) {
    if (isBusy(button)) return;
    messages.clear();
    setBusy(button, true);
    try {
      const preview = await api.previewBackup(backup.path);
      const yes = await confirmDialog({
        title: `Bring back the backup from ${when}?`,
        body: [
          previewWords(preview),
          `Your journal as it is now is kept aside${setAside ? ` in ${setAside}` : ''}, never overwritten or deleted, and a backup of it is taken first.`,
          'Anything written after this backup was taken will not be in the journal you see.',
        ],
        confirmLabel: 'Restore this backup',
      });
      if (!yes) return;
      messages.showStatus('Bringing the backup back…');
      const report = await api.restoreBackup(backup.path);
      messages.showStatus('');
      onRestored?.(report, when);
    } catch (err) {
      messages.showError(err.message);
    } finally {
      setBusy(button, false);
    }
  }

  const takeNow = h('button', { type: 'button', class: 'button button--quiet', id: 'backup-now' }, 'Take a snapshot now');
  takeNow.addEventListener('click', async () => {
    if (isBusy(takeNow)) return;
    messages.clear();
    setBusy(takeNow, true);
    try {
      const taken = await api.takeSnapshot();
      await refresh();
      messages.showStatus(`Snapshot taken and checked, ${localTime(taken.takenAt)}.`);
    } catch (err) {
      messages.showError(err.message);
    } finally {
      setBusy(takeNow, false);
    }
  });

  async function refresh() {
    try {
      const [where, backups] = await Promise.all([api.backupFolder(), api.listBackups()]);
      folder.textContent = where.backups;
      setAside = where.setAside;
      replaceChildren(list, backups.length
        ? backups.map(row)
        : h('li', { class: 'backup-empty muted' },
          'No backups yet. The first one is taken today while Hearth is open.'));
    } catch (err) {
      messages.showError(err.message);
    }
  }
  refresh();

  const el = h('section', { class: 'settings-section', 'aria-labelledby': 'settings-backups-title', id: 'settings-backups' },
    h('h2', { id: 'settings-backups-title' }, 'Backups'),
    h('p', {},
      'Hearth keeps a checked copy of your journal each day it is open, and before anything that can’t be undone: ',
      'emptying a trash, an import, or bringing a backup back. It keeps one a day for a week and one a week for four weeks.'),
    h('p', {}, 'They are kept in this folder, on this laptop only:'),
    folder,
    h('p', { class: 'muted' }, 'About to try something big, like importing or emptying a trash? Hearth takes one first anyway; you can also take one yourself.'),
    h('div', { class: 'form-actions' }, takeNow),
    list,
    messages.alert, messages.status);
  return { el, refresh };
}

/** After a restore: a calm note that stays a while and says where the old file went. */
export function announceRestore(report, when) {
  const where = report?.setAside ? ` The journal it replaced is kept at ${report.setAside}.` : '';
  const text = `Your journal is back as it was on ${when}.${where}`;
  showToast(text, { timeout: 30_000 });
}
