// The ritual form, for adding your own and for changing any ritual: name,
// why, how often, time, zone, length, dates, who it is for, and how early
// the reminder comes. The core checks every rule; its message appears above
// the buttons and everything typed stays as it was.

import { api, localDate, systemZone } from '../../api.js';
import { h, uid, setBusy, isBusy } from '../../dom.js';
import { formMessages } from '../../fields.js';
import { fromRrule } from '../../rrule.js';
import { field, input, schedulePicker } from './schedule.js';
import { nextText, zoneText } from './words.js';

/**
 * renderRitualForm({state, words, ritual?, onSaved(ritual), onCancel()})
 * With `ritual`, the form changes it; without, it adds a new one.
 */
export function renderRitualForm({ state, words, ritual = null, onSaved, onCancel }) {
  const p = uid('rf');
  const title = input(`${p}-title`, { type: 'text', maxlength: words.titleMax }, ritual?.title ?? '');
  const why = h('textarea', { id: `${p}-why`, name: `${p}-why`, class: 'text-input text-area text-area--short', rows: 2, maxlength: words.intentionMax });
  why.value = ritual?.intention ?? '';

  const often = schedulePicker({ prefix: p, schedule: ritual ? fromRrule(ritual.schedule) : null });

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

  // What the core makes of the form as it is, before saving: when the ritual
  // would first (or next) happen, and the zone by its current name.
  const zoneSeen = h('p', { class: 'field-hint zone-seen', id: `${p}-zone-seen`, 'aria-live': 'polite' });
  const firstLine = h('p', { class: 'ritual-first', id: `${p}-first`, 'aria-live': 'polite' });
  const messages = formMessages(`${p}-form`);
  const save = h('button', { type: 'submit', class: 'button button--primary' }, ritual ? 'Save changes' : 'Add this ritual');
  const cancel = onCancel ? h('button', { type: 'button', class: 'button button--quiet' }, 'Cancel') : null;
  cancel?.addEventListener('click', () => onCancel());

  const form = h('form', { class: 'ritual-form', novalidate: true, 'aria-label': ritual ? `Change “${ritual.title}”` : 'Your own ritual' },
    field('Name', title, 'Short and yours: “Tea on the balcony”.'),
    field('Why we do it (optional)', why, 'One line you’ll both recognise when the reminder comes.'),
    often.el,
    h('div', { class: 'inline-fields' },
      field('Time', time),
      field('Minutes it takes', duration)),
    field('Time zone', zone, 'The ritual stays at this local time, even when the laptop travels.'),
    zoneSeen,
    h('div', { class: 'inline-fields' },
      field('Starts on', start),
      field('Ends on (optional)', end)),
    who,
    field('Reminder, minutes before', lead, 'From 0 (at the time) to 1440 (a day ahead).'),
    firstLine,
    messages.alert,
    h('div', { class: 'form-actions' }, save, cancel, messages.status));

  function read() {
    const forWho = whoRadios.find((r) => r.radio.checked)?.o.id ?? '';
    const num = (el) => (el.value.trim() === '' ? NaN : Number(el.value));
    return {
      title: title.value,
      intention: why.value.trim() ? why.value : null,
      schedule: often.rrule(),
      time: time.value,
      zone: zone.value.trim(),
      durationMinutes: num(duration),
      startDate: start.value,
      endDate: end.value || null,
      forPartner: forWho ? Number(forWho) : null,
      reminderLeadMinutes: num(lead),
    };
  }

  let asked = 0;
  async function preview() {
    const mine = ++asked;
    const value = read();
    if (!value.time || !value.startDate || often.problem()) {
      firstLine.textContent = '';
      return;
    }
    // A name and numbers not typed yet don't change when it happens.
    const or = (n, fallback) => (Number.isNaN(n) ? fallback : n);
    const asIf = { ...value, title: value.title.trim() || 'A ritual', durationMinutes: or(value.durationMinutes, 30), reminderLeadMinutes: or(value.reminderLeadMinutes, 0) };
    try {
      const seen = await api.previewRitual(asIf);
      if (mine !== asked) return;
      // The system may name its zone the old way (Asia/Calcutta); the core
      // answers with the place's current name, which is what gets saved.
      if (zone.value.trim() !== seen.zone.name && zone.value.trim() === systemZone()) zone.value = seen.zone.name;
      zoneSeen.textContent = `${zoneText(seen.zone.name, seen.zone.city)} time.`;
      firstLine.textContent = nextText(seen.next, ritual ? 'Next' : 'First') ?? 'With these dates it doesn’t happen again.';
    } catch (err) {
      if (mine !== asked) return;
      firstLine.textContent = err.message;
    }
  }
  let timer = null;
  const soon = () => { clearTimeout(timer); timer = setTimeout(preview, 250); };
  form.addEventListener('input', soon);
  form.addEventListener('change', soon);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(save)) return;
    messages.clear();
    const value = read();
    const problem = !value.title.trim() ? ['Please give the ritual a name.', title]
      : often.problem()
        ?? (!value.time ? ['Please choose a time of day, like 07:30.', time]
          : !value.startDate ? ['Please choose the day it starts.', start]
            : Number.isNaN(value.durationMinutes) ? ['Please say how many minutes it takes.', duration]
              : Number.isNaN(value.reminderLeadMinutes) ? ['Please say how many minutes before the reminder comes (0 is fine).', lead]
                : null);
    if (problem) { messages.showError(problem[0]); problem[1].focus(); return; }
    setBusy(save, true);
    try {
      const saved = ritual ? await api.updateRitual(ritual.id, value) : await api.createRitual(value);
      await onSaved?.(saved);
    } catch (err) {
      messages.showError(err.message);
      setBusy(save, false);
    }
  });

  preview();
  return { el: form, focus: () => title.focus() };
}
