// The one door to Hearth's core. Every call goes through invoke() and every
// failure comes back as a HearthError {kind, message} whose message is
// written for people and may be shown as it is.

const FALLBACK_MESSAGE =
  "Hearth couldn't reach its own core just now. Nothing you typed was lost; please try again.";

const REFUSED_ARGS_MESSAGE =
  "Hearth couldn't read that request, so nothing was changed. Please try again.";

export class HearthError extends Error {
  constructor(kind, message) {
    super(message);
    this.name = 'HearthError';
    this.kind = kind;
  }
}

/** True when the page runs inside the Hearth app (withGlobalTauri). */
export function hasBackend() {
  return typeof window.__TAURI__?.core?.invoke === 'function';
}

function toHearthError(raw) {
  if (raw instanceof HearthError) return raw;
  if (raw && typeof raw === 'object' && typeof raw.message === 'string' && raw.message.trim()) {
    const kind = typeof raw.kind === 'string' ? raw.kind : 'unknown';
    return new HearthError(kind, raw.message);
  }
  // Tauri itself refuses arguments that don't fit a command's types before
  // Hearth's core sees them; nothing was changed, so say so plainly.
  if (typeof raw === 'string' && /^invalid args `|missing required key /.test(raw)) {
    console.error('Hearth command refused its arguments:', raw);
    return new HearthError('invalid_input', REFUSED_ARGS_MESSAGE);
  }
  // A bare string or anything else is a shell-level failure (a missing
  // permission, a panic). Keep the detail for developers, not for people.
  console.error('Hearth command failed:', raw);
  return new HearthError('unknown', FALLBACK_MESSAGE);
}

async function call(command, args, options) {
  if (!hasBackend()) {
    throw new HearthError('no_backend', 'Hearth is not running here.');
  }
  try {
    return await window.__TAURI__.core.invoke(command, args, options);
  } catch (raw) {
    throw toHearthError(raw);
  }
}

/** A partner as the core expects it: colour only when one was chosen. */
function partnerInput({ name, color }) {
  return color ? { name, color } : { name };
}

/** The local UTC offset in minutes (east positive), as the core wants it. */
export function offsetMinutes(at = new Date()) {
  return -at.getTimezoneOffset();
}

/** The local date as YYYY-MM-DD. */
export function localDate(at = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

const withOffset = (args) => ({ ...args, offsetMinutes: offsetMinutes() });

/** The system's IANA time zone ("Europe/Berlin"); UTC when the system has none. */
export function systemZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** A Channel whose messages go to `onProgress` (null outside the app). */
function progressChannel(onProgress) {
  const Channel = window.__TAURI__?.core?.Channel;
  if (typeof Channel !== 'function') return null;
  const channel = new Channel();
  channel.onmessage = (p) => onProgress?.(p);
  return channel;
}

export const api = {
  getState: () => call('get_state', {}),
  // The first question: {state, today} (today: Today's cards, or null when
  // Today isn't what is shown first: setup, a locked writer, no journal).
  // The shell reads the system's zone itself, so the first screen wakes no
  // Intl locale data in the page.
  firstScreen: () => call('first_screen', { date: localDate() }),
  setupCouple: (partners) => call('setup_couple', { partners: partners.map(partnerInput) }),
  setWriter: (partnerId) => call('set_writer', { partnerId }),
  // Passphrases (Settings → Privacy, switching, the locked screen).
  setPassphrase: (passphrase, repeat) => call('set_passphrase', { passphrase, repeat }),
  changePassphrase: (current, passphrase, repeat) => call('change_passphrase', { current, passphrase, repeat }),
  removePassphrase: (current) => call('remove_passphrase', { current }),
  unlock: (partnerId, passphrase) => call('unlock', { partnerId, passphrase }),
  lockNow: () => call('lock_now', {}),
  // Locking: the window is in use; "Lock after" and what locked reminders say.
  noteActivity: () => call('note_activity', {}),
  lockSettings: () => call('lock_settings', {}),
  setLockAfter: (minutes) => call('set_lock_after', { minutes }),
  setLockedNotice: (notice) => call('set_locked_notice', { notice }),
  // Lock Hearth: the whole journal encrypted at rest (a couple setting).
  lockHearthState: () => call('lock_hearth_state', {}),
  setLockHearth: (on, otherPassphrase) => call('set_lock_hearth', { on, otherPassphrase }),
  // The recovery key, as shown once, saved where the person chooses; the path or null.
  saveRecoveryKey: (recoveryKey) => call('save_recovery_key', { recoveryKey, date: localDate() }),
  resetPassphrase: (partnerId, recoveryKey, passphrase, repeat) =>
    call('reset_passphrase', { partnerId, recoveryKey, passphrase, repeat }),
  updatePartner: (partnerId, { name, color }) =>
    call('update_partner', color ? { partnerId, name, color } : { partnerId, name }),

  // The journal. The viewer is always the partner writing now (the core decides).
  journalWords: () => call('journal_words', {}),
  timeline: (query, jumpTo = null) =>
    call('timeline', jumpTo ? withOffset({ query, jumpTo }) : { query }),
  entry: (id) => call('get_entry', { id }),
  thread: (id) => call('get_thread', { id }),
  createEntry: (input) => call('create_entry', withOffset({ input })),
  editEntry: (id, input) => call('edit_entry', withOffset({ id, input })),
  createRepair: (input) => call('create_repair', withOffset({ input })),
  editRepair: (id, input) => call('edit_repair', withOffset({ id, input })),
  reply: (entryId, body) => call('reply', withOffset({ entryId, body })),
  markRead: (entryId) => call('mark_read', withOffset({ entryId })),
  unreadCount: () => call('unread_count', {}),
  deleteEntry: (id) => call('delete_entry', { id }),
  restoreEntry: (id) => call('restore_entry', { id }),
  trash: () => call('list_trash', {}),
  emptyTrash: () => call('empty_trash', {}),
  search: (query, limit) => call('search_journal', limit ? { query, limit } : { query }),
  saveDraft: (key, content) => call('save_draft', { key, content }),
  draft: (key) => call('get_draft', { key }),
  clearDraft: (key) => call('clear_draft', { key }),

  // Prompts and thank-yous.
  prompts: () => call('list_prompts', {}),
  addPrompt: (category, text) => call('add_prompt', { category, text }),
  promptOfTheDay: (date = localDate()) => call('prompt_of_the_day', { date }),
  skipPrompt: (date = localDate()) => call('skip_prompt', { date }),
  answerPrompt: (date, input) => call('answer_prompt', withOffset({ date, input })),
  appreciate: (text) => call('appreciate', withOffset({ text })),
  unreadAppreciations: () => call('unread_appreciations', {}),
  markAppreciationRead: (id) => call('mark_appreciation_read', { id }),

  // Export and import. An export asks where to save (the desktop's dialog,
  // opened by the core) and returns the path it wrote, or null when the
  // person closed the dialog. `onProgress` gets {stage, done, total}.
  exportEverything: (includePrivate, onProgress) => call('export_everything', {
    options: { includePrivate }, date: localDate(), progress: progressChannel(onProgress),
  }),
  exportMarkdown: (includePrivate) => call('export_markdown', { options: { includePrivate }, date: localDate() }),
  // A Hearth export's bytes go as the raw body, like a journal's below; the
  // progress channel travels in a header.
  importEverything: (bytes, onProgress) => {
    const channel = progressChannel(onProgress);
    const id = typeof channel?.toJSON === 'function' ? channel.toJSON() : null;
    return call('import_everything', bytes, { headers: id ? { 'hearth-progress': id } : {} });
  },
  // A journal from another app: the file's bytes go as the call's raw body
  // (not JSON), the choices as headers (see commands/exchange.rs).
  importJournal: (bytes, visibility) => call('import_journal', bytes, {
    headers: { 'hearth-visibility': visibility, 'hearth-zone': systemZone() },
  }),

  // Rituals. `date` is a local date (YYYY-MM-DD); `zone` the system's IANA zone.
  ritualWords: () => call('ritual_words', {}),
  rituals: (includeArchived = false) => call('list_rituals', { includeArchived }),
  ritual: (id) => call('get_ritual', { id }),
  addRitualFromTemplate: (templateId) =>
    call('create_ritual_from_template', { templateId, zone: systemZone(), today: localDate() }),
  createRitual: (input) => call('create_ritual', { input }),
  previewRitual: (input) => call('preview_ritual', { input }),
  updateRitual: (id, input) => call('update_ritual', { id, input }),
  setRitualActive: (id, active) => call('set_ritual_active', { id, active }),
  archiveRitual: (id) => call('archive_ritual', { id }),
  restoreRitual: (id) => call('restore_ritual', { id }),
  markRitualDone: (ritualId, date, note = null, toJournal = null) =>
    call('mark_ritual_done', withOffset({ ritualId, date, note, toJournal })),
  skipRitual: (ritualId, date, reason = null) => call('skip_ritual', { ritualId, date, reason }),
  undoRitualOutcome: (ritualId, date) => call('undo_ritual_outcome', { ritualId, date }),
  ritualHistory: (ritualId, from, to) => call('ritual_history', { ritualId, from, to }),
  consistency: () => call('ritual_consistency', {}),
  ritualConsistency: (ritualId) => call('one_ritual_consistency', { ritualId }),
  ritualsToday: () => call('rituals_today', { date: localDate(), zone: systemZone() }),
  agenda: (days = 7) => call('ritual_agenda', { from: localDate(), zone: systemZone(), days }),
  exportRitualsIcs: () => call('export_rituals_ics', { date: localDate() }),

  // Weekly check-ins and commitments.
  checkinWords: () => call('checkin_words', {}),
  submitCheckin: (input) => call('submit_checkin', withOffset({ date: localDate(), input })),
  checkinWeek: (date = localDate()) => call('checkin_week', { date }),
  checkinHistory: (limit) => call('checkin_history', limit ? { limit } : {}),
  checkinTrend: () => call('checkin_trend', {}),
  setCheckinWeekStart: (start) => call('set_checkin_week_start', { start }),
  commitmentWords: () => call('commitment_words', {}),
  createCommitment: (input) => call('create_commitment', { input }),
  updateCommitment: (id, input) => call('update_commitment', { id, input }),
  commitments: (includeEnded = false) => call('list_commitments', { includeEnded }),
  checkOffCommitment: (id, date = localDate(), note = null) => call('check_off_commitment', { id, date, note }),
  undoCheckOff: (id, date = localDate()) => call('undo_check_off', { id, date }),
  setCommitmentEnded: (id, ended) => call('set_commitment_ended', { id, ended }),
  acceptCommitment: (id) => call('accept_commitment', { id }),
  // Reminders: settings, snooze, pause, the banner's answers, start at login.
  reminderSettings: () => call('reminder_settings', {}),
  pauseReminders: (pause) => call('pause_reminders', { pause }),
  resumeReminders: () => call('resume_reminders', {}),
  setQuietHours: (start, end) => call('set_quiet_hours', start ? { start, end } : {}),
  setReminderGrace: (minutes) => call('set_reminder_grace', { minutes }),
  setCheckinReminder: ({ enabled, weekday, time }) =>
    call('set_checkin_reminder', { enabled, weekday, time }),
  setStartAtLogin: (enabled) => call('set_start_at_login', { enabled }),
  snoozeReminder: (key, minutes) => call('snooze_reminder', { key, minutes }),
  answerReminder: (key, skip) => call('answer_reminder', { key, skip }),
  /** Opens the channel banners arrive on; `onMessage` gets each message. */
  watchReminders: (onMessage) => {
    const Channel = window.__TAURI__?.core?.Channel;
    if (typeof Channel !== 'function') return Promise.reject(new HearthError('no_backend', 'Hearth is not running here.'));
    const channel = new Channel();
    channel.onmessage = onMessage;
    return call('watch_reminders', { channel });
  },
  quitHearth: () => call('quit_hearth', {}),
  // Startup benchmark: the first screen is painted (a no-op unless asked).
  reportReady: (page) => call('report_ready', { page }),
  // Backups (verified snapshots), restore, and a journal that couldn't be
  // opened. Paths sent back are only ones list_backups or the problem gave.
  listBackups: () => call('list_backups', {}),
  backupFolder: () => call('backup_folder', {}),
  previewBackup: (path) => call('preview_backup', { path }),
  restoreBackup: (path) => call('restore_backup', { path }),
  recoverFromNewestBackup: () => call('recover_from_newest_backup', {}),
  reopen: () => call('reopen', {}),
  takeSnapshot: () => call('take_snapshot', {}),

  // Two laptops. "Choose a sync folder" opens the desktop's folder dialog
  // (from the core, like the exports' save dialog): the path, or null when
  // the dialog was closed.
  pickSyncFolder: () => call('pick_sync_folder', {}),
  // The rest answer SyncState {folder, thisDevice, devices, notes, lastExchange},
  // except the pairing code ({code, expiresAt}) and joining (the app's state).
  syncState: () => call('sync_state', {}),
  chooseSyncFolder: (path) => call('choose_sync_folder', { path }),
  makePairingCode: () => call('make_pairing_code', {}),
  joinJournal: (path, code) => call('join_journal', { path, code }),
  removeDevice: (device) => call('remove_device', { device }),
  syncNow: () => call('sync_now', {}),
  stopSyncing: () => call('stop_syncing', {}),
  // The encrypted backup file: the whole journal sealed under a passphrase
  // chosen now, saved where the person chooses; the path or null.
  saveEncryptedBackup: (passphrase, repeat) =>
    call('save_encrypted_backup', { passphrase, repeat, date: localDate() }),
  // On a new laptop: the file's bytes as the body (not JSON), the passphrase
  // percent-encoded in a header (see commands/backup_file.rs). Answers the state.
  importEncryptedBackup: (bytes, passphrase) => call('import_encrypted_backup', bytes, {
    headers: { 'hearth-passphrase': encodeURIComponent(passphrase) },
  }),
};

let words = null;
/** The journal's fixed words and limits (feelings, repair parts…), asked once. */
export function journalWords() {
  words ??= api.journalWords().catch((err) => { words = null; throw err; });
  return words;
}
