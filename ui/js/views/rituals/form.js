// The ritual form, for adding your own and for changing any ritual: name,
// why, how often, time, zone, length, dates, who it is for, and how early
// the reminder comes. The core checks every rule; its message appears above
// the buttons and everything typed stays as it was.

import { api, localDate, systemZone } from '../../api.js';
import { h, uid } from '../../dom.js';
import { formMessages } from '../../fields.js';
import { NTH, WEEKDAYS, defaultSchedule, fromRrule, toRrule } from '../../rrule.js';

const KINDS = [
  { id: 'daily', label: 'Every day' },
  { id: 'weekly', label: 'On chosen days of the week' },
  { id: 'weeks', label: 'Every few weeks, on chosen days' },
  { id: 'monthday', label: 'Once a month, on a day of the month' },
  { id: 'nthweekday', label: 'Once a month, on a weekday (like the first Saturday)' },
];

function field(label, input, hint) {
  const hintId = hint ? `${input.id}-hint` : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' },
    h('label', { class: 'field-label', for: input.id }, label),
    hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
    input);
}

function input(id, attrs, value) {
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
 * renderRitualForm({state, words, ritual?, onSaved(ritual), onCancel()})
 * With `ritual`, the form changes it; without, it adds a new one.
 */
export function renderRitualForm({ state, words, ritual = null, onSaved, onCancel }) {
  const p = uid('rf');
  const sched = ritual ? fromRrule(ritual.schedule) : defaultSchedule();
  const title = input(`${p}-title`, { type: 'text', maxlength: words.titleMax }, ritual?.title ?? '');
  const why = h('textarea', { id: `${p}-why`, name: `${p}-why`, class: 'text-input text-area text-area--short', rows: 2, maxlength: words.intentionMax });
  why.value = ritual?.intention ?? '';

  // --- how often -------------------------------------------------------------
  const kindRadios = KINDS.map((k) => {
    const radio = h('input', { type: 'radio', class: 'radio', name: `${p}-kind`, id: `${p}-kind-${k.id}`, value: k.id });
    radio.checked = sched.kind === k.id;
    return { k, radio, label: h('label', { class: 'radio-label', for: radio.id }, radio, k.label) };
  });
  const dayBoxes = WEEKDAYS.map((d) => {
    const box = h('input', { type: 'checkbox', class: 'checkbox', id: `${p}-day-${d.code}`, value: d.code });
    box.checked = sched.days.includes(d.code);
    return { d, box, label: h('label', { class: 'radio-label', for: box.id }, box, d.label) };
  });
  const interval = input(`${p}-interval`, { type: 'number', min: 1, max: 52, inputmode: 'numeric', class: 'text-input text-input--short' }, sched.interval);
  const monthDay = input(`${p}-monthday`, { type: 'number', min: 1, max: 31, inputmode: 'numeric', class: 'text-input text-input--short' }, sched.monthDay);
  const nth = select(`${p}-nth`, NTH, sched.nth);
  const weekday = select(`${p}-weekday`, WEEKDAYS.map((d) => ({ value: d.code, label: d.label })), sched.weekday);

  const daysGroup = h('fieldset', { class: 'field schedule-days' },
    h('legend', { class: 'field-label' }, 'On which days'),
    h('div', { class: 'radio-row' }, dayBoxes.map((b) => b.label)));
  const intervalGroup = field('Every how many weeks', interval, 'From 1 to 52. Weeks are counted from the one the ritual starts in.');
  const monthDayGroup = field('Day of the month', monthDay,
    'From 1 to 31. In a shorter month, a day it doesn’t have (like the 31st in April) becomes that month’s last day.');
  const nthGroup = h('div', { class: 'field schedule-nth' },
    h('div', { class: 'inline-fields' }, field('Which one', nth), field('Weekday', weekday)));

  const showParts = () => {
    const kind = kindRadios.find((r) => r.radio.checked)?.k.id ?? 'daily';
    daysGroup.hidden = !(kind === 'weekly' || kind === 'weeks');
    intervalGroup.hidden = kind !== 'weeks';
    monthDayGroup.hidden = kind !== 'monthday';
    nthGroup.hidden = kind !== 'nthweekday';
  };
  for (const r of kindRadios) r.radio.addEventListener('change', showParts);

  const often = h('fieldset', { class: 'field schedule' },
    h('legend', { class: 'field-label' }, 'How often'),
    h('div', { class: 'radio-column' }, kindRadios.map((r) => r.label)),
    daysGroup, intervalGroup, monthDayGroup, nthGroup);
  showParts();

  // --- when and for whom ---------------------------------------------------------
  const time = input(`${p}-time`, { type: 'time', class: 'text-input text-input--short' }, ritual?.time ?? '19:00');
  const zone = input(`${p}-zone`, { type: 'text', spellcheck: 'false' }, ritual?.zone ?? systemZone());
  const duration = input(`${p}-duration`, { type: 'number', min: 1, max: words.durationMax, inputmode: 'numeric', class: 'text-input text-input--short' }, ritual?.durationMinutes ?? 30);
  const start = input(`${p}-start`, { type: 'date', class: 'text-input text-input--short' }, ritual?.startDate ?? localDate());
  const end = input(`${p}-end`, { type: 'date', class: 'text-input text-input--short' }, ritual?.endDate ?? '');
  const lead = input(`${p}-lead`, { type: 'number', min: 0, max: words.leadMax, inputmode: 'numeric', class: 'text-input text-input--short' }, ritual?.reminderLeadMinutes ?? 10);

  const whoOptions = [{ id: '', label: 'Both of you' }, ...(state.partners ?? []).map((x) => ({ id: String(x.id), label: x.name }))];
  const whoRadios = whoOptions.map((o) => {
    const radio = h('input', { type: 'radio', class: 'radio', name: `${p}-who`, id: `${p}-who-${o.id || 'both'}`, value: o.id });
    radio.checked = String(ritual?.forPartner ?? '') === o.id;
    return { o, radio, label: h('label', { class: 'radio-label', for: radio.id }, radio, o.label) };
  });
  const who = h('fieldset', { class: 'field' },
    h('legend', { class: 'field-label' }, 'Who it is for'),
    h('div', { class: 'radio-row' }, whoRadios.map((r) => r.label)));

  const messages = formMessages(`${p}-form`);
  const save = h('button', { type: 'submit', class: 'button button--primary' }, ritual ? 'Save changes' : 'Add this ritual');
  const cancel = onCancel ? h('button', { type: 'button', class: 'button button--quiet' }, 'Cancel') : null;
  cancel?.addEventListener('click', () => onCancel());

  const form = h('form', { class: 'ritual-form', novalidate: true, 'aria-label': ritual ? `Change “${ritual.title}”` : 'Your own ritual' },
    field('Name', title, 'Short and yours: “Tea on the balcony”.'),
    field('Why we do it (optional)', why, 'One line you’ll both recognise when the reminder comes.'),
    often,
    h('div', { class: 'inline-fields' },
      field('Time', time),
      field('Minutes it takes', duration)),
    field('Time zone', zone, `The ritual stays at this local time, even when the laptop travels. This computer is set to ${systemZone()}.`),
    h('div', { class: 'inline-fields' },
      field('Starts on', start),
      field('Ends on (optional)', end)),
    who,
    field('Reminder, minutes before', lead, 'From 0 (at the time) to 1440 (a day ahead).'),
    messages.alert,
    h('div', { class: 'form-actions' }, save, cancel, messages.status));

  function read() {
    const kind = kindRadios.find((r) => r.radio.checked)?.k.id ?? 'daily';
    const schedule = toRrule({
      kind,
      interval: interval.value,
      days: dayBoxes.filter((b) => b.box.checked).map((b) => b.d.code),
      monthDay: monthDay.value.trim() || '0',
      nth: nth.value,
      weekday: weekday.value,
    });
    const forWho = whoRadios.find((r) => r.radio.checked)?.o.id ?? '';
    const num = (el) => (el.value.trim() === '' ? NaN : Number(el.value));
    return {
      kind,
      input: {
        title: title.value,
        intention: why.value.trim() ? why.value : null,
        schedule,
        time: time.value,
        zone: zone.value.trim(),
        durationMinutes: num(duration),
        startDate: start.value,
        endDate: end.value || null,
        forPartner: forWho ? Number(forWho) : null,
        reminderLeadMinutes: num(lead),
      },
    };
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (save.disabled) return;
    messages.clear();
    const { kind, input: value } = read();
    const problem = !value.title.trim() ? ['Please give the ritual a name.', title]
      : (kind === 'weekly' || kind === 'weeks') && !/BYDAY=[A-Z]/.test(value.schedule) ? ['Please choose at least one day of the week.', dayBoxes[0].box]
        : !value.time ? ['Please choose a time of day, like 07:30.', time]
          : !value.startDate ? ['Please choose the day it starts.', start]
            : Number.isNaN(value.durationMinutes) ? ['Please say how many minutes it takes.', duration]
              : Number.isNaN(value.reminderLeadMinutes) ? ['Please say how many minutes before the reminder comes (0 is fine).', lead]
                : null;
    if (problem) { messages.showError(problem[0]); problem[1].focus(); return; }
    save.disabled = true;
    try {
      const saved = ritual ? await api.updateRitual(ritual.id, value) : await api.createRitual(value);
      await onSaved?.(saved);
    } catch (err) {
      messages.showError(err.message);
      save.disabled = false;
    }
  });

  return { el: form, focus: () => title.focus() };
}
