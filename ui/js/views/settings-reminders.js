// Settings → Reminders: pause, quiet hours, how late a missed reminder may
// still come, the weekly check-in reminder, start at login, and whether
// Hearth can live in the tray here. Each control saves on its own and shows
// the core's answer (or its refusal, in its words).

import { api } from '../api.js';
import { h } from '../dom.js';
import { formMessages } from '../fields.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const GRACES = [[0, 'Never: only on time'], [30, '30 minutes'], [60, '1 hour'], [120, '2 hours'], [240, '4 hours'], [720, '12 hours']];

const TRAY_TEXT = {
  available: 'Closing the window keeps Hearth running in the tray, so reminders still come. Quit it from the tray icon’s menu.',
  noWatcher: 'This desktop shows no tray icons, so closing the window quits Hearth and reminders stop until you open it again. (On GNOME, the AppIndicator extension adds a tray.)',
  noLibrary: 'The library that draws tray icons (libayatana-appindicator3) isn’t installed, so closing the window quits Hearth and reminders stop until you open it again.',
  off: 'The tray is turned off (HEARTH_TRAY=off), so closing the window quits Hearth.',
  failed: 'Hearth couldn’t put an icon in the tray here, so closing the window quits Hearth.',
};

function pauseText(s) {
  if (!s.paused) return 'Reminders are on.';
  if (!s.pausedUntil) return 'Reminders are paused until you resume them.';
  const until = new Date(s.pausedUntil);
  return `Reminders are paused until ${until.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}${
    until.toDateString() !== new Date().toDateString() ? ` on ${until.toLocaleDateString([], { weekday: 'long' })}` : ''}.`;
}

