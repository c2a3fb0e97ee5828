// Settings → Two laptops: a folder both laptops share (kept in step by
// Syncthing, Nextcloud, Dropbox or a USB stick), pairing the other laptop,
// the laptops Hearth has heard from, what it noticed in the folder, "Sync
// now" and "Stop syncing". Everything shown from the core (names, notes,
// the folder) lands in textContent only.

import { api } from '../api.js';
import { h, announce, focusElement, replaceChildren, setBusy, isBusy } from '../dom.js';
import { confirmDialog } from '../dialog.js';
import { formMessages } from '../fields.js';
import { localTime } from '../format.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** When a laptop was last heard from, in plain words. */
export function heardWords(iso, now = Date.now()) {
  const at = iso ? new Date(iso).getTime() : NaN;
  if (Number.isNaN(at)) return 'Not heard from yet';
  const ago = Math.max(0, now - at);
  if (ago < MINUTE) return 'Last heard from just now';
  if (ago < HOUR) return `Last heard from ${count(Math.floor(ago / MINUTE), 'minute', 'minutes')} ago`;
  if (ago < DAY) return `Last heard from ${count(Math.floor(ago / HOUR), 'hour', 'hours')} ago`;
  if (ago < 2 * DAY) return 'Last heard from yesterday';
  if (ago < 14 * DAY) return `Last heard from ${count(Math.floor(ago / DAY), 'day', 'days')} ago`;
  return `Last heard from on ${localTime(iso)}`;
}

/** Until when a pairing code works, in plain words. */
export function expiryWords(iso, now = Date.now()) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'It works for a short while only.';
  const left = Math.round((at.getTime() - now) / MINUTE);
  const sameDay = at.toDateString() === new Date(now).toDateString();
  const when = sameDay ? at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : localTime(iso);
  if (left < 1) return `It works until ${when}, so please use it right away.`;
  if (left < 2 * 60) return `It works until ${when} (${count(left, 'minute', 'minutes')} from now).`;
  return `It works until ${when} (about ${count(Math.round(left / 60), 'hour', 'hours')} from now).`;
}

function button(id, label, kind = 'button--quiet', attrs = {}) {
  return h('button', { type: 'button', class: `button ${kind}`, id, ...attrs }, label);
}

