// The backups half of the fake Tauri backend (see fake-tauri.js). Seed:
// cfg.backups = [{path, takenAt, reason, size, preview: {entries, rituals,
// lastEntryAt}}]; cfg.reopenOpens = true makes "Try again" find the journal.
// Like the core, only a path it listed can be previewed or restored, and a
// restore or a recovery sets the current file aside and reopens.
(() => {
  const cfg = window.__HEARTH_FAKE__ || {};
  const st = window.__HEARTH_STATE__;
  const DIR = '/home/sam/.local/share/app.hearth.desktop';
  const backups = (cfg.backups || []).map((b) => ({ size: 204800, ...b }));
  const clone = (x) => JSON.parse(JSON.stringify(x));
  const notFound = () => ({ kind: 'not_found', message: "That backup isn't in Hearth's backup folder (it may have been removed)." });
  const find = (path) => { const b = backups.find((x) => x.path === path); if (!b) throw notFound(); return b; };
  window.__restored = [];
  function ready() {
    st.phase = 'ready';
    st.problem = null;
    st.partners = st.partners.length ? st.partners : [{ id: 1, name: 'Sam', color: '#b4532a' }, { id: 2, name: 'Alex', color: '#3f6e8c' }];
    st.writerId = st.writerId ?? 1;
  }
  const report = (b) => ({ restoredFrom: b.path, takenAt: b.takenAt, setAside: `${DIR}/set-aside/hearth-20261130T220000Z.sqlite3`, beforeRestore: null, skipped: [] });
  window.__HEARTH_BACKUPS__ = {
    list_backups: () => clone(backups.map(({ preview, ...b }) => b)),
    backup_folder: () => ({ backups: `${DIR}/backups`, setAside: `${DIR}/set-aside` }),
    preview_backup({ path }) {
      const b = find(path);
      return { path, takenAt: b.takenAt, reason: b.reason, schemaVersion: 6, partners: ['Sam', 'Alex'], entries: 0, rituals: null, lastEntryAt: null, ...clone(b.preview ?? {}) };
    },
    restore_backup({ path }) {
      const b = find(path);
      if (st.phase !== 'ready') throw { kind: 'not_set_up', message: 'Set up first.' };
      window.__restored.push(path);
      return report(b);
    },
    recover_from_newest_backup() {
      const b = st.problem?.recoverable;
      if (!b) throw { kind: 'not_found', message: "There's no good backup to bring back. Your journal file was left as it is." };
      window.__restored.push(b.path);
      ready();
      return report(b);
    },
    take_snapshot() {
      const b = { path: `${DIR}/backups/hearth-20261130T230000Z-manual.sqlite3`, takenAt: '2026-11-30T23:00:00Z', reason: 'manual', size: 300 * 1024 };
      backups.unshift(b);
      return clone(b);
    },
    reopen() {
      if (cfg.reopenOpens && st.phase === 'unavailable') ready();
      return clone(st);
    },
  };
})();
