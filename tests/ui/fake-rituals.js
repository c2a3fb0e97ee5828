// The rituals, check-ins and commitments half of the fake Tauri backend (see
// fake-tauri.js). Loaded after fake-journal.js, whose command table it adds
// to. Seed: window.__HEARTH_FAKE__.rituals = [{title, …RitualInput}],
// .checkins = [{author, week, ratings, …}], .commitments = [...].
// It follows the core's rules the page relies on: every ritual here falls on
// every day (a plain FREQ=DAILY is all the fake understands for "today"), an agenda
// item carries its occurrence's fields flat (as the core's serde(flatten)), a check-in
// stays hidden from the other partner until both have shared that week, the
// run counts done days and a milestone is "just reached" at 7 kept; a promise
// written in the other partner's name is a proposal until its owner accepts
// it (only its proposer changes it meanwhile, and it can't be checked off),
// and an accepted promise is its owner's to change.
(() => {
  const cfg = window.__HEARTH_FAKE__ || {};
  const st = window.__HEARTH_STATE__;
  const table = window.__HEARTH_JOURNAL__;
  const bad = (message) => ({ kind: 'invalid_input', message });
  const clone = (x) => JSON.parse(JSON.stringify(x));
  const pad = (n) => String(n).padStart(2, '0');
  const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const today = () => iso(new Date());
  const me = () => st.writerId;
  const TEMPLATES = [
    { id: 'morning-coffee', title: 'Morning coffee together', intention: 'A few quiet minutes side by side.', schedule: 'FREQ=DAILY', time: '07:30', durationMinutes: 15, reminderLeadMinutes: 5, description: 'Every day at 07:30' },
    { id: 'evening-walk', title: 'Evening walk', intention: 'Walking side by side makes it easier to talk.', schedule: 'FREQ=WEEKLY;BYDAY=TU,TH,SU', time: '19:00', durationMinutes: 30, reminderLeadMinutes: 10, description: 'Every Tuesday, Thursday and Sunday at 19:00' },
  ];
  const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const describe = (rule, time) => {
    const every = /INTERVAL=(\d+)/.exec(rule)?.[1];
    if (/FREQ=DAILY/.test(rule)) return every ? `Every ${every} days at ${time}` : `Every day at ${time}`;
    if (/FREQ=YEARLY/.test(rule)) {
      const month = MONTH_NAMES[Number(/BYMONTH=(\d+)/.exec(rule)[1]) - 1];
      const day = Math.max(...(/BYMONTHDAY=([\d,]+)/.exec(rule)[1].split(',').map(Number)));
      return `Every year on ${day} ${month} at ${time}`;
    }
    if (/FREQ=MONTHLY/.test(rule) && every) return `Every ${every} months at ${time}`;
    if (/FREQ=WEEKLY/.test(rule)) return `Every week on ${rule.replace(/.*BYDAY=/, '')} at ${time}`;
    return `Once a month at ${time}`;
  };
  // A few of the core's zone aliases (schedule/zone_aliases.rs).
  const ALIASES = { 'Asia/Calcutta': 'Asia/Kolkata', 'Europe/Kiev': 'Europe/Kyiv', 'US/Eastern': 'America/New_York' };
  const city = (zone) => zone.split('/').pop().replace(/_/g, ' ');
  let nextRitual = 1;
  const rituals = [];
  const outcomes = new Map(); // `${id}:${date}` -> outcome
  function checkInput(input) {
    const title = String(input.title ?? '').trim();
    if (!title) throw bad("The ritual's name can't be empty.");
    if ([...title].length > 80) throw bad("The ritual's name is too long.");
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(String(input.time))) throw bad(`“${input.time}” isn't a time of day. Please use hours and minutes, like 07:30.`);
    const zones = [...Intl.supportedValuesOf('timeZone'), 'UTC', Intl.DateTimeFormat().resolvedOptions().timeZone];
    if (!zones.includes(String(input.zone))) throw bad(`Hearth doesn't know the time zone “${input.zone}”.`);
    if (/INTERVAL=(0|-)/.test(input.schedule)) throw bad('A ritual repeats every 1 to 52 weeks.');
    // The core's rule (schedule/rrule.rs): days 29 to 31 are written so every
    // calendar app lands on the month's last day; a bare one is refused.
    const bare = /BYMONTHDAY=(\d+)(;|$)/.exec(input.schedule);
    if (/FREQ=MONTHLY/.test(input.schedule) && bare && Number(bare[1]) >= 29 && !/BYSETPOS=-1/.test(input.schedule)) {
      throw bad(`This repeat rule can't be used: BYMONTHDAY=${bare[1]} skips months without a ${bare[1]}th.`);
    }
    // A yearly date is one its month has, and 29 February is written so
    // calendar apps land on 28 February in other years.
    const yearly = /FREQ=YEARLY;BYMONTH=(\d+);BYMONTHDAY=(\d+)(;|$)/.exec(input.schedule);
    if (yearly) {
      const [month, day] = [Number(yearly[1]), Number(yearly[2])];
      const longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
      if (!longest) throw bad(`A year has no month ${month}. Please choose a month from 1 (January) to 12 (December).`);
      if (month === 2 && day === 29) throw bad("This repeat rule can't be used: BYMONTHDAY=29 in February skips the years without a 29 February.");
      if (day < 1 || day > longest) {
        throw bad(`${MONTH_NAMES[month - 1]} has no day ${day}. Please choose a day from 1 to ${longest}.`);
      }
    }
    if (input.endDate && input.endDate < input.startDate) throw bad('The end date is before the start date. Please choose an end on or after the start.');
    return title;
  }
  function make(input, templateId = null) {
    const title = checkInput(input);
    return {
      id: nextRitual++, uid: `r${nextRitual}`, title, intention: input.intention ?? null, schedule: input.schedule,
      time: input.time, zone: ALIASES[input.zone] ?? input.zone, zoneCity: city(ALIASES[input.zone] ?? input.zone), durationMinutes: input.durationMinutes, startDate: input.startDate,
      endDate: input.endDate ?? null, forPartner: input.forPartner ?? null, active: true, archivedAt: null,
      reminderLeadMinutes: input.reminderLeadMinutes ?? 0, templateId, description: describe(input.schedule, input.time),
      createdBy: me(), createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
      next: nextOf(input),
    };
  }
  // Like the core: the next time is today's if its time is still ahead.
  function nextOf(input) {
    const now = new Date();
    const hhmm = `${pad(now.getHours())}:${pad(now.getMinutes())}`;
    let date = input.startDate > today() ? input.startDate : today();
    if (date === today() && input.time < hhmm) {
      const at = new Date();
      at.setDate(at.getDate() + 1);
      date = iso(at);
    }
    return { date, time: input.time, at: `${date}T${input.time}:00Z` };
  }
  for (const { keptDays = 0, ...r } of cfg.rituals || []) {
    const made = make({ schedule: 'FREQ=DAILY', time: '08:00', zone: 'Europe/Berlin', durationMinutes: 15, startDate: today(), ...r });
    rituals.push(made);
    // keptDays: that many days before today marked done, by partner 1.
    for (let i = 1; i <= keptDays; i += 1) {
      const at = new Date();
      at.setDate(at.getDate() - i);
      outcomes.set(`${made.id}:${iso(at)}`, { status: 'done', by: 1, note: null, journalEntryId: null, recordedAt: at.toISOString() });
    }
  }
  const live = (id) => {
    const r = rituals.find((x) => x.id === id);
    if (!r) throw { kind: 'not_found', message: "That ritual isn't here." };
    return r;
  };
  const view = (r, date) => {
    const outcome = outcomes.get(`${r.id}:${date}`) ?? null;
    const state = outcome ? outcome.status : date < today() ? 'missed' : date === today() ? 'due' : 'upcoming';
    return { ritualId: r.id, date, at: `${date}T${r.time}:00Z`, localTime: r.time, state, outcome: clone(outcome) };
  };
  const falls = (r) => r.active && !r.archivedAt && r.schedule === 'FREQ=DAILY';
  function consistencyOf(r) {
    const kept = [...outcomes.entries()].filter(([k, o]) => k.startsWith(`${r.id}:`) && o.status === 'done').length;
    const skipped = [...outcomes.entries()].filter(([k, o]) => k.startsWith(`${r.id}:`) && o.status === 'skipped').length;
    const share = { kept, counted: kept, share: kept ? 1 : null };
    return {
      currentRun: kept, longestRun: kept, kept, skipped, last4Weeks: share, last12Weeks: share,
      milestones: { reached: [7, 30, 100].filter((m) => kept >= m), justReached: [7, 30, 100].includes(kept) ? kept : null, next: [7, 30, 100].find((m) => m > kept) ?? null },
      summary: kept ? `You've kept this ${kept} times.` : 'Nothing kept yet; every ritual starts with a first time.',
    };
  }
  function record(id, date, status, note) {
    const r = live(id);
    if (r.archivedAt) throw { kind: 'not_found', message: "That ritual isn't here." };
    if (status === 'done' && date > today()) throw bad(`“${r.title}” hasn't come yet.`);
    outcomes.set(`${id}:${date}`, { status, by: me(), note: note && note.trim() ? note : null, journalEntryId: null, recordedAt: new Date().toISOString() });
    return view(r, date);
  }

  // --- check-ins ---
  const checkins = (cfg.checkins || []).map((c) => ({ wentWell: null, wasHard: null, needFromYou: null, submittedAt: new Date().toISOString(), submittedOffset: 0, ...c }));
  let weekStart = 'Mon';
  const RATINGS = [['trust', 'Trust'], ['safety', 'Feeling safe'], ['closeness', 'Closeness'], ['communication', 'Communication']];
  function weekOf(date) {
    const [y, m, d] = date.split('-').map(Number);
    const at = new Date(y, m - 1, d);
    const back = (at.getDay() + 6) % 7; // Monday weeks
    const first = new Date(y, m - 1, d - back);
    const last = new Date(y, m - 1, d - back + 6);
    return [iso(first), iso(last)];
  }
  function weekView(week, last) {
    const rows = checkins.filter((c) => c.week === week);
    const revealed = rows.length === 2;
    return {
      week, lastDay: last ?? weekOf(week)[1],
      mine: clone(rows.find((c) => c.author === me()) ?? null),
      partner: revealed ? clone(rows.find((c) => c.author !== me())) : null,
      partnerHasSubmitted: rows.some((c) => c.author !== me()),
      revealed,
    };
  }

  // --- commitments ---
  let nextCommitment = 1;
  const commitments = [];
  const shownCommitment = (c) => ({ ...clone(c), followThrough: { checked: new Set(c.checks.map((k) => k.date)).size, due: c.cadence && c.accepted ? Math.max(1, c.checks.length) : null, share: null } });
  const notAllowed = (message) => ({ kind: 'not_allowed', message });
  const isProposal = (ownerId) => Boolean(ownerId) && ownerId !== me();

  Object.assign(table, {
    ritual_words: () => ({ templates: clone(TEMPLATES), titleMax: 80, intentionMax: 280, noteMax: 2000, durationMax: 600, leadMax: 1440, milestones: [7, 30, 100], agendaDays: 7 }),
    list_rituals: ({ includeArchived }) => clone(rituals.filter((r) => includeArchived || !r.archivedAt)),
    get_ritual: ({ id }) => clone(live(id)),
    create_ritual_from_template({ templateId, zone, today: start }) {
      const t = TEMPLATES.find((x) => x.id === templateId);
      if (!t) throw { kind: 'not_found', message: "Hearth doesn't have that ritual idea." };
      const r = make({ ...t, zone, startDate: start }, t.id);
      rituals.push(r);
      return clone(r);
    },
    create_ritual({ input }) { const r = make(input); rituals.push(r); return clone(r); },
    preview_ritual({ input }) {
      const r = make(input);
      nextRitual -= 1;
      return { schedule: r.schedule, description: r.description, zone: { name: r.zone, city: r.zoneCity }, next: r.next };
    },
    update_ritual({ id, input }) {
      const r = live(id);
      const next = make(input, r.templateId);
      nextRitual -= 1;
      Object.assign(r, { ...next, id: r.id, uid: r.uid, createdBy: r.createdBy, active: r.active });
      return clone(r);
    },
    set_ritual_active({ id, active }) { const r = live(id); r.active = active; return clone(r); },
    archive_ritual({ id }) { const r = live(id); r.archivedAt = new Date().toISOString(); return clone(r); },
    restore_ritual({ id }) { const r = live(id); r.archivedAt = null; return clone(r); },
    mark_ritual_done({ ritualId, date, note, toJournal }) {
      const v = record(ritualId, date, 'done', note);
      if (toJournal && v.outcome.note) {
        const o = outcomes.get(`${ritualId}:${date}`);
        o.journalEntryId = table.create_entry({ input: { title: live(ritualId).title, body: o.note, tags: ['ritual'], visibility: toJournal } }).id;
        return view(live(ritualId), date);
      }
      return v;
    },
    skip_ritual: ({ ritualId, date, reason }) => record(ritualId, date, 'skipped', reason),
    undo_ritual_outcome({ ritualId, date }) {
      const r = live(ritualId);
      if (!outcomes.delete(`${ritualId}:${date}`)) throw { kind: 'not_found', message: 'Nothing is recorded, so there is nothing to undo.' };
      return view(r, date);
    },
    ritual_history({ ritualId, from, to }) {
      const r = live(ritualId);
      const out = [];
      for (let d = from; d <= to; d = iso(new Date(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8)) + 1))) {
        if (d >= r.startDate && /FREQ=DAILY/.test(r.schedule)) out.push(view(r, d));
      }
      return out;
    },
    ritual_consistency() {
      const list = rituals.filter((r) => !r.archivedAt).map((r) => ({ ritualId: r.id, title: r.title, ...consistencyOf(r) }));
      const kept = list.reduce((n, c) => n + c.kept, 0);
      const overall = consistencyOf({ id: -1 });
      Object.assign(overall, { kept, currentRun: kept, longestRun: kept, summary: kept ? `Together you've kept ${kept} rituals.` : 'Nothing kept yet.' });
      overall.milestones = { reached: [], justReached: [7, 30, 100].includes(kept) ? kept : null, next: 7 };
      return { overall, rituals: list };
    },
    one_ritual_consistency: ({ ritualId }) => { const r = live(ritualId); return { ritualId, title: r.title, ...consistencyOf(r) }; },
    rituals_today: ({ date }) => ({
      date,
      items: rituals.filter(falls).map((r) => ({ title: r.title, intention: r.intention, forPartner: r.forPartner, durationMinutes: r.durationMinutes, zone: r.zone, viewerTime: r.time, ...view(r, date) })),
    }),
    ritual_agenda({ from, days }) {
      const out = [];
      for (let i = 0; i < days; i += 1) {
        const [y, m, d] = from.split('-').map(Number);
        const date = iso(new Date(y, m - 1, d + i));
        out.push({ date, items: rituals.filter(falls).map((r) => ({ title: r.title, intention: r.intention, forPartner: r.forPartner, durationMinutes: r.durationMinutes, zone: r.zone, viewerTime: r.time, ...view(r, date) })) });
      }
      return out;
    },
    export_rituals_ics: ({ date }) => `/home/sam/Documents/Hearth rituals ${date}.ics`,

    checkin_words: () => ({ ratings: RATINGS.map(([id, label]) => ({ id, label })), answerMax: 5000, weekStart }),
    submit_checkin({ date, input }) {
      const ratings = {};
      for (const [id, label] of RATINGS) {
        const v = Number(input[id]);
        if (!Number.isInteger(v) || v < 1 || v > 10) throw bad(`${label} is rated from 1 to 10, so ${input[id]} doesn't work.`);
        ratings[id] = v;
      }
      const [week, last] = weekOf(date);
      const rows = checkins.filter((c) => c.week === week);
      if (rows.length === 2) throw bad('You have both shared this week already.');
      const mine = rows.find((c) => c.author === me());
      const row = { author: me(), week, ratings, wentWell: input.wentWell ?? null, wasHard: input.wasHard ?? null, needFromYou: input.needFromYou ?? null, submittedAt: new Date().toISOString(), submittedOffset: 0 };
      if (mine) Object.assign(mine, row); else checkins.push(row);
      return weekView(week, last);
    },
    checkin_week: ({ date }) => { const [w, l] = weekOf(date); return weekView(w, l); },
    checkin_history: () => [...new Set(checkins.map((c) => c.week))].sort().reverse().map((w) => weekView(w)),
    checkin_trend() {
      const visible = checkins.filter((c) => c.author === me() || checkins.filter((o) => o.week === c.week).length === 2);
      const weeks = [...new Set(visible.map((c) => c.week))].sort();
      const series = [me(), 3 - me()].flatMap((partner) => RATINGS.map(([rating, label]) => ({
        partner, rating, label,
        points: visible.filter((c) => c.author === partner).sort((a, b) => (a.week < b.week ? -1 : 1)).map((c) => ({ week: c.week, value: c.ratings[rating] })),
      })));
      return { weeks, series };
    },
    set_checkin_week_start({ start }) { weekStart = start; return start; },

    commitment_words: () => ({ titleMax: 120, detailsMax: 2000, noteMax: 280 }),
    create_commitment({ input }) {
      const title = String(input.title ?? '').trim();
      if (!title) throw bad("The commitment can't be empty.");
      const c = { id: nextCommitment++, uid: `c${nextCommitment}`, ...input, title, cadenceDescription: input.cadence ? describe(input.cadence, '').replace(/ at $/, '') : null, endedOn: null, active: true, addedBy: me(), accepted: !isProposal(input.owner), checks: [] };
      commitments.push(c);
      return shownCommitment(c);
    },
    update_commitment({ id, input }) {
      const c = commitments.find((x) => x.id === id);
      if (!c.accepted && c.addedBy !== me()) throw notAllowed('Accept it first, and then it’s yours to change.');
      if (c.accepted && c.owner && c.owner !== me()) throw notAllowed('Only its owner can change this promise.');
      if (isProposal(input.owner) && c.addedBy !== me()) throw notAllowed('A promise in your partner’s name is theirs to make.');
      Object.assign(c, input, { accepted: !isProposal(input.owner) });
      return shownCommitment(c);
    },
    accept_commitment({ id }) {
      const c = commitments.find((x) => x.id === id);
      if (c.accepted) return shownCommitment(c);
      if (c.owner !== me()) throw notAllowed('Only its owner can accept it.');
      if (!c.active) throw bad('This proposal has ended. Reopen it first if you’d like to take it on.');
      c.accepted = true;
      return shownCommitment(c);
    },
    list_commitments: ({ includeEnded }) => commitments.filter((c) => includeEnded || c.active).map(shownCommitment),
    check_off_commitment({ id, date, note }) {
      const c = commitments.find((x) => x.id === id);
      if (date > today()) throw bad('Check-offs are for today or earlier.');
      if (!c.accepted) throw bad('This is still a proposal. It can be checked off once it’s accepted.');
      c.checks.unshift({ date, by: me(), note: note ?? null, recordedAt: new Date().toISOString() });
      return shownCommitment(c);
    },
    undo_check_off({ id, date }) { const c = commitments.find((x) => x.id === id); c.checks = c.checks.filter((k) => !(k.date === date && k.by === me())); return shownCommitment(c); },
    set_commitment_ended({ id, ended }) { const c = commitments.find((x) => x.id === id); c.active = !ended; c.endedOn = ended ? today() : null; return shownCommitment(c); },
  });
})();
