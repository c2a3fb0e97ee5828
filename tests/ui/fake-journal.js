// The journal half of the fake Tauri backend (see fake-tauri.js). Loaded
// after it; reads the same seed (window.__HEARTH_FAKE__) and state.
(() => {
  const cfg = window.__HEARTH_FAKE__ || {};
  const st = window.__HEARTH_STATE__;
  const FEELINGS = ['hopeful', 'grateful', 'calm', 'close', 'proud', 'unsure', 'anxious', 'hurt', 'sad', 'frustrated'];
  const PARTS = [
    { key: 'whatIDid', label: 'What I did', helper: 'Say plainly what happened.' },
    { key: 'howItAffectedYou', label: 'How it affected you', helper: 'Say what it did to them.' },
    { key: 'whatIFeel', label: 'What I feel about it', helper: 'Say how you feel.' },
    { key: 'whatIWillDoDifferently', label: 'What I will do differently', helper: 'Say what will change.' },
  ];
  const PROMPTS = [
    { id: 'trust-01', category: 'trust_and_repair', text: 'What helped you feel safe with me this week?', custom: false, addedBy: null },
    { id: 'hope-01', category: 'hopes', text: 'What small thing are you looking forward to?', custom: false, addedBy: null },
    ...(cfg.prompts || []),
  ];
  const bad = (message) => ({ kind: 'invalid_input', message });
  const notFound = () => ({ kind: 'not_found', message: "That entry isn't here. It may have been moved to the trash." });
  const now = () => new Date().toISOString();
  const clone = (x) => JSON.parse(JSON.stringify(x));
  let nextId = 1;
  const entries = (cfg.entries || []).map((e) => ({
    id: nextId++, uid: `u${nextId}`, kind: 'note', title: null, feeling: null, tags: [], visibility: 'shared',
    promptId: null, promptDate: null, repair: null, createdAt: now(), createdOffset: 0, updatedAt: now(),
    updatedOffset: 0, edited: false, deletedAt: null, reads: [], ...e,
  }));
  const replies = [];
  const drafts = new Map(Object.entries(cfg.drafts || {}));
  const thanks = (cfg.appreciations || []).map((a, i) => ({ id: i + 1, readAt: null, createdAt: now(), createdOffset: 0, ...a }));
  let daily = null;
  const me = () => st.writerId;
  const answered = (date, who) => entries.some((e) => e.promptDate === date && e.author === who);
  const visible = (e) => !e.deletedAt && (e.author === me()
    || (e.visibility === 'shared' && (!e.promptDate || answered(e.promptDate, me()))));
  // Like the core: an entry comes with the words of its prompt, if it has one.
  const promptText = (id) => (id ? PROMPTS.find((p) => p.id === id)?.text ?? null : null);
  const shown = (e) => ({ ...clone(e), promptText: promptText(e.promptId), replyCount: replies.filter((r) => r.entryId === e.id).length });
  const find = (id) => { const e = entries.find((x) => x.id === id); if (!e || !visible(e)) throw notFound(); return e; };
  const own = (id) => { const e = find(id); if (e.author !== me()) throw { kind: 'not_allowed', message: 'Only its author can change an entry.' }; return e; };
  function checkBody(body, what = 'The entry') {
    const v = String(body ?? '').trim();
    if (!v) throw bad(`${what} is empty.`);
    if ([...v].length > 100000) throw bad(`${what} is too long.`);
    return v;
  }
  const fields = (input) => ({
    title: input.title?.trim() || null, body: checkBody(input.body), feeling: input.feeling || null,
    tags: [...new Set((input.tags || []).map((t) => t.trim().toLowerCase()).filter(Boolean))].sort(),
    visibility: input.visibility === 'private' ? 'private' : 'shared',
  });
  function add(kind, f, extra = {}) {
    const e = { id: nextId++, uid: `u${nextId}`, kind, author: me(), promptId: null, promptDate: null, repair: null,
      createdAt: now(), createdOffset: 0, updatedAt: now(), updatedOffset: 0, edited: false, deletedAt: null, reads: [], ...f, ...extra };
    entries.push(e);
    return e;
  }
  const newestFirst = () => entries.filter(visible).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id));
  function segments(text, word) {
    const i = text.toLowerCase().indexOf(word.toLowerCase());
    const from = Math.max(0, i - 40);
    const out = [];
    if (i > from) out.push({ text: text.slice(from, i), hit: false });
    out.push({ text: text.slice(i, i + word.length), hit: true });
    out.push({ text: text.slice(i + word.length, i + word.length + 60), hit: false });
    return out;
  }
  function dailyView() {
    const mine = entries.find((e) => e.promptDate === daily.date && e.author === me() && !e.deletedAt);
    const theirs = entries.find((e) => e.promptDate === daily.date && e.author !== me() && !e.deletedAt);
    return clone({ date: daily.date, prompt: PROMPTS.find((p) => p.id === daily.promptId),
      myAnswer: mine ? shown(mine) : null, partnerAnswer: mine && theirs ? shown(theirs) : null, partnerHasAnswered: Boolean(theirs) });
  }
  const refreshDaily = (date) => { if (!daily || daily.date !== date) daily = { date, promptId: cfg.prompt || PROMPTS[0].id }; };
  const mark = (id) => { const e = find(id); if (e.author === me()) throw bad('This is your own entry.'); if (!e.reads.some((r) => r.reader === me())) e.reads.push({ reader: me(), readAt: now(), readOffset: 0 }); return shown(e); };

  window.__HEARTH_JOURNAL__ = {
    journal_words: () => ({ feelings: FEELINGS, repairParts: PARTS,
      categories: [{ id: 'trust_and_repair', label: 'Trust and repair' }, { id: 'hopes', label: 'Hopes' }],
      bodyMax: 100000, titleMax: 120, tagsMax: 10, tagMax: 30, promptMax: 300, appreciationMax: 280 }),
    timeline({ query = {}, jumpTo }) {
      let list = newestFirst();
      if (query.author) list = list.filter((e) => e.author === query.author);
      if (query.feeling) list = list.filter((e) => e.feeling === query.feeling);
      if (query.tag) list = list.filter((e) => e.tags.includes(query.tag));
      if (query.promptId) list = list.filter((e) => e.promptId === query.promptId);
      if (jumpTo) list = list.filter((e) => e.createdAt.slice(0, 10) <= jumpTo);
      const start = query.cursor ? Number(query.cursor) : 0;
      const limit = query.limit || 20;
      const page = list.slice(start, start + limit);
      return { entries: page.map(shown), nextCursor: start + limit < list.length ? String(start + limit) : null };
    },
    get_entry: ({ id }) => shown(find(id)),
    get_thread: ({ id }) => ({ entry: shown(find(id)), replies: clone(replies.filter((r) => r.entryId === id)) }),
    create_entry: ({ input }) => shown(add('note', fields(input))),
    edit_entry({ id, input }) {
      const e = own(id);
      Object.assign(e, fields(input), { updatedAt: now(), edited: true });
      return shown(e);
    },
    create_repair({ input }) {
      const repair = Object.fromEntries(PARTS.map((p) => [p.key, checkBody(input[p.key], p.label)]));
      return shown(add('repair', { ...fields({ ...input, body: Object.values(repair).join('\n\n') }), repair }));
    },
    reply({ entryId, body }) {
      const e = find(entryId);
      if (e.visibility === 'private') throw bad('This entry is private, so it has no replies.');
      const r = { id: replies.length + 1, uid: `r${replies.length}`, entryId, author: me(), body: checkBody(body, 'The reply'), createdAt: now(), createdOffset: 0 };
      replies.push(r);
      return clone(r);
    },
    mark_read: ({ entryId }) => mark(entryId),
    unread_count: () => entries.filter((e) => visible(e) && e.author !== me() && !e.reads.some((r) => r.reader === me())).length,
    delete_entry({ id }) { const e = own(id); e.deletedAt = now(); return clone(e); },
    restore_entry({ id }) {
      const e = entries.find((x) => x.id === id && x.author === me() && x.deletedAt);
      if (!e) throw notFound();
      e.deletedAt = null;
      return shown(e);
    },
    list_trash: () => entries.filter((e) => e.deletedAt && e.author === me()).map(shown),
    empty_trash() {
      const gone = entries.filter((e) => e.deletedAt && e.author === me());
      for (const e of gone) entries.splice(entries.indexOf(e), 1);
      return gone.length;
    },
    search_journal({ query }) {
      const word = String(query ?? '').trim().split(/\s+/)[0];
      if (!word) throw bad('Please type a word or two to search for.');
      return newestFirst().filter((e) => `${e.title ?? ''} ${e.body}`.toLowerCase().includes(word.toLowerCase()))
        .map((e) => ({ entry: shown(e), snippet: segments(e.body.toLowerCase().includes(word.toLowerCase()) ? e.body : e.title, word) }));
    },
    save_draft({ key, content }) { drafts.set(`${me()}:${key}`, { key, content: clone(content), savedAt: now() }); return drafts.get(`${me()}:${key}`); },
    get_draft: ({ key }) => clone(drafts.get(`${me()}:${key}`) ?? null),
    clear_draft({ key }) { drafts.delete(`${me()}:${key}`); return null; },
    list_prompts: () => clone(PROMPTS),
    add_prompt({ category, text }) {
      const t = String(text ?? '').trim();
      if (!t) throw bad('The prompt is empty.');
      if ([...t].length > 300) throw bad('The prompt is too long; please keep it to 300 characters.');
      if (!['trust_and_repair', 'how_we_are_doing', 'appreciation', 'memories', 'hopes', 'hard_conversations'].includes(category)) {
        throw bad('Please pick one of the prompt categories.');
      }
      const p = { id: `custom-${PROMPTS.length + 1}`, category, text: t, custom: true, addedBy: me() };
      PROMPTS.push(p);
      return clone(p);
    },
    report_ready: () => null,
    prompt_of_the_day({ date }) { refreshDaily(date); return dailyView(); },
    skip_prompt({ date }) {
      refreshDaily(date);
      if (entries.some((e) => e.promptDate === date)) throw bad('This prompt already has an answer, so it stays for this day.');
      daily.promptId = PROMPTS.find((p) => p.id !== daily.promptId).id;
      return dailyView();
    },
    answer_prompt({ date, input }) {
      refreshDaily(date);
      if (answered(date, me())) throw bad("You've already answered this prompt.");
      add('answer', fields({ ...input, visibility: 'shared' }), { promptId: daily.promptId, promptDate: date });
      return dailyView();
    },
    appreciate({ text }) {
      const t = String(text ?? '').trim();
      if (!t) throw bad('The thank-you is empty.');
      const a = { id: thanks.length + 1, from: me(), to: 3 - me(), text: t, createdAt: now(), createdOffset: 0, readAt: null };
      thanks.push(a);
      return clone(a);
    },
    unread_appreciations: () => clone(thanks.filter((a) => a.to === me() && !a.readAt)),
    mark_appreciation_read({ id }) { const a = thanks.find((x) => x.id === id); a.readAt = now(); return clone(a); },
    // "Export everything": a path, or null when window.__dialogClosed says
    // the person closed the save dialog; progress goes to the channel.
    export_everything({ date, progress }) {
      if (window.__dialogClosed) return null;
      progress?.onmessage?.({ stage: 'reading', done: 0, total: 40 });
      progress?.onmessage?.({ stage: 'reading', done: 40, total: 40 });
      return `/home/sam/Documents/Hearth export ${date}.json`;
    },
    export_markdown: ({ date }) => (window.__dialogClosed ? null : `/home/sam/Documents/Hearth memory book ${date}.md`),
    // A Hearth export, as raw bytes (like import_journal); the progress
    // channel's id in a header.
    import_everything(bytes, { headers = {} } = {}) {
      if (!(bytes instanceof Uint8Array)) throw bad("Hearth didn't receive the file the way it expected, so nothing was changed. Please choose the file again.");
      let file;
      try { file = JSON.parse(new TextDecoder().decode(bytes)); } catch { throw bad("This file isn't a Hearth export (it can't be read as JSON). Nothing was changed."); }
      if (file.format !== 'hearth-export') throw bad("This file isn't a Hearth export, so it can't be imported. Nothing was changed.");
      window.__importHeaders = headers;
      // Into a Hearth not yet set up, a file with a couple sets it up.
      const coupleSetUp = st.phase === 'setup' && Array.isArray(file.partners);
      if (coupleSetUp) {
        st.partners = file.partners.map((p, i) => ({ id: i + 1, name: p.name, color: p.color }));
        st.writerId = 1; st.phase = 'ready';
      }
      return { entriesAdded: 12, entriesAlreadyHere: 40, answersSkipped: 0, repliesAdded: 3, readsAdded: 0, appreciationsAdded: 0, promptsAdded: 0, daysAdded: 0, coupleSetUp,
        ritualsAdded: 2, outcomesAdded: 9, checkinsAdded: 4, commitmentsAdded: 1, checkOffsAdded: 5, draftsAdded: 0, settingsAdded: 0, remindersAdded: 0 };
    },
    // The encrypted backup: saved like an export (a path, or null when the
    // dialog was closed); brought back as raw bytes with the passphrase
    // percent-encoded in a header. "Hearth backup" bytes open with
    // "a quiet morning walk"; anything else isn't a backup.
    save_encrypted_backup({ passphrase, repeat, date }) {
      if (!String(passphrase ?? '').trim()) throw bad('Please choose a passphrase.');
      if (passphrase.length < 8) throw bad('Please use at least 8 characters; a few words you’ll remember work well.');
      if (passphrase !== repeat) throw bad('The two passphrases aren’t the same. Please type it again in both fields.');
      if (window.__dialogClosed) return null;
      return `/home/sam/Documents/Hearth backup ${date}.hearthbackup`;
    },
    import_encrypted_backup(bytes, { headers = {} } = {}) {
      if (!(bytes instanceof Uint8Array)) throw bad("Hearth didn't receive the file the way it expected, so nothing was changed. Please choose the file again.");
      window.__backupHeaders = headers;
      if (new TextDecoder().decode(bytes.slice(0, 13)) !== 'Hearth backup') {
        throw bad("This file isn't an encrypted Hearth backup. Please choose the file Hearth saved (its name ends in .hearthbackup). Nothing was changed.");
      }
      if (decodeURIComponent(headers['hearth-passphrase'] ?? '') !== 'a quiet morning walk') {
        throw bad('That passphrase doesn’t open this backup. Please check it and try again: it is the one chosen when the backup was saved. Nothing was changed.');
      }
      st.partners = [{ id: 1, name: 'Robin', color: '#7b5675' }, { id: 2, name: 'Kit', color: '#3f6e8c' }];
      st.writerId = 1; st.phase = 'ready';
      return clone(st);
    },
    // Another app's journal, as raw bytes with the choices in headers. A zip
    // ("PK…") is a Day One export of 12 entries; JSON with "tags" a jrnl
    // export of 3, a second time already here; anything else is refused.
    import_journal(bytes, { headers = {} } = {}) {
      if (!(bytes instanceof Uint8Array)) throw bad("Hearth didn't receive the file the way it expected, so nothing was changed. Please choose the file again.");
      const visibility = headers['hearth-visibility'] === 'shared' ? 'shared' : 'private';
      const none = { photos: 0, audio: 0, videos: 0, pdfs: 0, places: 0, weather: 0, stars: 0 };
      const report = { author: me(), visibility, entriesAlreadyHere: 0, entriesSplit: 0, entriesWithoutWords: 0, tagsShortened: 0, tagsLeftOut: 0 };
      if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
        return { ...report, app: 'day_one', entriesAdded: 12, leftBehind: { ...none, photos: 3, places: 5 } };
      }
      let file = null;
      try { file = JSON.parse(new TextDecoder().decode(bytes)); } catch { /* refused below */ }
      if (!file || !Array.isArray(file.entries) || !file.tags) {
        throw bad("Hearth can't read this file as a journal. It reads Day One's JSON export (the .zip with Journal.json inside) and jrnl's JSON export. Nothing was changed.");
      }
      const fresh = !window.__jrnlImported;
      window.__jrnlImported = true;
      return { ...report, app: 'jrnl', entriesAdded: fresh ? 3 : 0, entriesAlreadyHere: fresh ? 0 : 3, leftBehind: { ...none, stars: 1 } };
    },
  };
})();
