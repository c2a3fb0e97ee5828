// The ritual form's schedule choices as RRULE text and back. Only the subset
// Hearth's core follows (crates/hearth-core/src/schedule/rrule.rs), written
// exactly as the core writes it: tests/fixtures/schedules.json holds the
// pairs (form choice, RRULE text), and both this file's test and the core's
// test read it, so the two cannot drift apart. The core still checks
// whatever this writes (and the form asks it for a preview before saving).

export const WEEKDAYS = [
  { code: 'MO', label: 'Monday', short: 'Mon' },
  { code: 'TU', label: 'Tuesday', short: 'Tue' },
  { code: 'WE', label: 'Wednesday', short: 'Wed' },
  { code: 'TH', label: 'Thursday', short: 'Thu' },
  { code: 'FR', label: 'Friday', short: 'Fri' },
  { code: 'SA', label: 'Saturday', short: 'Sat' },
  { code: 'SU', label: 'Sunday', short: 'Sun' },
];

export const NTH = [
  { value: 1, label: 'first' },
  { value: 2, label: 'second' },
  { value: 3, label: 'third' },
  { value: 4, label: 'fourth' },
  { value: -1, label: 'last' },
];

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
  'August', 'September', 'October', 'November', 'December'].map((label, i) => ({ value: i + 1, label }));

/**
 * A schedule as the form holds it:
 * {kind, interval, days: ['MO'…], monthDay, nth, weekday, month}
 * kind: 'daily' | 'days' (every `interval` days) | 'weekly' | 'weeks' (every
 * `interval` weeks on `days`) | 'monthday' | 'months' (every `interval`
 * months on `monthDay`) | 'nthweekday' | 'nthmonths' (every `interval`
 * months on the `nth` `weekday`) | 'yearly' (`monthDay` of `month`, 1 to 12).
 */
export function defaultSchedule() {
  return { kind: 'daily', interval: 2, days: [], monthDay: 1, nth: 1, weekday: 'SA', month: 1 };
}

const ORDER = WEEKDAYS.map((d) => d.code);

/** ";INTERVAL=n", or nothing for 1. The core refuses 0, negative or non-numbers with its own sentence. */
function every(interval) {
  const n = String(interval).trim();
  return n === '1' ? '' : `;INTERVAL=${n}`;
}

export function toRrule(s) {
  switch (s.kind) {
    case 'days':
      return `FREQ=DAILY${every(s.interval)}`;
    case 'weekly':
    case 'weeks': {
      const days = [...s.days].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
      const interval = s.kind === 'weeks' ? String(s.interval).trim() : '1';
      let rule = `FREQ=WEEKLY${every(interval)}`;
      rule += `;BYDAY=${days.join(',')}`;
      // Which weeks count starts on Monday; said, as some apps assume Sunday.
      if (Number(interval) > 1 && days.length > 1) rule += ';WKST=MO';
      return rule;
    }
    case 'monthday':
      return `FREQ=MONTHLY;BYMONTHDAY=${monthDay(Number(s.monthDay))}`;
    case 'months':
      return `FREQ=MONTHLY${every(s.interval)};BYMONTHDAY=${monthDay(Number(s.monthDay))}`;
    case 'nthweekday':
      return `FREQ=MONTHLY;BYDAY=${s.nth}${s.weekday}`;
    case 'nthmonths':
      return `FREQ=MONTHLY${every(s.interval)};BYDAY=${s.nth}${s.weekday}`;
    case 'yearly': {
      const month = Number(s.month);
      const day = Number(s.monthDay);
      // 29 February is "the last of 28 and 29 February": 28 February in the
      // years without one, in Hearth and in every calendar app. A bare
      // BYMONTHDAY=29 would skip three years in four there, so the core
      // refuses it.
      if (month === 2 && day === 29) return 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1';
      return `FREQ=YEARLY;BYMONTH=${month};BYMONTHDAY=${day}`;
    }
    default:
      return 'FREQ=DAILY';
  }
}

/**
 * A day of the month as the core keeps it (BYMONTHDAY and, for 29 and 30,
 * BYSETPOS). Days 29 and 30 fall on the last day of a shorter month ("the
 * last of the 28th to the 30th that the month has"), and 31 is every
 * month's last day: the forms every calendar app reads the same way. A bare
 * BYMONTHDAY=30 would skip February there, so the core refuses it.
 */
function monthDay(day) {
  if (day === 31) return '-1';
  if (day === 29 || day === 30) {
    const days = [];
    for (let d = 28; d <= day; d += 1) days.push(d);
    return `${days.join(',')};BYSETPOS=-1`;
  }
  return String(day);
}

/** Reads RRULE text the core wrote; anything else becomes "every day". */
export function fromRrule(text) {
  const s = defaultSchedule();
  const parts = Object.fromEntries(String(text ?? '').replace(/^RRULE:/i, '').split(';')
    .map((p) => p.split('=')).filter((p) => p.length === 2).map(([k, v]) => [k.toUpperCase(), v.toUpperCase()]));
  const interval = Number(parts.INTERVAL ?? 1);
  // -1 is "the last day" (31); "28,29,30;BYSETPOS=-1" is day 30 or the
  // month's last, and "28,29;BYSETPOS=-1" in February is 29 February.
  const dayOf = (list) => {
    const days = list.split(',').map(Number);
    return days.includes(-1) ? 31 : Math.max(...days);
  };
  if (parts.FREQ === 'DAILY' && interval > 1) {
    s.kind = 'days';
    s.interval = interval;
  } else if (parts.FREQ === 'WEEKLY') {
    s.kind = interval > 1 ? 'weeks' : 'weekly';
    if (interval > 1) s.interval = interval;
    s.days = (parts.BYDAY ?? '').split(',').filter((d) => ORDER.includes(d));
  } else if (parts.FREQ === 'MONTHLY' && parts.BYMONTHDAY) {
    s.kind = interval > 1 ? 'months' : 'monthday';
    if (interval > 1) s.interval = interval;
    s.monthDay = dayOf(parts.BYMONTHDAY);
  } else if (parts.FREQ === 'MONTHLY' && parts.BYDAY) {
    const m = /^(-?\d)([A-Z]{2})$/.exec(parts.BYDAY);
    if (m) {
      s.kind = interval > 1 ? 'nthmonths' : 'nthweekday';
      if (interval > 1) s.interval = interval;
      s.nth = Number(m[1]);
      s.weekday = m[2];
    }
  } else if (parts.FREQ === 'YEARLY' && parts.BYMONTH && parts.BYMONTHDAY) {
    s.kind = 'yearly';
    s.month = Number(parts.BYMONTH);
    s.monthDay = dayOf(parts.BYMONTHDAY);
  }
  return s;
}