/** "22:00" as this computer writes a time (the time fields show it the same way). */
function clock(hhmm) {
  const [hh, mm] = hhmm.split(':').map(Number);
  return new Date(2000, 0, 1, hh, mm).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function labelled(id, label, control) {
  control.id = id;
  return h('div', { class: 'field field--inline' }, h('label', { class: 'field-label', for: id }, label), control);
}

export function remindersSection() {
  // Each group answers beside itself, where the eye and the screen reader are.
  const messages = formMessages('settings-reminders');
  const quietMessages = formMessages('reminders-quiet');
  const graceMessages = formMessages('reminders-grace');
  const checkinMessages = formMessages('reminders-checkin');
  const loginMessages = formMessages('reminders-login');
  const pauseStatus = h('p', { id: 'reminders-pause-status' });
  const pauseHour = h('button', { type: 'button', class: 'button button--quiet', id: 'reminders-pause-hour' }, 'Pause for an hour');
  const pauseToday = h('button', { type: 'button', class: 'button button--quiet', id: 'reminders-pause-today' }, 'Pause for today');
  const pauseAll = h('button', { type: 'button', class: 'button button--quiet', id: 'reminders-pause-forever' }, 'Pause until I resume');
  const resume = h('button', { type: 'button', class: 'button button--primary', id: 'reminders-resume' }, 'Resume reminders');

  const quietOn = h('input', { type: 'checkbox', id: 'reminders-quiet-on', class: 'checkbox' });
  const quietStart = h('input', { type: 'time', class: 'text-input', value: '22:00' });
  const quietEnd = h('input', { type: 'time', class: 'text-input', value: '07:00' });
  const grace = h('select', { class: 'text-input' }, GRACES.map(([v, label]) => h('option', { value: String(v) }, label)));
  const checkinOn = h('input', { type: 'checkbox', id: 'reminders-checkin-on', class: 'checkbox' });
  const checkinDay = h('select', { class: 'text-input' }, DAYS.map((d, i) => h('option', { value: String(i + 1) }, d)));
  const checkinTime = h('input', { type: 'time', class: 'text-input', value: '19:00' });
  const login = h('input', { type: 'checkbox', id: 'reminders-login', class: 'checkbox' });
  const trayText = h('p', { class: 'muted', id: 'reminders-tray' });
  const zone = h('p', { class: 'muted', id: 'reminders-zone' });

  function show(panel) {
    pauseStatus.textContent = pauseText(panel);
    resume.hidden = !panel.paused;
    quietOn.checked = Boolean(panel.quietHours);
    if (panel.quietHours) {
      quietStart.value = panel.quietHours.start;
      quietEnd.value = panel.quietHours.end;
    }
    quietStart.disabled = quietEnd.disabled = !panel.quietHours;
    grace.value = String(panel.graceMinutes);
    if (!grace.value) grace.append(h('option', { value: String(panel.graceMinutes) }, `${panel.graceMinutes} minutes`));
    grace.value = String(panel.graceMinutes);
    checkinOn.checked = panel.checkin.enabled;
    checkinDay.value = String(panel.checkin.weekday);
    checkinTime.value = panel.checkin.time;
    checkinDay.disabled = checkinTime.disabled = !panel.checkin.enabled;
    login.checked = panel.startAtLogin;
    trayText.textContent = TRAY_TEXT[panel.tray] ?? '';
    zone.textContent = `Quiet hours and the check-in follow this computer’s clock (${panel.zone}).`;
  }

  let shown = null; // the settings as the core last answered
  const showAndKeep = (panel) => { shown = panel; show(panel); };

  /** Saves, then says what is now true (said(before, after)), by the group that changed. */
  async function save(run, said, where = messages) {
    for (const m of [messages, quietMessages, graceMessages, checkinMessages, loginMessages]) m.clear();
    const before = shown;
    try {
      const after = await run();
      showAndKeep(after);
      const words = typeof said === 'function' ? said(before, after) : said;
      if (words) where.showStatus(words);
    } catch (err) {
      where.showError(err.message);
      api.reminderSettings().then(showAndKeep).catch(() => {});
    }
  }

  pauseHour.addEventListener('click', () => save(() => api.pauseReminders({ kind: 'minutes', minutes: 60 }), 'Paused for an hour.'));
  pauseToday.addEventListener('click', () => save(() => api.pauseReminders({ kind: 'today' }), 'Paused for the rest of today.'));
  pauseAll.addEventListener('click', () => save(() => api.pauseReminders({ kind: 'untilResumed' }), 'Paused until you resume them.'));
  resume.addEventListener('click', () => save(() => api.resumeReminders(), 'Reminders are back on.'));
  const saveQuiet = () => save(
    () => api.setQuietHours(quietOn.checked ? quietStart.value : null, quietEnd.value),
    (before, after) => {
      const q = after.quietHours;
      if (!q) return 'Quiet hours are off: reminders come at their time.';
      const span = `from ${clock(q.start)} to ${clock(q.end)}`;
      return before?.quietHours ? `Quiet hours are now ${span}.` : `Quiet hours are on, ${span}. Reminders wait until they end.`;
    },
    quietMessages);
  quietOn.addEventListener('change', saveQuiet);
  quietStart.addEventListener('change', saveQuiet);
  quietEnd.addEventListener('change', saveQuiet);
  grace.addEventListener('change', () => save(() => api.setReminderGrace(Number(grace.value)),
    (_, after) => (after.graceMinutes
      ? `Saved: a missed reminder still comes up to ${grace.selectedOptions[0]?.textContent ?? `${after.graceMinutes} minutes`} late.`
      : 'Saved: a missed reminder only shows as missed.'),
    graceMessages));
  const saveCheckin = () => save(() => api.setCheckinReminder({
    enabled: checkinOn.checked, weekday: Number(checkinDay.value), time: checkinTime.value,
  }), (_, after) => (after.checkin.enabled
    ? `Saved: the check-in reminder comes on ${DAYS[after.checkin.weekday - 1]} at ${clock(after.checkin.time)}.`
    : 'Saved: no check-in reminder.'), checkinMessages);
  checkinOn.addEventListener('change', saveCheckin);
  checkinDay.addEventListener('change', saveCheckin);
  checkinTime.addEventListener('change', saveCheckin);
  login.addEventListener('change', () => save(() => api.setStartAtLogin(login.checked),
    login.checked ? 'Hearth will start in the tray when you log in.' : 'Hearth won’t start at login.', loginMessages));

  api.reminderSettings().then(showAndKeep).catch((err) => messages.showError(err.message));

  return h('section', { class: 'settings-section', id: 'settings-reminders', 'aria-labelledby': 'settings-reminders-title' },
    h('h2', { id: 'settings-reminders-title' }, 'Reminders'),
    h('p', { class: 'muted' }, 'Each reminder comes once. If the laptop was asleep or Hearth was closed, one that was due a little earlier comes late, saying when it was due; older ones just show as missed in Today.'),
    h('fieldset', { class: 'settings-group' }, h('legend', {}, 'Pause'),
      pauseStatus, h('div', { class: 'form-actions' }, pauseHour, pauseToday, pauseAll, resume),
      messages.alert, messages.status),
    h('fieldset', { class: 'settings-group', id: 'reminders-quiet' }, h('legend', {}, 'Quiet hours'),
      h('div', { class: 'field field--check' }, quietOn, h('label', { for: quietOn.id }, 'Hold reminders during quiet hours')),
      h('div', { class: 'time-range' },
        labelled('reminders-quiet-start', 'From', quietStart),
        labelled('reminders-quiet-end', 'To', quietEnd)),
      quietMessages.alert, quietMessages.status,
      h('p', { class: 'muted' }, 'A reminder due in quiet hours comes once when they end, unless it is by then older than the time below.'),
      zone),
    h('fieldset', { class: 'settings-group' }, h('legend', {}, 'Missed reminders'),
      labelled('reminders-grace', 'Still show a missed reminder up to', grace),
      graceMessages.alert, graceMessages.status),
    h('fieldset', { class: 'settings-group', id: 'reminders-checkin' }, h('legend', {}, 'Weekly check-in'),
      h('div', { class: 'field field--check' }, checkinOn, h('label', { for: checkinOn.id }, 'Remind us to check in')),
      h('div', { class: 'time-range' },
        labelled('reminders-checkin-day', 'On', checkinDay),
        labelled('reminders-checkin-time', 'At', checkinTime)),
      checkinMessages.alert, checkinMessages.status),
    h('fieldset', { class: 'settings-group' }, h('legend', {}, 'In the background'),
      h('div', { class: 'field field--check' }, login, h('label', { for: login.id }, 'Start Hearth when I log in (it opens quietly in the tray)')),
      loginMessages.alert, loginMessages.status,
      trayText));
}
