// The one door to Hearth's core. Every call goes through invoke() and every
// failure comes back as a HearthError {kind, message} whose message is
// written for people and may be shown as it is.

const FALLBACK_MESSAGE =
  "Hearth couldn't reach its own core just now. Nothing you typed was lost; please try again.";

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
  // A bare string or anything else is a shell-level failure (a missing
  // permission, a panic). Keep the detail for developers, not for people.
  console.error('Hearth command failed:', raw);
  return new HearthError('unknown', FALLBACK_MESSAGE);
}

async function call(command, args) {
  if (!hasBackend()) {
    throw new HearthError('no_backend', 'Hearth is not running here.');
  }
  try {
    return await window.__TAURI__.core.invoke(command, args);
  } catch (raw) {
    throw toHearthError(raw);
  }
}

/** A partner as the core expects it: colour only when one was chosen. */
function partnerInput({ name, color }) {
  return color ? { name, color } : { name };
}

export const api = {
  getState: () => call('get_state', {}),
  setupCouple: (partners) => call('setup_couple', { partners: partners.map(partnerInput) }),
  setWriter: (partnerId) => call('set_writer', { partnerId }),
  updatePartner: (partnerId, { name, color }) =>
    call('update_partner', color ? { partnerId, name, color } : { partnerId, name }),
};
