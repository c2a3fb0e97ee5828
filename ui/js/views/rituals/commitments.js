// Commitments and agreements, stated openly: who makes it, how often it is
// kept, when you will look at it again together, the days it was checked
// off and how often it was followed through. Ending one keeps its record.

import { api, localDate, systemZone } from '../../api.js';
import { h, announce, focusElement, replaceChildren, uid } from '../../dom.js';
import { formMessages } from '../../fields.js';
import { nameOf, number } from '../../format.js';
import { WEEKDAYS, fromRrule, toRrule } from '../../rrule.js';
import { dayLabel, times } from './words.js';

let limits = null;
const commitmentWords = () => {
  limits ??= api.commitmentWords().catch((err) => { limits = null; throw err; });
  return limits;
};

function owner(state, c) {
  return c.owner ? `${nameOf(state, c.owner)}’s promise` : 'An agreement you both make';
}

function followText(c) {
  const f = c.followThrough;
  if (f.due === null || f.due === undefined) {
    return f.checked ? `Checked off ${times(f.checked)}` : 'Not checked off yet';
  }
  if (!f.due) return 'Its first day hasn’t come yet';
  return `Followed through on ${number(f.checked)} of ${number(f.due)} days`;
}

function commitmentForm({ state, words, commitment = null, onSaved, onCancel }) {
  const p = uid('cf');
  const sched = commitment?.cadence ? fromRrule(commitment.cadence) : null;
  const title = h('input', { type: 'text', id: `${p}-title`, class: 'text-input', maxlength: words.titleMax, autocomplete: 'off' });
  title.value = commitment?.title ?? '';
  const details = h('textarea', { id: `${p}-details`, class: 'text-input text-area text-area--short', rows: 2, maxlength: words.detailsMax });
  details.value = commitment?.details ?? '';
  const whose = h('select', { id: `${p}-owner`, class: 'text-input' },
    h('option', { value: '' }, 'Both of us (an agreement)'),
    (state.partners ?? []).map((x) => h('option', { value: String(x.id) }, `${x.name} (a promise)`)));
  whose.value = String(commitment?.owner ?? '');
  const cadence = h('select', { id: `${p}-cadence`, class: 'text-input' },
    h('option', { value: 'none' }, 'No set rhythm'),
    h('option', { value: 'daily' }, 'Every day'),
    h('option', { value: 'weekly' }, 'On chosen days of the week'));
  cadence.value = !sched ? 'none' : sched.kind === 'daily' ? 'daily' : 'weekly';
  const dayBoxes = WEEKDAYS.map((d) => {
    const box = h('input', { type: 'checkbox', class: 'checkbox', id: `${p}-day-${d.code}` });
    box.checked = Boolean(sched?.days?.includes(d.code));
    return { d, box, label: h('label', { class: 'radio-label', for: box.id }, box, d.short) };
  });
  const days = h('fieldset', { class: 'field' }, h('legend', { class: 'field-label' }, 'On which days'),
    h('div', { class: 'radio-row' }, dayBoxes.map((b) => b.label)));
  const showDays = () => { days.hidden = cadence.value !== 'weekly'; };
  cadence.addEventListener('change', showDays);
  showDays();
  const start = h('input', { type: 'date', id: `${p}-start`, class: 'text-input text-input--short' });
  start.value = commitment?.startDate ?? localDate();
  const review = h('input', { type: 'date', id: `${p}-review`, class: 'text-input text-input--short' });
  review.value = commitment?.reviewOn ?? '';
  const label = (input, text, hint) => h('div', { class: 'field' },
    h('label', { class: 'field-label', for: input.id }, text), hint ? h('p', { class: 'field-hint' }, hint) : null, input);
  const messages = formMessages(`${p}-form`);
  const save = h('button', { type: 'submit', class: 'button button--primary' }, commitment ? 'Save changes' : 'Add it');
  const cancel = onCancel ? h('button', { type: 'button', class: 'button button--quiet' }, 'Cancel') : null;
  cancel?.addEventListener('click', onCancel);
  const form = h('form', { class: 'commitment-form', novalidate: true, 'aria-label': commitment ? 'Change the commitment' : 'A new commitment' },
    label(title, 'What is promised or agreed', 'In plain words: “I text when I leave work.”'),
    label(details, 'Details (optional)'),
    label(whose, 'Whose it is'),
    label(cadence, 'How often'),
    days,
    h('div', { class: 'inline-fields' },
      label(start, 'From'),
      label(review, 'Look at it again together on (optional)', 'Agreements work best for a set time; Hearth will remind you.')),
    messages.alert,
    h('div', { class: 'form-actions' }, save, cancel, messages.status));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (save.disabled) return;
    messages.clear();
    if (!title.value.trim()) { messages.showError('Please say what is promised or agreed.'); title.focus(); return; }
    const chosen = dayBoxes.filter((b) => b.box.checked).map((b) => b.d.code);
    if (cadence.value === 'weekly' && !chosen.length) { messages.showError('Please choose at least one day of the week.'); dayBoxes[0].box.focus(); return; }
    const input = {
      title: title.value,
      details: details.value.trim() ? details.value : null,
      owner: whose.value ? Number(whose.value) : null,
      cadence: cadence.value === 'none' ? null : toRrule({ kind: cadence.value, days: chosen }),
      startDate: start.value,
      zone: commitment?.zone ?? systemZone(),
      reviewOn: review.value || null,
    };
    save.disabled = true;
    try {
      const saved = commitment ? await api.updateCommitment(commitment.id, input) : await api.createCommitment(input);
      await onSaved(saved);
    } catch (err) {
      messages.showError(err.message);
      save.disabled = false;
    }
  });
  return { el: form, focus: () => title.focus() };
}

