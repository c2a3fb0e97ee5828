// The reminders part of the fake Tauri backend (see fake-tauri.js): settings
// with the core's rules for the page (snooze 10/30/60, quiet hours that
// differ), a fake Channel the page's banner listens on, and what was asked.
// A test shows a banner with window.__reminderChannel.onmessage({type: 'reminder', notice}).
(() => {
  const table = window.__HEARTH_JOURNAL__;
  const bad = (message) => ({ kind: 'invalid_input', message });
  const s = {
    graceMinutes: 120, quietHours: null, paused: false, pausedUntil: null,
    checkin: { enabled: true, weekday: 7, time: '19:00' },
    startAtLogin: false, tray: 'noWatcher', zone: 'Europe/Berlin',
  };
  const copy = () => JSON.parse(JSON.stringify(s));
  window.__TAURI__.core.Channel = class {
    constructor() { this.onmessage = null; window.__reminderChannel = this; }
    toJSON() { return '__CHANNEL__:1'; }
  };
  window.__reminderAnswers = [];
  Object.assign(table, {
    watch_reminders: () => null,
    reminder_settings: () => copy(),
    pause_reminders: ({ pause }) => {
      if (pause.kind === 'minutes' && !(pause.minutes >= 1 && pause.minutes <= 1440)) throw bad('Out of range.');
      s.paused = true;
      s.pausedUntil = pause.kind === 'untilResumed' ? null : new Date(Date.now() + 3600_000).toISOString();
      return copy();
    },
    resume_reminders: () => { s.paused = false; s.pausedUntil = null; return copy(); },
    set_quiet_hours: ({ start, end }) => {
      if (start && start === end) throw bad('Quiet hours need to start and end at different times.');
      s.quietHours = start ? { start, end } : null;
      return copy();
    },
    set_reminder_grace: ({ minutes }) => { s.graceMinutes = minutes; return copy(); },
    set_checkin_reminder: ({ enabled, weekday, time }) => { s.checkin = { enabled, weekday, time }; return copy(); },
    set_start_at_login: ({ enabled }) => { s.startAtLogin = enabled; return copy(); },
    snooze_reminder: ({ key, minutes }) => {
      if (![10, 30, 60].includes(minutes)) throw bad('A reminder can be snoozed for 10, 30 or 60 minutes.');
      window.__reminderAnswers.push(['snooze', key, minutes]);
      return new Date(Date.now() + minutes * 60_000).toISOString();
    },
    answer_reminder: ({ key, skip }) => { window.__reminderAnswers.push([skip ? 'skip' : 'done', key]); return null; },
    quit_hearth: () => null,
  });
})();
