// "How often", as rituals and commitments choose it: every day or every few
// days, chosen weekdays every week or every few weeks, a day of the month or
// the nth weekday every month or every few months, or a date once a year.
// One picker for both, so a commitment can keep any rhythm a ritual can; with
// `none`, "No set rhythm" comes first (a commitment may have no cadence).
// The core checks the RRULE this writes and answers with its own sentence.

import { h } from '../../dom.js';
import { MONTHS, NTH, WEEKDAYS, defaultSchedule, toRrule } from '../../rrule.js';

const KINDS = [
  { id: 'daily', label: 'Every day' },
  { id: 'days', label: 'Every few days' },
  { id: 'weekly', label: 'On chosen days of the week' },
  { id: 'weeks', label: 'Every few weeks, on chosen days' },
  { id: 'monthday', label: 'Once a month, on a day of the month' },
  { id: 'months', label: 'Every few months, on a day of the month' },
  { id: 'nthweekday', label: 'Once a month, on a weekday (like the first Saturday)' },
  { id: 'nthmonths', label: 'Every few months, on a weekday (like the first Saturday)' },
  { id: 'yearly', label: 'Once a year, on a date' },
];
/** The most days each month has in any year: 29 for February. */
const LONGEST = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const NONE = { id: 'none', label: 'No set rhythm' };

/** A labelled field with an optional hint that the input is described by. */
export function field(label, input, hint) {
  const hintId = hint ? `${input.id}-hint` : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' },
    h('label', { class: 'field-label', for: input.id }, label),
    hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
    input);
}

export function input(id, attrs, value) {
  const el = h('input', { id, name: id, class: 'text-input', autocomplete: 'off', ...attrs });
  if (value !== undefined && value !== null) el.value = String(value);
  return el;
}

function select(id, options, value) {
  const el = h('select', { id, name: id, class: 'text-input' },
    options.map((o) => h('option', { value: String(o.value) }, o.label)));
  el.value = String(value);
  return el;
}

/**
 * schedulePicker({prefix, schedule, none}) → {el, rrule(), problem()}
 * `schedule` is the form's shape (rrule.js); null with `none` starts at
 * "No set rhythm". rrule() is null for no rhythm; problem() is
 * [message, element to focus] for what the page can tell before the core.
 */
export function schedulePicker({ prefix: p, schedule = null, none = false }) {
  const sched = schedule ?? defaultSchedule();
  const start = schedule ? sched.kind : none ? NONE.id : sched.kind;
  const kindRadios = [...(none ? [NONE] : []), ...KINDS].map((k) => {
    const radio = h('input', { type: 'radio', class: 'radio', name: `${p}-kind`, id: `${p}-kind-${k.id}`, value: k.id });
    radio.checked = start === k.id;
    return { k, radio, label: h('label', { class: 'radio-label', for: radio.id }, radio, k.label) };
  });
  const dayBoxes = WEEKDAYS.map((d) => {
    const box = h('input', { type: 'checkbox', class: 'checkbox', id: `${p}-day-${d.code}`, value: d.code });
    box.checked = sched.days.includes(d.code);
    return { d, box, label: h('label', { class: 'radio-label', for: box.id }, box, d.label) };
  });
  const number = (id, max, value) => input(id, { type: 'number', min: 1, max, inputmode: 'numeric', class: 'text-input text-input--short' }, value);
  const interval = number(`${p}-interval`, 52, sched.interval);
  const everyDays = number(`${p}-every-days`, 365, sched.interval);
  const everyMonths = number(`${p}-every-months`, 12, sched.interval);
  const monthDay = number(`${p}-monthday`, 31, sched.monthDay);
  const nth = select(`${p}-nth`, NTH, sched.nth);
  const weekday = select(`${p}-weekday`, WEEKDAYS.map((d) => ({ value: d.code, label: d.label })), sched.weekday);
  const month = select(`${p}-month`, MONTHS, sched.month);
  const yearDay = number(`${p}-yearday`, LONGEST[sched.month - 1] ?? 31, sched.monthDay);
  month.addEventListener('change', () => yearDay.setAttribute('max', String(LONGEST[Number(month.value) - 1])));

  const daysGroup = h('fieldset', { class: 'field schedule-days' },
    h('legend', { class: 'field-label' }, 'On which days'),
    h('div', { class: 'radio-row' }, dayBoxes.map((b) => b.label)));
  const intervalGroup = field('Every how many weeks', interval, 'From 1 to 52. Weeks are counted from the one it starts in.');
  const monthDayGroup = field('Day of the month', monthDay,
    'From 1 to 31. In a shorter month, a day it doesn’t have (like the 31st in April) becomes that month’s last day.');
  const nthGroup = h('div', { class: 'field schedule-nth' },
    h('div', { class: 'inline-fields' }, field('Which one', nth), field('Weekday', weekday)));
  const everyDaysGroup = field('Every how many days', everyDays, 'From 1 to 365, counted from the day it starts.');
  const everyMonthsGroup = field('Every how many months', everyMonths, 'From 1 to 12, counted from the month it starts in.');
  // The hint goes under both fields, so the month and the day line up.
  yearDay.setAttribute('aria-describedby', `${p}-yearday-hint`);
  const yearGroup = h('div', { class: 'field schedule-year' },
    h('div', { class: 'inline-fields' }, field('Month', month), field('Day', yearDay)),
    h('p', { class: 'field-hint', id: `${p}-yearday-hint` },
      'A ritual on 29 February comes on 28 February in the years without one.'));

  const kind = () => kindRadios.find((r) => r.radio.checked)?.k.id ?? (none ? NONE.id : 'daily');
  const showParts = () => {
    const k = kind();
    daysGroup.hidden = !(k === 'weekly' || k === 'weeks');
    intervalGroup.hidden = k !== 'weeks';
    everyDaysGroup.hidden = k !== 'days';
    everyMonthsGroup.hidden = !(k === 'months' || k === 'nthmonths');
    monthDayGroup.hidden = !(k === 'monthday' || k === 'months');
    nthGroup.hidden = !(k === 'nthweekday' || k === 'nthmonths');
    yearGroup.hidden = k !== 'yearly';
  };
  for (const r of kindRadios) r.radio.addEventListener('change', showParts);

  const el = h('fieldset', { class: 'field schedule' },
    h('legend', { class: 'field-label' }, 'How often'),
    h('div', { class: 'radio-column' }, kindRadios.map((r) => r.label)),
    everyDaysGroup, intervalGroup, daysGroup, everyMonthsGroup, monthDayGroup, nthGroup, yearGroup);
  showParts();

  return {
    el,
    rrule() {
      const k = kind();
      if (k === NONE.id) return null;
      const every = { days: everyDays, months: everyMonths, nthmonths: everyMonths }[k] ?? interval;
      return toRrule({
        kind: k,
        interval: every.value,
        days: dayBoxes.filter((b) => b.box.checked).map((b) => b.d.code),
        monthDay: (k === 'yearly' ? yearDay : monthDay).value.trim() || '0',
        nth: nth.value,
        weekday: weekday.value,
        month: month.value,
      });
    },
    problem() {
      const k = kind();
      if ((k === 'weekly' || k === 'weeks') && !dayBoxes.some((b) => b.box.checked)) {
        return ['Please choose at least one day of the week.', dayBoxes[0].box];
      }
      return null;
    },
  };
}