export async function renderCommitments({ state }) {
  const words = await commitmentWords();
  const list = h('div', { class: 'commitments-list' });
  const addSlot = h('div', {});
  const addButton = h('button', { type: 'button', class: 'button button--primary', id: 'add-commitment' }, 'Add a commitment');
  const el = h('section', { class: 'commitments', id: 'commitments', 'aria-labelledby': 'commitments-title' },
    h('h2', { id: 'commitments-title' }, 'Commitments and agreements'),
    h('p', { class: 'muted' }, 'Promises one of you makes, and agreements you make together, said out loud and for a set time. Checking one off is a small way of saying “I kept it.”'),
    h('div', { class: 'form-actions' }, addButton), addSlot, list);

  addButton.addEventListener('click', () => {
    addButton.hidden = true;
    const form = commitmentForm({
      state, words,
      onSaved: async (c) => { replaceChildren(addSlot); addButton.hidden = false; announce(`“${c.title}” is added.`); await load(); },
      onCancel: () => { replaceChildren(addSlot); addButton.hidden = false; addButton.focus(); },
    });
    replaceChildren(addSlot, form.el);
    form.focus();
  });

  function card(c) {
    const today = localDate();
    const mineToday = c.checks.some((k) => k.date === today && k.by === state.writerId);
    const anyToday = c.checks.some((k) => k.date === today);
    const messages = formMessages(`commitment-${c.id}`);
    const check = c.active ? h('button', { type: 'button', class: mineToday ? 'button button--quiet' : 'button button--primary' },
      mineToday ? 'Undo today’s check-off' : 'Kept it today') : null;
    const change = c.active ? h('button', { type: 'button', class: 'button button--quiet' }, 'Change') : null;
    const end = h('button', { type: 'button', class: 'button button--quiet' }, c.active ? 'End it' : 'Reopen');
    const act = async (button, fn, said) => {
      button.disabled = true;
      messages.clear();
      try { const next = await fn(); announce(said(next)); await load(c.id); } catch (err) { messages.showError(err.message); button.disabled = false; }
    };
    check?.addEventListener('click', () => act(check,
      () => (mineToday ? api.undoCheckOff(c.id, today) : api.checkOffCommitment(c.id, today)),
      () => (mineToday ? 'Today’s check-off is taken back.' : `“${c.title}” is checked off for today.`)));
    end.addEventListener('click', () => act(end, () => api.setCommitmentEnded(c.id, c.active),
      () => (c.active ? `“${c.title}” is ended. Its record is kept.` : `“${c.title}” is open again.`)));
    const li = h('li', { class: `commitment${c.active ? '' : ' commitment--ended'}`, 'data-commitment': c.id },
      h('h3', { class: 'commitment-title' }, c.title, c.active ? null : h('span', { class: 'badge' }, 'Ended')),
      h('p', { class: 'ritual-meta' }, owner(state, c), ' · ', c.cadenceDescription ?? 'No set rhythm',
        c.reviewOn ? ` · Look at it again on ${dayLabel(c.reviewOn, { year: true })}` : ''),
      c.details ? h('p', { class: 'muted commitment-details' }, c.details) : null,
      h('p', { class: 'commitment-follow' }, followText(c),
        anyToday ? ` · Checked off today by ${c.checks.filter((k) => k.date === today).map((k) => nameOf(state, k.by)).join(' and ')}` : ''),
      c.checks.length ? h('p', { class: 'muted' }, 'Recent: ',
        c.checks.slice(0, 5).map((k) => `${dayLabel(k.date)} (${nameOf(state, k.by)})`).join(', ')) : null,
      h('div', { class: 'form-actions' }, check, change, end), messages.alert);
    change?.addEventListener('click', () => {
      const form = commitmentForm({
        state, words, commitment: c,
        onSaved: async (saved) => { announce(`“${saved.title}” is saved.`); await load(c.id); },
        onCancel: () => load(c.id),
      });
      li.replaceChildren(form.el);
      form.focus();
    });
    return li;
  }

  async function load(focusId = null) {
    let all;
    try {
      all = await api.commitments(true);
    } catch (err) {
      replaceChildren(list, h('p', { class: 'form-alert', role: 'alert' }, err.message));
      return;
    }
    const open = all.filter((c) => c.active);
    const ended = all.filter((c) => !c.active);
    replaceChildren(list,
      open.length ? h('ul', { class: 'commitment-list', id: 'commitment-list' }, open.map(card))
        : h('p', { class: 'muted', id: 'commitments-none' }, 'No commitments yet. When one of you makes a promise, or you agree on something together, write it here so neither of you has to guess.'),
      ended.length ? h('details', { class: 'ended-commitments' }, h('summary', {}, `Ended (${number(ended.length)})`),
        h('ul', { class: 'commitment-list' }, ended.map(card))) : null);
    if (focusId) focusElement(list.querySelector(`[data-commitment="${focusId}"] button`));
  }

  await load();
  return { el };
}
