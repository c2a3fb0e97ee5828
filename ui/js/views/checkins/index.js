// The Check-ins place: this week's check-in (four ratings from 1 to 10 and
// three open questions), kept hidden from the other partner until you have
// both shared it, then shown side by side; the trend of each rating over the
// weeks as charts or a table; the weeks before; and the day weeks start on.

import { api, localDate } from '../../api.js';
import { h, announce, focusElement, replaceChildren, setCssVar, uid, setBusy, isBusy } from '../../dom.js';
import { formMessages } from '../../fields.js';
import { nameOf, partnerById } from '../../format.js';
import { otherOf, peopleChanged, writerOf } from '../../store.js';
import { authorTag, paragraphs } from '../journal/entry-view.js';
import { longTextField } from '../journal/fields.js';
import { dayLabel } from '../rituals/words.js';
import { renderTrend } from './chart.js';

const QUESTIONS = [
  { key: 'wentWell', label: 'What went well this week' },
  { key: 'wasHard', label: 'What was hard' },
  { key: 'needFromYou', label: 'What I need from you this week' },
];

const DAYS = [['Mon', 'Monday'], ['Tue', 'Tuesday'], ['Wed', 'Wednesday'], ['Thu', 'Thursday'], ['Fri', 'Friday'], ['Sat', 'Saturday'], ['Sun', 'Sunday']];

function ratingGroup(rating, value) {
  const name = uid(`rate-${rating.id}`);
  const legendId = `${name}-legend`;
  const radios = [];
  const group = h('fieldset', { class: 'field rating', 'data-rating': rating.id },
    h('legend', { class: 'field-label', id: legendId }, rating.label),
    h('div', { class: 'rating-scale' },
      h('span', { class: 'rating-end muted', 'aria-hidden': 'true' }, 'low'),
      Array.from({ length: 10 }, (_, i) => {
        const v = i + 1;
        const radio = h('input', { type: 'radio', class: 'rating-input', name, id: `${name}-${v}`, value: String(v), 'aria-label': `${rating.label}: ${v} of 10` });
        radio.checked = value === v;
        radios.push(radio);
        return h('label', { class: 'rating-option', for: radio.id }, radio, h('span', { class: 'rating-number', 'aria-hidden': 'true' }, String(v)));
      }),
      h('span', { class: 'rating-end muted', 'aria-hidden': 'true' }, 'high')));
  return { el: group, value: () => Number(radios.find((r) => r.checked)?.value ?? 0), first: radios[0] };
}

function ratingsList(words, c) {
  return h('dl', { class: 'checkin-ratings' }, words.ratings.map((r) => [
    h('dt', {}, r.label), h('dd', {}, `${c.ratings[r.id]} of 10`),
  ]));
}

function column(state, words, c, label) {
  const el = h('div', { class: 'answer checkin-column' },
    h('h3', { class: 'answer-who' }, authorTag(state, c.author), h('span', { class: 'visually-hidden' }, label)),
    ratingsList(words, c),
    c.sealed ? h('p', { class: 'entry-sealed muted' },
      `${nameOf(state, c.author)}’s written answers are sealed with their passphrase. They open for you both the next time ${nameOf(state, c.author)} unlocks Hearth.`) : null,
    QUESTIONS.map((q) => (c[q.key] ? [h('h4', { class: 'checkin-question' }, q.label), paragraphs(c[q.key])] : null)));
  setCssVar(el, '--author-color', partnerById(state, c.author)?.color);
  return el;
}

