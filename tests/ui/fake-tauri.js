// An in-memory stand-in for the Hearth command contract (docs/ARCHITECTURE.md).
// Seed it with window.__HEARTH_FAKE__ = {phase, partners, writerId, problem,
// entries, drafts, appreciations, prompt, passphrases: {id: passphrase},
// unlocked}. A partner with a passphrase is become only by unlocking (the
// core's rule), and the state is locked while the writer has one untyped. The journal part follows the core's
// rules that the page relies on: the viewer is always the writer, a private
// entry is shown only to its author, an answer only once both answered,
// nothing in the trash is listed or searched, snippets are [{text, hit}].
// Set window.__failNext = {kind, message} to make the next command reject,
// or window.__failing = {command: {kind, message}} to make those commands
// reject until it is cleared (a full disk).
// Every call is recorded in window.__calls as [command, args, options]
// (options: the headers a raw-body call carries); window.__inflight
// counts the calls not answered yet.
(() => {
  const cfg = window.__HEARTH_FAKE__ || {};
  const PALETTE = ['#b4532a', '#3f6e8c'];
  const st = {
    phase: cfg.phase || 'setup',
    partners: cfg.partners || [],
    writerId: cfg.writerId ?? null,
    dataDir: '/home/sam/.local/share/app.hearth.desktop',
    databasePath: '/home/sam/.local/share/app.hearth.desktop/hearth.sqlite3',
    problem: cfg.problem || null,
  };
  const passphrases = { ...(cfg.passphrases || {}) };
  // A lock reloads the page; the fake, like the core, stays locked across it.
  let unlocked = sessionStorage.getItem('hearth-fake-locked') ? null : (cfg.unlocked ?? null);
  const lockSettings = { lockAfter: {}, lockAfterChoices: [5, 10, 30], lockedNotice: 'private' };
  const lockView = () => ({ ...lockSettings, lockAfter: lockSettings.lockAfter[st.writerId] === undefined ? 10 : lockSettings.lockAfter[st.writerId] });
  const RECOVERY = '7K2M-9QXD-4HBT-0WSA-PZ8N-3CEF-MV6R-1JYG';
  const has = (id) => id in passphrases;
  // Lock Hearth: on, and closed (nobody writing) after a lock, like the core.
  let lockHearth = Boolean(cfg.lockHearth || sessionStorage.getItem('hearth-fake-lock-hearth'));
  if (lockHearth && unlocked == null) st.writerId = null;
  const snap = () => {
    const withPassphrase = st.partners.map((p) => p.id).filter(has);
    st.privacy = {
      withPassphrase, unlocked, lockHearth,
      locked: lockHearth ? unlocked == null : has(st.writerId) && unlocked !== st.writerId,
    };
    return JSON.parse(JSON.stringify(st));
  };
  const nameOf = (id) => st.partners.find((p) => p.id === id)?.name;
  function checkNew(passphrase, repeat) {
    if (!passphrase) throw bad('Please choose a passphrase.');
    if (!passphrase.trim()) throw bad('A passphrase of only spaces would be easy to guess. Please use some words.');
    if ([...passphrase].length < 8) throw bad('Please use at least 8 characters; a few words you’ll remember work well.');
    if (passphrase !== repeat) throw bad('The two passphrases aren’t the same. Please type it again in both fields.');
  }
  const wrong = (what) => ({ kind: 'not_allowed', message: `${what} Please try again.` });
  const bad = (message) => ({ kind: 'invalid_input', message });
  function checkName(raw, what) {
    const v = String(raw ?? '').trim();
    if (!v) throw bad(`${what} can't be empty.`);
    const n = [...v].length;
    if (n > 40) throw bad(`${what} is ${n} characters long; please keep it to 40.`);
    return v;
  }
  const calls = (window.__calls = []);
  window.__inflight = 0;
  async function invoke(cmd, args, options) {
    window.__inflight += 1;
    try { return await answer(cmd, args, options); } finally { window.__inflight -= 1; }
  }
  async function answer(cmd, args, options) {
    calls.push(options === undefined ? [cmd, args] : [cmd, args, options]);
    await new Promise((r) => setTimeout(r, 30));
    if (window.__failNext) { const f = window.__failNext; window.__failNext = null; throw f; }
    if (window.__failing?.[cmd]) throw window.__failing[cmd];
    switch (cmd) {
      case 'get_state': return snap();
      // As the core: the state, and Today's cards from the same answers the
      // separate commands give (a failing one fails the whole question);
      // nothing but the state before setup or while the writer is locked.
      case 'first_screen': {
        const state = snap();
        const part = window.__HEARTH_JOURNAL__;
        if (state.phase !== 'ready' || state.privacy.locked || !part?.rituals_today) return { state, today: null };
        const ask = (command, a = {}) => {
          if (window.__failing?.[command]) throw window.__failing[command];
          return part[command](a);
        };
        const { date } = args;
        const zone = args.zone ?? 'Europe/Berlin';
        const words = ask('journal_words');
        const prompt = ask('prompt_of_the_day', { date });
        return {
          state,
          today: {
            date,
            rituals: ask('rituals_today', { date, zone }),
            consistency: ask('ritual_consistency'),
            prompt,
            promptCategory: words.categories.find((c) => c.id === prompt.prompt.category)?.label ?? '',
            answerDraft: ask('get_draft', { key: `answer:${date}` }),
            thanks: ask('unread_appreciations'),
            unread: ask('unread_count'),
            limits: { bodyMax: words.bodyMax, appreciationMax: words.appreciationMax, noteMax: ask('ritual_words').noteMax },
          },
        };
      }
      case 'setup_couple': {
        if (st.phase !== 'setup') throw { kind: 'invalid_input', message: 'Already set up.' };
        const [a, b] = args.partners;
        const na = checkName(a.name, 'Your name'); const nb = checkName(b.name, "Your partner's name");
        if (na === nb) throw bad('The two names need to differ.');
        st.partners = [{ id: 1, name: na, color: a.color || PALETTE[0] }, { id: 2, name: nb, color: b.color || PALETTE[1] }];
        st.writerId = 1; st.phase = 'ready';
        return snap();
      }
      case 'set_writer': {
        if (!st.partners.some((p) => p.id === args.partnerId)) throw { kind: 'not_found', message: 'No such partner.' };
        if (has(args.partnerId) && unlocked !== args.partnerId) {
          throw { kind: 'not_allowed', message: `${nameOf(args.partnerId)} has a passphrase. Please type it to switch.` };
        }
        if (unlocked !== args.partnerId) unlocked = null;
        st.writerId = args.partnerId; return snap();
      }
      case 'unlock': {
        if (!args.passphrase) throw bad('Please type your passphrase.');
        if (passphrases[args.partnerId] !== args.passphrase) {
          throw wrong(`That passphrase didn’t open ${nameOf(args.partnerId)}’s pages.`);
        }
        sessionStorage.removeItem('hearth-fake-locked');
        unlocked = args.partnerId; st.writerId = args.partnerId; return snap();
      }
      case 'lock_now':
        unlocked = null; sessionStorage.setItem('hearth-fake-locked', '1');
        if (lockHearth) st.writerId = null;
        return snap();
      case 'lock_hearth_state': {
        const other = st.partners.find((p) => p.id !== st.writerId);
        return { on: lockHearth, missingPassphrase: st.partners.filter((p) => !has(p.id)).map((p) => p.name), other: other?.id ?? null, copies: 2 };
      }
      case 'set_lock_hearth': {
        const other = st.partners.find((p) => p.id !== st.writerId);
        if (!st.partners.every((p) => has(p.id))) throw bad('Lock Hearth needs a passphrase for each of you.');
        if (passphrases[other.id] !== args.otherPassphrase) throw wrong(`That passphrase isn’t ${other.name}’s.`);
        lockHearth = args.on;
        if (lockHearth) sessionStorage.setItem('hearth-fake-lock-hearth', '1');
        else sessionStorage.removeItem('hearth-fake-lock-hearth');
        return { on: lockHearth, copiesConverted: 2, copiesLeft: [] };
      }
      case 'note_activity': return null;
      case 'save_recovery_key': {
        if (args.recoveryKey !== RECOVERY) throw bad('That isn’t your recovery key, so it wasn’t saved.');
        return `/home/sam/Documents/Hearth recovery key.txt`;
      }
      case 'lock_settings': return lockView();
      case 'set_lock_after': {
        if (args.minutes != null && ![5, 10, 30].includes(args.minutes)) throw bad('Hearth can lock after 5, 10 or 30 minutes, or never.');
        lockSettings.lockAfter[st.writerId] = args.minutes;
        return lockView();
      }
      case 'set_locked_notice': lockSettings.lockedNotice = args.notice; return lockView();
      case 'set_passphrase': {
        if (has(st.writerId)) throw bad('You already have a passphrase.');
        checkNew(args.passphrase, args.repeat);
        passphrases[st.writerId] = args.passphrase; unlocked = st.writerId;
        return { recoveryKey: RECOVERY, state: snap() };
      }
      case 'change_passphrase': {
        checkNew(args.passphrase, args.repeat);
        if (passphrases[st.writerId] !== args.current) throw wrong('That isn’t your current passphrase.');
        passphrases[st.writerId] = args.passphrase; return snap();
      }
      case 'remove_passphrase': {
        if (passphrases[st.writerId] !== args.current) throw wrong('That isn’t your current passphrase.');
        delete passphrases[st.writerId]; unlocked = null; return snap();
      }
      case 'reset_passphrase': {
        checkNew(args.passphrase, args.repeat);
        if (args.recoveryKey.toUpperCase().replace(/[\s-]/g, '') !== RECOVERY.replace(/-/g, '')) {
          throw wrong(`That recovery key doesn’t open ${nameOf(args.partnerId)}’s pages.`);
        }
        passphrases[args.partnerId] = args.passphrase; unlocked = args.partnerId; st.writerId = args.partnerId;
        return snap();
      }
      case 'update_partner': {
        const p = st.partners.find((x) => x.id === args.partnerId);
        if (!p) throw { kind: 'not_found', message: 'No such partner.' };
        const n = checkName(args.name, 'Name');
        const other = st.partners.find((x) => x.id !== args.partnerId);
        if (other && other.name === n) throw bad('The two names need to differ.');
        if (args.color && !/^#[0-9a-f]{6}$/i.test(args.color)) throw bad('That colour is not one Hearth knows.');
        p.name = n; if (args.color) p.color = args.color; return snap();
      }
      default: {
        for (const part of [window.__HEARTH_JOURNAL__, window.__HEARTH_BACKUPS__, window.__HEARTH_SYNC__]) {
          if (part && cmd in part) return part[cmd](args ?? {}, options ?? {});
        }
        throw `command ${cmd} not allowed`;
      }
    }
  }
  window.__TAURI__ = { core: { invoke } };
  window.__HEARTH_STATE__ = st;
  // The state as a command answers it (the two-laptops part's join answers it too).
  window.__HEARTH_SNAP__ = snap;
})();
