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

/**
 * A schedule as the form holds it:
 * {kind: 'daily'|'weekly'|'weeks'|'monthday'|'nthweekday', interval, days: ['MO'…],
 *  monthDay, nth, weekday}
 */
export function defaultSchedule() {
  return { kind: 'daily', interval: 2, days: [], monthDay: 1, nth: 1, weekday: 'SA' };
}

const ORDER = WEEKDAYS.map((d) => d.code);

export function toRrule(s) {
  switch (s.kind) {
    case 'weekly':
    case 'weeks': {
      const days = [...s.days].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
      // The core refuses 0, negative or non-numbers with its own sentence.
      const interval = s.kind === 'weeks' ? String(s.interval).trim() : '1';
      let rule = 'FREQ=WEEKLY';
      if (interval !== '1') rule += `;INTERVAL=${interval}`;
      rule += `;BYDAY=${days.join(',')}`;
      // Which weeks count starts on Monday; said, as some apps assume Sunday.
      if (Number(interval) > 1 && days.length > 1) rule += ';WKST=MO';
      return rule;
    }
    case 'monthday':
      return monthDayRule(Number(s.monthDay));
    case 'nthweekday':
      return `FREQ=MONTHLY;BYDAY=${s.nth}${s.weekday}`;
    default:
      return 'FREQ=DAILY';
  }
}

/**
 * A day of the month as the core keeps it. Days 29 and 30 fall on the last
 * day of a shorter month ("the last of the 28th to the 30th that the month
 * has"), and 31 is every month's last day: the forms every calendar app
 * reads the same way. A bare BYMONTHDAY=30 would skip February there, so
 * the core refuses it.
 */
function monthDayRule(day) {
  if (day === 31) return 'FREQ=MONTHLY;BYMONTHDAY=-1';
  if (day === 29 || day === 30) {
    const days = [];
    for (let d = 28; d <= day; d += 1) days.push(d);
    return `FREQ=MONTHLY;BYMONTHDAY=${days.join(',')};BYSETPOS=-1`;
  }
  return `FREQ=MONTHLY;BYMONTHDAY=${day}`;
}

/** Reads RRULE text the core wrote; anything else becomes "every day". */
export function fromRrule(text) {
  const s = defaultSchedule();
  const parts = Object.fromEntries(String(text ?? '').replace(/^RRULE:/i, '').split(';')
    .map((p) => p.split('=')).filter((p) => p.length === 2).map(([k, v]) => [k.toUpperCase(), v.toUpperCase()]));
  if (parts.FREQ === 'WEEKLY') {
    const interval = Number(parts.INTERVAL ?? 1);
    s.kind = interval > 1 ? 'weeks' : 'weekly';
    if (interval > 1) s.interval = interval;
    s.days = (parts.BYDAY ?? '').split(',').filter((d) => ORDER.includes(d));
  } else if (parts.FREQ === 'MONTHLY' && parts.BYMONTHDAY) {
    s.kind = 'monthday';
    const days = parts.BYMONTHDAY.split(',').map(Number);
    // -1 is "the last day" (31); "28,29,30;BYSETPOS=-1" is day 30 or the month's last.
    s.monthDay = days.includes(-1) ? 31 : Math.max(...days);
  } else if (parts.FREQ === 'MONTHLY' && parts.BYDAY) {
    const m = /^(-?\d)([A-Z]{2})$/.exec(parts.BYDAY);
    if (m) {
      s.kind = 'nthweekday';
      s.nth = Number(m[1]);
      s.weekday = m[2];
    }
  }
  return s;
}