export function renderCheckins(initialState) {
  let state = initialState;
  const heading = h('h1', { id: 'checkins-title' }, 'Check-ins');
  const body = h('div', { class: 'checkins-body' }, h('p', { class: 'muted' }, 'Opening this week’s check-in…'));
  const el = h('div', { class: 'place place--wide', id: 'view-checkins', role: 'region', 'aria-labelledby': heading.id },
    h('div', { class: 'place-head' }, heading, h('p', { class: 'lead' }, 'Once a week: how are we doing?')),
    body);
  let destroyed = false;
  let loading = 0;

  function weekTitle(week) {
    return `The week of ${dayLabel(week.week)} to ${dayLabel(week.lastDay)}`;
  }

  function form(words, week) {
    const other = otherOf(state)?.name ?? 'your partner';
    const groups = words.ratings.map((r) => ratingGroup(r, week.mine?.ratings?.[r.id]));
    const fields = QUESTIONS.map((q) => longTextField({ id: `checkin-${q.key}`, label: `${q.label} (optional)`, max: words.answerMax, rows: 3, value: week.mine?.[q.key] ?? '' }));
    const messages = formMessages('checkin');
    const submit = h('button', { type: 'submit', class: 'button button--primary', id: 'checkin-submit' }, week.mine ? 'Save my changes' : 'Share my check-in');
    const f = h('form', { class: 'checkin-form', novalidate: true, 'aria-label': 'Your check-in this week' },
      h('p', { class: 'field-hint' }, '1 is very low, 10 is very good. There are no wrong answers; this is how it feels to you, this week.'),
      groups.map((g) => g.el), fields.map((x) => x.el), messages.alert,
      h('div', { class: 'form-actions' }, submit, messages.status));
    f.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (isBusy(submit)) return;
      messages.clear();
      const missing = words.ratings.findIndex((_, i) => !groups[i].value());
      if (missing >= 0) {
        messages.showError(`Please choose a number for “${words.ratings[missing].label}”.`);
        groups[missing].first.focus();
        return;
      }
      const input = Object.fromEntries(words.ratings.map((r, i) => [r.id, groups[i].value()]));
      for (const [i, q] of QUESTIONS.entries()) input[q.key] = fields[i].input.value.trim() ? fields[i].input.value : null;
      setBusy(submit, true);
      try {
        const next = await api.submitCheckin(input);
        announce(next.revealed ? `You have both shared. Here is your week side by side.` : `Your check-in is saved. It stays hidden until ${other} has shared theirs.`);
        await load({ focus: '#checkin-state' });
      } catch (err) {
        messages.showError(err.message);
        setBusy(submit, false);
      }
    });
    return f;
  }

  function thisWeek(words, week) {
    const other = otherOf(state)?.name ?? 'your partner';
    const me = writerOf(state)?.name ?? 'you';
    const parts = [h('h2', { id: 'this-week-title' }, 'This week'), h('p', { class: 'muted' }, weekTitle(week))];
    if (week.revealed) {
      parts.push(h('p', { class: 'prompt-state', id: 'checkin-state', tabindex: '-1' }, 'You have both shared this week’s check-in. Here they are, side by side.'),
        h('div', { class: 'answers', id: 'checkin-reveal' }, column(state, words, week.mine, '(your check-in)'), column(state, words, week.partner, '(their check-in)')));
    } else if (week.mine) {
      parts.push(h('p', { class: 'prompt-state prompt-state--waiting', id: 'checkin-state', tabindex: '-1' },
        `Your check-in is saved, ${me}. ${other} can’t see it yet, and you can’t see theirs: both appear together once ${other} has shared too. Until then you can still change yours.`),
      form(words, week));
    } else {
      parts.push(h('p', { class: 'prompt-state', id: 'checkin-state', tabindex: '-1' }, week.partnerHasSubmitted
        ? `${other} has shared their check-in. It stays hidden until you’ve shared yours, so each of you speaks for yourself first.`
        : 'Neither of you has checked in this week yet. What you share stays hidden until you have both shared, so each of you speaks for yourself first.'),
      form(words, week));
    }
    return h('section', { class: 'checkin-card', id: 'checkin-this-week', 'aria-labelledby': 'this-week-title' }, parts);
  }

  function historySection(words, weeks, current) {
    const past = weeks.filter((w) => w.week !== current);
    const other = otherOf(state)?.name ?? 'your partner';
    return h('section', { class: 'checkin-card', 'aria-labelledby': 'checkin-history-title' },
      h('h2', { id: 'checkin-history-title' }, 'Earlier weeks'),
      past.length ? h('ol', { class: 'checkin-history', id: 'checkin-history' }, past.map((w) => h('li', {},
        h('details', {},
          h('summary', {}, weekTitle(w), w.revealed ? '' : ' · only one of you checked in'),
          w.revealed ? h('div', { class: 'answers' }, column(state, words, w.mine, '(your check-in)'), column(state, words, w.partner, '(their check-in)'))
            : w.mine ? [h('p', { class: 'muted' }, `${other} didn’t check in that week, so yours stays just yours.`), h('div', { class: 'answers' }, column(state, words, w.mine, '(your check-in)'))]
              : h('p', { class: 'muted' }, `${other} checked in that week; it stays hidden because you didn’t.`)))))
        : h('p', { class: 'muted' }, 'Your earlier weeks will gather here.'));
  }

  function weekStartSection(words) {
    const select = h('select', { id: 'week-start', class: 'text-input text-input--short' }, DAYS.map(([v, label]) => h('option', { value: v }, label)));
    select.value = words.weekStart;
    const messages = formMessages('week-start');
    const save = h('button', { type: 'submit', class: 'button button--quiet' }, 'Save');
    const f = h('form', { class: 'week-start-form', novalidate: true },
      h('label', { class: 'field-label', for: select.id }, 'Our week starts on'),
      h('div', { class: 'search-row' }, select, save), messages.alert, messages.status);
    f.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (isBusy(save)) return;
      messages.clear();
      setBusy(save, true);
      try {
        await api.setCheckinWeekStart(select.value);
        messages.showStatus('Saved.');
        await load({ focus: '#week-start' });
      } catch (err) {
        messages.showError(err.message);
      } finally {
        setBusy(save, false);
      }
    });
    return h('section', { class: 'checkin-card', 'aria-label': 'Check-in week' }, f);
  }

  async function load({ focus = null } = {}) {
    const token = ++loading;
    let words; let week; let history; let trend;
    try {
      [words, week, history, trend] = await Promise.all([api.checkinWords(), api.checkinWeek(localDate()), api.checkinHistory(), api.checkinTrend()]);
    } catch (err) {
      if (token === loading && !destroyed) replaceChildren(body, h('p', { class: 'form-alert', role: 'alert' }, err.message));
      return;
    }
    if (token !== loading || destroyed) return;
    const hasTrend = trend.weeks.length > 0;
    replaceChildren(body,
      thisWeek(words, week),
      h('section', { class: 'checkin-card', 'aria-labelledby': 'trend-title' },
        h('h2', { id: 'trend-title' }, 'Over the weeks'),
        hasTrend ? [h('p', { class: 'muted' }, 'Trends, not verdicts: a hard week is part of the way. Your partner’s numbers appear for the weeks you both shared.'),
          renderTrend({ state, trend, ratings: words.ratings })]
          : h('p', { class: 'muted', id: 'trend-none' }, 'After your first check-in, each rating will be drawn here week by week.')),
      historySection(words, history, week.week),
      weekStartSection(words));
    if (focus) focusElement(body.querySelector(focus));
  }

  load();

  return {
    el,
    heading,
    title: 'Check-ins',
    update(next) {
      const changed = peopleChanged(state, next);
      state = next;
      if (changed) load();
    },
    destroy() { destroyed = true; },
  };
}
