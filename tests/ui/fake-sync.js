// The two-laptops half of the fake Tauri backend (see fake-tauri.js). Seed:
// cfg.sync = {folder, devices, notes, lastExchange}; cfg.pickFolder = the
// path the folder dialog answers (null: the person closed it). Like the
// core: a pairing code only with a folder, joining only before setup and
// only with the code made on the other laptop (cfg.pairingCode), this
// laptop can't be removed, and stopping forgets the folder.
(() => {
  const cfg = window.__HEARTH_FAKE__ || {};
  const st = window.__HEARTH_STATE__;
  const THIS = { id: 'dev-this', name: 'Sam’s laptop', lastHeard: null, removed: false, thisLaptop: true };
  const seed = cfg.sync || {};
  const sync = {
    folder: seed.folder ?? null,
    thisDevice: THIS.id,
    devices: seed.devices ?? (seed.folder ? [THIS] : []),
    notes: seed.notes ?? [],
    lastExchange: seed.lastExchange ?? null,
  };
  const CODE = cfg.pairingCode ?? 'K7P-4QX-9MT';
  const clone = (x) => JSON.parse(JSON.stringify(x));
  const bad = (message) => ({ kind: 'invalid_input', message });
  window.__HEARTH_SYNC__ = {
    pick_sync_folder: () => (cfg.pickFolder === undefined ? '/home/sam/Sync/Hearth' : cfg.pickFolder),
    sync_state: () => clone(sync),
    choose_sync_folder({ path }) {
      if (!path) throw bad('Please choose a folder.');
      sync.folder = path;
      if (!sync.devices.some((d) => d.thisLaptop)) sync.devices.unshift({ ...THIS });
      return clone(sync);
    },
    make_pairing_code() {
      if (!sync.folder) throw bad('Please choose a sync folder first.');
      return { code: CODE, expiresAt: new Date(Date.now() + 10 * 60_000).toISOString() };
    },
    join_journal({ path, code }) {
      if (st.phase !== 'setup') throw bad('This laptop already keeps a journal.');
      if (!path) throw bad('Please choose the sync folder.');
      const norm = (c) => String(c).toUpperCase().replace(/[^A-Z0-9]/g, '');
      if (norm(code) !== norm(CODE)) {
        throw { kind: 'not_allowed', message: 'That pairing code doesn’t match the one the other laptop made. Please check it, or make a new one there.' };
      }
      sync.folder = path;
      sync.devices = [{ ...THIS }, { id: 'dev-other', name: 'Alex’s laptop', lastHeard: new Date().toISOString(), removed: false, thisLaptop: false }];
      st.phase = 'ready';
      st.partners = [{ id: 1, name: 'Sam', color: '#b4532a' }, { id: 2, name: 'Alex', color: '#3f6e8c' }];
      st.writerId = 1;
      return window.__HEARTH_SNAP__();
    },
    remove_device({ device }) {
      const d = sync.devices.find((x) => x.id === device);
      if (!d) throw { kind: 'not_found', message: 'Hearth doesn’t know that laptop.' };
      if (d.thisLaptop) throw { kind: 'not_allowed', message: 'This laptop can’t remove itself; choose “Stop syncing” instead.' };
      d.removed = true;
      return clone(sync);
    },
    sync_now() {
      if (!sync.folder) throw bad('Please choose a sync folder first.');
      sync.lastExchange = new Date().toISOString();
      return clone(sync);
    },
    stop_syncing() {
      sync.folder = null;
      sync.devices = [];
      sync.notes = [];
      sync.lastExchange = null;
      return clone(sync);
    },
  };
})();
