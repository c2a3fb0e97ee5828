// Commitments and agreements, stated openly: who makes it, who added it,
// how often it is kept, when you will look at it again together, the days
// it was checked off and how often it was followed through. Ending one
// keeps its record. A promise one of you writes in the other's name is a
// proposal until its owner accepts it: only the owner sees "Accept", only
// the one who proposed it can change it (or withdraw it) meanwhile, and it
// can't be checked off yet.

import { api, localDate, systemZone } from '../../api.js';
import { h, announce, focusElement, replaceChildren, uid, setBusy, isBusy } from '../../dom.js';
import { formMessages } from '../../fields.js';
import { nameOf, number, plural } from '../../format.js';
import { fromRrule } from '../../rrule.js';
import { field, schedulePicker } from './schedule.js';
import { addDays, dayLabel, times } from './words.js';

let limits = null;
const commitmentWords = () => {
  limits ??= api.commitmentWords().catch((err) => { limits = null; throw err; });
  return limits;
};

function owner(state, c) {
  if (!c.owner) return 'An agreement you both make';
  return c.accepted ? `${nameOf(state, c.owner)}’s promise` : `Proposed as ${nameOf(state, c.owner)}’s promise`;
}

/** What a proposal waits for, said to whoever is writing. */
function proposalText(state, c) {
  const by = nameOf(state, c.addedBy);
  return c.owner === state.writerId
    ? `${by} proposed this; accept it, or talk about it first`
    : `${by} proposed this; it counts once ${nameOf(state, c.owner)} accepts it`;
}

/** Who may change it: a proposal is its proposer's, a promise its owner's. */
function mayChange(state, c) {
  if (!c.accepted) return c.addedBy === state.writerId;
  return !c.owner || c.owner === state.writerId;
}

function followText(c) {
  const f = c.followThrough;
  if (f.due === null || f.due === undefined) {
    return f.checked ? `Checked off ${times(f.checked)}` : 'Not checked off yet';
  }
  if (!f.due) return 'Its first day hasn’t come yet';
  return `Followed through on ${number(f.checked)} of ${plural(f.due, 'day', 'days')}`;
}

