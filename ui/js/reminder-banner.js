// The in-app reminder banner, and the page's side of living in the tray.
//
// The core sends messages on a channel the frame opens once (watch_reminders):
// - `reminder`: a notice the desktop also showed; while the window is visible
//   it appears here too, with Done / Snooze / Skip for each ritual in it.
// - `closeRequested`: the window was closed where there is no tray, so
//   Hearth asks before quitting (reminders stop while it is closed).
// - `navigate`: the tray's "Today", or a click on a notification.
// - `answered`: a reminder was answered from its notification; its card
//   goes, and the core's sentence is announced.
// - `arrived`: the other laptop's changes came through the sync folder; the
//   frame's `onArrived` shows them.
// Everything is built with h(): titles and whys are the couple's own words.

import { api } from './api.js';
import { h, announce, focusElement, replaceChildren, setBusy, isBusy } from './dom.js';
import { confirmDialog } from './dialog.js';
import { go } from './router.js';

const SNOOZES = [10, 30, 60];

function itemText(item) {
  return item.late ? `Was due at ${item.localTime} · ${item.body}` : `${item.body} · ${item.localTime}`;
}

export function reminderBanner({ onArrived } = {}) {
  const list = h('div', { class: 'reminder-list' });
  const el = h('section', {
    class: 'reminder-banner',
    id: 'reminder-banner',
    'aria-label': 'Reminders',
    'aria-live': 'polite',
    hidden: true,
  }, list);
  const shown = new Map();

  function refresh() {
    el.hidden = shown.size === 0;
  }

  function remove(key) {
    const gone = shown.get(key);
    // Focus never falls to the page: it goes to the next reminder, or back
    // to the heading of the place being shown.
    const hadFocus = gone?.contains(document.activeElement);
    const next = gone?.nextElementSibling ?? gone?.previousElementSibling;
    gone?.remove();
    shown.delete(key);
    refresh();
    if (hadFocus || document.activeElement === document.body) {
      const target = next?.querySelector('button') ?? document.querySelector('#main h1') ?? document.getElementById('main');
      focusElement(target);
    }
  }

  function card(item) {
    const status = h('p', { class: 'reminder-status', role: 'status' });
    const buttons = [];
    const act = (label, run) => {
      const b = h('button', { type: 'button', class: 'button button--quiet' }, label);
      b.addEventListener('click', async () => {
        if (isBusy(b)) return;
        buttons.forEach((x) => setBusy(x, true));
        try {
          const said = await run();
          remove(item.key);
          if (said) announce(said);
        } catch (err) {
          status.textContent = err.message;
          buttons.forEach((x) => setBusy(x, false));
        }
      });
      buttons.push(b);
      return b;
    };
    const isRitual = item.kind === 'ritual' && item.ritualId != null;
    const actions = h('div', { class: 'reminder-actions', role: 'group', 'aria-label': `Answer “${item.title}”` },
      isRitual ? act('Done', async () => { await api.answerReminder(item.key, false); return `Marked “${item.title}” done.`; }) : null,
      SNOOZES.map((m) => act(`Snooze ${m} min`, async () => {
        await api.snoozeReminder(item.key, m);
        return `“${item.title}” will come back in ${m} minutes.`;
      })),
      isRitual ? act('Skip', async () => { await api.answerReminder(item.key, true); return `Skipped “${item.title}” this time.`; }) : null,
      act('Dismiss', async () => null));
    return h('article', { class: 'reminder-card', 'data-key': item.key },
      h('h2', { class: 'reminder-title' }, item.title),
      h('p', { class: 'reminder-body' }, itemText(item)),
      actions, status);
  }

  function show(notice) {
    for (const item of notice.items ?? []) {
      if (shown.has(item.key)) continue;
      const c = card(item);
      shown.set(item.key, c);
      list.append(c);
    }
    refresh();
  }

  async function onMessage(message) {
    if (message?.type === 'reminder') show(message.notice);
    else if (message?.type === 'navigate' && typeof message.route === 'string') go(message.route);
    else if (message?.type === 'answered' && typeof message.key === 'string') {
      if (shown.has(message.key)) remove(message.key);
      if (typeof message.said === 'string') announce(message.said);
    }
    else if (message?.type === 'arrived') onArrived?.();
    else if (message?.type === 'closeRequested') {
      const quit = await confirmDialog({
        title: 'Close Hearth?',
        body: [
          'This desktop has no tray, so Hearth can’t keep running in the background here.',
          'While Hearth is closed, no reminders will come. They start again when you open it.',
        ],
        confirmLabel: 'Quit Hearth',
        cancelLabel: 'Keep it open',
      });
      if (quit) await api.quitHearth().catch(() => {});
    }
  }

  api.watchReminders(onMessage).catch((err) => console.error('Reminders are not connected:', err));

  return {
    el,
    show,
    destroy() { replaceChildren(list); shown.clear(); },
  };
}