export function syncSection() {
  const body = h('div', { class: 'sync-body', id: 'sync-body', 'aria-live': 'off' });
  const messages = formMessages('sync');
  const el = h('section', { class: 'settings-section', id: 'settings-sync', 'aria-labelledby': 'settings-sync-title' },
    h('h2', { id: 'settings-sync-title' }, 'Two laptops'), body, messages.alert, messages.status);
  let sync = null;
  let pairing = null; // the code shown, until it expires or the folder changes

  /** Runs one action of the section: the button holds while it works, errors are said calmly. */
  async function act(trigger, work) {
    if (isBusy(trigger)) return;
    messages.clear();
    setBusy(trigger, true);
    try {
      await work();
    } catch (err) {
      messages.showError(err.message);
      if (trigger.isConnected) trigger.focus();
    } finally {
      setBusy(trigger, false);
    }
  }

  /** Draws the section for `next` and puts the focus on `focusId` if given. */
  function draw(next, focusId = null) {
    sync = next;
    if (!sync?.folder) pairing = null;
    replaceChildren(body, sync?.folder ? chosen(sync) : unchosen());
    if (focusId) focusElement(document.getElementById(focusId));
  }

  function unchosen() {
    const choose = button('sync-choose', 'Choose a sync folder', 'button--primary');
    choose.addEventListener('click', () => act(choose, async () => {
      const path = await api.pickSyncFolder();
      if (path == null) {
        messages.showStatus('No folder was chosen, so nothing changed.');
        return;
      }
      draw(await api.chooseSyncFolder(path), 'sync-pair');
      messages.showStatus('Hearth now keeps this laptop’s changes in that folder. Next, pair the other laptop.');
    }));
    return [
      h('p', { id: 'sync-intro' },
        'If each of you keeps Hearth on your own laptop, the two can share one journal. ',
        'Each laptop keeps its own full copy, so it works the same when the other is closed or far away.'),
      h('p', {},
        'They stay in step through a folder you already keep in step yourselves: with Syncthing, Nextcloud or Dropbox, ',
        'or on a USB stick you carry from one laptop to the other. Hearth puts only encrypted changes there. ',
        'There is no account and no server of ours, and Hearth itself never goes online.'),
      h('div', { class: 'form-actions' }, choose),
    ];
  }

  function chosen(state) {
    const pair = button('sync-pair', pairing ? 'Make a new code' : 'Pair another laptop', 'button--primary');
    pair.addEventListener('click', () => act(pair, async () => {
      pairing = await api.makePairingCode();
      draw(sync, 'sync-code-title');
      announce(`The pairing code is ${spaced(pairing.code)}.`);
    }));
    const now = button('sync-now', 'Sync now');
    now.addEventListener('click', () => act(now, async () => {
      draw(await api.syncNow(), 'sync-now');
      messages.showStatus('Hearth looked in the folder just now and sent what was waiting.');
    }));
    const stop = button('sync-stop', 'Stop syncing');
    stop.addEventListener('click', () => act(stop, async () => {
      const yes = await confirmDialog({
        title: 'Stop syncing this laptop?',
        body: [
          'This laptop keeps its journal as it is now, and stops writing to or reading from the folder.',
          'You can choose a folder again later and pair again.',
        ],
        confirmLabel: 'Stop syncing',
      });
      if (!yes) return;
      draw(await api.stopSyncing(), 'sync-choose');
      messages.showStatus('This laptop has stopped syncing. Its journal stays here, as it is.');
    }));
    return [
      h('p', {}, 'This laptop’s changes go, encrypted, to this folder:'),
      h('p', { class: 'path', id: 'sync-folder' }, state.folder),
      h('p', { class: 'muted', id: 'sync-last' }, state.lastExchange
        ? `Hearth last looked in the folder ${localTime(state.lastExchange)}.`
        : 'Hearth hasn’t looked in the folder yet.'),
      h('div', { class: 'form-actions' }, pair, now, stop),
      pairing ? pairingPanel(pairing) : null,
      devicesList(state),
      notesList(state),
    ];
  }

  function pairingPanel(code) {
    return h('div', { class: 'pairing', id: 'sync-pairing', role: 'group', 'aria-labelledby': 'sync-code-title' },
      h('h3', { id: 'sync-code-title' }, 'The pairing code'),
      h('p', { class: 'pairing-code', id: 'sync-code' }, code.code),
      h('p', { id: 'sync-code-expires' }, expiryWords(code.expiresAt)),
      h('p', {}, 'On the other laptop: open Hearth, choose “Join a journal from another laptop”, choose that laptop’s copy of this folder, ',
        'and type this code. Once the folder has carried this laptop’s files across, the other laptop shows the same journal.'),
      h('p', { class: 'muted', id: 'sync-code-passphrases' },
        'Your passphrases go across with the pairing, and a passphrase set or changed later follows through the folder.'));
  }

  function devicesList(state) {
    const rows = (state.devices ?? []).map((device) => {
      const name = h('span', { class: 'device-name' }, device.name || 'A laptop');
      const parts = [name];
      if (device.thisLaptop) {
        parts.push(h('span', { class: 'device-this' }, 'This laptop'));
      } else if (device.removed) {
        parts.push(h('span', { class: 'device-heard muted' }, 'Removed: what it writes now is ignored'));
      } else {
        parts.push(h('span', { class: 'device-heard' }, heardWords(device.lastHeard)));
        const remove = button(`sync-remove-${device.id}`, 'Remove', 'button--quiet device-remove', {
          'aria-label': `Remove ${device.name || 'this laptop'}`,
        });
        remove.addEventListener('click', () => act(remove, async () => {
          const yes = await confirmDialog({
            title: `Remove ${device.name || 'this laptop'}?`,
            body: [
              'Do this for a laptop that is lost, sold or no longer yours. Hearth will ignore anything it writes to the folder from now on.',
              'It can’t take back what that laptop already has: its own copy of your journal as it last synced.',
            ],
            confirmLabel: 'Remove this laptop',
          });
          if (!yes) return;
          draw(await api.removeDevice(device.id), 'sync-devices-title');
          messages.showStatus(`${device.name || 'That laptop'} is removed. Hearth ignores what it writes from now on.`);
        }));
        parts.push(remove);
      }
      return h('li', { class: 'device-item' }, parts);
    });
    const others = (state.devices ?? []).filter((d) => !d.thisLaptop && !d.removed);
    return [
      h('h3', { id: 'sync-devices-title' }, 'Laptops'),
      h('ul', { class: 'device-list', id: 'sync-devices', 'aria-labelledby': 'sync-devices-title' }, rows),
      others.length ? null : h('p', { class: 'muted', id: 'sync-devices-empty' },
        'No other laptop has written to the folder yet. Pair one, and it shows up here once its first changes arrive.'),
    ];
  }

  function notesList(state) {
    const nameOf = (id) => state.devices?.find((d) => d.id === id)?.name;
    const notes = state.notes ?? [];
    return [
      h('h3', { id: 'sync-notes-title' }, 'What Hearth noticed in the folder'),
      notes.length
        ? h('ul', { class: 'sync-notes', id: 'sync-notes', 'aria-labelledby': 'sync-notes-title' },
          notes.map((note) => {
            const from = note.device ? nameOf(note.device) : null;
            return h('li', {}, from ? h('strong', {}, `${from}: `) : null, note.text);
          }))
        : h('p', { class: 'muted', id: 'sync-notes-empty' }, 'Nothing to tell: every file there could be read.'),
    ];
  }

  async function refresh() {
    try {
      draw(await api.syncState());
    } catch (err) {
      messages.showError(err.message);
    }
  }
  refresh();

  // While Settings is open, "last heard from" stays true: ask again now and
  // then, but never under a click or the focus (nothing moves beneath it).
  let shown = false;
  const timer = window.setInterval(() => {
    if (!el.isConnected) {
      if (shown) window.clearInterval(timer);
      return;
    }
    shown = true;
    if (!el.contains(document.activeElement) && !document.querySelector('dialog[open]')) refresh();
  }, 30_000);

  return { el, refresh };
}

/** A code read out letter by letter (for the announcement). */
function spaced(code) {
  return [...String(code)].filter((c) => /[\p{L}\p{N}]/u.test(c)).join(' ');
}