function commitmentForm({ state, words, commitment = null, onSaved, onCancel }) {
  const p = uid('cf');
  const title = h('input', { type: 'text', id: `${p}-title`, class: 'text-input', maxlength: words.titleMax, autocomplete: 'off' });
  title.value = commitment?.title ?? '';
  const details = h('textarea', { id: `${p}-details`, class: 'text-input text-area text-area--short', rows: 2, maxlength: words.detailsMax });
  details.value = commitment?.details ?? '';
  const whose = h('select', { id: `${p}-owner`, class: 'text-input' },
    h('option', { value: '' }, 'Both of us (an agreement)'),
    (state.partners ?? []).map((x) => h('option', { value: String(x.id) }, `${x.name} (a promise)`)));
  whose.value = String(commitment?.owner ?? '');
  const cadence = schedulePicker({ prefix: p, schedule: commitment?.cadence ? fromRrule(commitment.cadence) : null, none: true });
  const start = h('input', { type: 'date', id: `${p}-start`, class: 'text-input text-input--short' });
  start.value = commitment?.startDate ?? localDate();
  const review = h('input', { type: 'date', id: `${p}-review`, class: 'text-input text-input--short' });
  review.value = commitment?.reviewOn ?? '';
  const messages = formMessages(`${p}-form`);
  const save = h('button', { type: 'submit', class: 'button button--primary' }, commitment ? 'Save changes' : 'Add this commitment');
  const cancel = onCancel ? h('button', { type: 'button', class: 'button button--quiet' }, 'Cancel') : null;
  cancel?.addEventListener('click', onCancel);
  const form = h('form', { class: 'commitment-form', novalidate: true, 'aria-label': commitment ? 'Change the commitment' : 'A new commitment' },
    field('What is promised or agreed', title, 'In plain words: “I text when I leave work.”'),
    field('Details (optional)', details),
    field('Whose it is', whose),
    cadence.el,
    h('div', { class: 'inline-fields' },
      field('From', start),
      field('Look at it again together on (optional)', review, 'Agreements work best for a set time; Hearth will remind you.')),
    messages.alert,
    h('div', { class: 'form-actions' }, save, cancel, messages.status));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isBusy(save)) return;
    messages.clear();
    if (!title.value.trim()) { messages.showError('Please say what is promised or agreed.'); title.focus(); return; }
    const problem = cadence.problem();
    if (problem) { messages.showError(problem[0]); problem[1].focus(); return; }
    const input = {
      title: title.value,
      details: details.value.trim() ? details.value : null,
      owner: whose.value ? Number(whose.value) : null,
      cadence: cadence.rrule(),
      startDate: start.value,
      zone: commitment?.zone ?? systemZone(),
      reviewOn: review.value || null,
    };
    setBusy(save, true);
    try {
      const saved = commitment ? await api.updateCommitment(commitment.id, input) : await api.createCommitment(input);
      await onSaved(saved);
    } catch (err) {
      messages.showError(err.message);
      setBusy(save, false);
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
      onSaved: async (c) => { replaceChildren(addSlot); addButton.hidden = false; announce(`“${c.title}” is added.`); await load(c.id); },
      onCancel: () => { replaceChildren(addSlot); addButton.hidden = false; addButton.focus(); },
    });
    replaceChildren(addSlot, form.el);
    form.focus();
  });

  function card(c) {
    const today = localDate();
    const yesterday = addDays(today, -1);
    const mineToday = c.checks.some((k) => k.date === today && k.by === state.writerId);
    const anyToday = c.checks.some((k) => k.date === today);
    const messages = formMessages(`commitment-${c.id}`);
    const proposal = !c.accepted;
    const accept = c.active && proposal && c.owner === state.writerId
      ? h('button', { type: 'button', class: 'button button--primary', 'aria-label': `Accept “${c.title}”` }, 'Accept') : null;
    const check = c.active && !proposal ? h('button', { type: 'button', class: mineToday ? 'button button--quiet' : 'button button--primary' },
      mineToday ? 'Undo today’s check-off' : 'Kept it today') : null;
    const change = c.active && mayChange(state, c) ? h('button', { type: 'button', class: 'button button--quiet', 'aria-label': `Change “${c.title}”` }, 'Change') : null;
    // For the one who proposed it, ending a proposal is taking it back.
    const withdraw = c.active && proposal && c.addedBy === state.writerId;
    const endWord = !c.active ? 'Reopen' : withdraw ? 'Withdraw it' : 'End it';
    const end = h('button', { type: 'button', class: 'button button--quiet', 'aria-label': `${endWord}: “${c.title}”` }, endWord);
    const act = async (button, fn, said, focus = null) => {
      if (isBusy(button)) return;
      setBusy(button, true);
      messages.clear();
      try { const next = await fn(); announce(said(next)); await load(c.id, focus); } catch (err) { messages.showError(err.message); setBusy(button, false); }
    };
    check?.addEventListener('click', () => act(check,
      () => (mineToday ? api.undoCheckOff(c.id, today) : api.checkOffCommitment(c.id, today)),
      () => (mineToday ? 'Today’s check-off is taken back.' : `“${c.title}” is checked off for today.`)));
    end.addEventListener('click', () => act(end, () => api.setCommitmentEnded(c.id, c.active),
      () => (!c.active ? `“${c.title}” is open again.`
        : withdraw ? `“${c.title}” is withdrawn. Its record is kept.` : `“${c.title}” is ended. Its record is kept.`)));
    accept?.addEventListener('click', () => act(accept, () => api.acceptCommitment(c.id),
      () => `You accepted “${c.title}”. It counts from now on.`));

    // A day that was kept but not marked at the time: any day from the start
    // up to yesterday (the core checks it is one of the cadence's days).
    let earlier = null;
    if (c.active && !proposal && c.startDate <= yesterday) {
      const day = h('input', { type: 'date', id: `commitment-${c.id}-earlier`, class: 'text-input text-input--short', min: c.startDate, max: yesterday });
      day.value = yesterday;
      const mark = h('button', { type: 'button', class: 'button button--quiet' }, 'Check off that day');
      mark.addEventListener('click', () => {
        if (!day.value) { messages.clear(); messages.showError('Please choose the day it was kept.'); day.focus(); return; }
        const date = day.value;
        act(mark, () => api.checkOffCommitment(c.id, date), () => `“${c.title}” is checked off for ${dayLabel(date)}.`,
          `[data-check="${date}"] button`);
      });
      earlier = h('details', { class: 'commitment-earlier' },
        h('summary', {}, 'Kept it on a day you didn’t mark?'),
        h('div', { class: 'commitment-earlier-row' }, field('Which day', day), mark));
    }

    // The last few check-offs; your own from before today can be taken back
    // here (today's has its own button above).
    const recent = c.checks.slice(0, 5).map((k) => {
      let takeBack = null;
      if (c.active && k.by === state.writerId && k.date !== today) {
        takeBack = h('button', { type: 'button', class: 'button button--quiet button--small', 'aria-label': `Take back the check-off for ${dayLabel(k.date)}` }, 'Take back');
        takeBack.addEventListener('click', () => act(takeBack, () => api.undoCheckOff(c.id, k.date),
          () => `The check-off for ${dayLabel(k.date)} is taken back.`));
      }
      return h('li', { 'data-check': k.date }, `${dayLabel(k.date)} · ${nameOf(state, k.by)}`, takeBack);
    });
    const li = h('li', { class: `commitment${c.active ? '' : ' commitment--ended'}`, 'data-commitment': c.id },
      h('h3', { class: 'commitment-title' }, c.title, c.active ? null : h('span', { class: 'badge' }, 'Ended')),
      h('p', { class: 'ritual-meta' }, owner(state, c), ' · ', c.cadenceDescription ?? 'No set rhythm',
        c.reviewOn ? ` · Look at it again on ${dayLabel(c.reviewOn, { year: true })}` : ''),
      h('p', { class: 'muted commitment-added' }, `Added by ${nameOf(state, c.addedBy)}`),
      c.details ? h('p', { class: 'muted commitment-details' }, c.details) : null,
      proposal && c.active ? h('p', { class: 'commitment-proposal' }, proposalText(state, c)) : null,
      proposal ? null : h('p', { class: 'commitment-follow' }, followText(c),
        anyToday ? ` · Checked off today by ${c.checks.filter((k) => k.date === today).map((k) => nameOf(state, k.by)).join(' and ')}` : ''),
      recent.length ? h('p', { class: 'commitment-checks-label', id: `commitment-${c.id}-recent` }, 'Lately checked off') : null,
      recent.length ? h('ul', { class: 'commitment-checks', 'aria-labelledby': `commitment-${c.id}-recent` }, recent) : null,
      h('div', { class: 'form-actions' }, accept, check, change, end), earlier, messages.alert);
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

  async function load(focusId = null, focusSelector = null) {
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
    const where = focusId ? list.querySelector(`[data-commitment="${focusId}"]`) : null;
    if (where) focusElement((focusSelector && where.querySelector(focusSelector)) || where.querySelector('.form-actions button'));
  }

  await load();
  return { el };
}
