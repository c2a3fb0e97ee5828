// An in-memory stand-in for the Hearth command contract (docs/ARCHITECTURE.md).
// Seed it with window.__HEARTH_FAKE__ = {phase, partners, writerId, problem,
// entries, drafts, appreciations, prompt}. The journal part follows the core's
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
  const snap = () => JSON.parse(JSON.stringify(st));
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
        st.writerId = args.partnerId; return snap();
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
        for (const part of [window.__HEARTH_JOURNAL__, window.__HEARTH_BACKUPS__]) {
          if (part && cmd in part) return part[cmd](args ?? {}, options ?? {});
        }
        throw `command ${cmd} not allowed`;
      }
    }
  }
  window.__TAURI__ = { core: { invoke } };
  window.__HEARTH_STATE__ = st;
})();
