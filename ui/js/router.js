// Hash routing (#/today, #/journal/entry/12 …): the back key works and the
// place survives reload. A place may have a sub-path after its name.

export const PLACES = [
  { route: 'today', label: 'Today' },
  { route: 'journal', label: 'Journal' },
  { route: 'rituals', label: 'Rituals' },
  { route: 'checkins', label: 'Check-ins' },
  { route: 'settings', label: 'Settings' },
];

const DEFAULT_ROUTE = 'today';
const HASH = /^#\/([a-z-]+)(?:\/([a-z0-9/-]*))?$/;

function parse() {
  const match = HASH.exec(window.location.hash);
  const route = match?.[1];
  if (!PLACES.some((p) => p.route === route)) return { route: DEFAULT_ROUTE, sub: '' };
  return { route, sub: (match[2] ?? '').replace(/\/+$/, '') };
}

export function currentRoute() {
  return parse().route;
}

/** What follows the place in the address ("entry/12"), or "". */
export function currentSub() {
  return parse().sub;
}

export function hrefFor(route, sub = '') {
  return sub ? `#/${route}/${sub}` : `#/${route}`;
}

/** Makes the address match the route shown, without adding a history entry. */
export function normalizeHash() {
  const { route, sub } = parse();
  const wanted = hrefFor(route, sub);
  if (window.location.hash !== wanted) {
    window.history.replaceState(null, '', wanted);
  }
}

export function go(route, sub = '') {
  const wanted = hrefFor(route, sub);
  if (window.location.hash !== wanted) window.location.hash = wanted;
}

/** Calls `fn(route, sub)` on every hash change; returns a function that stops it. */
export function onRouteChange(fn) {
  const handler = () => {
    normalizeHash();
    const { route, sub } = parse();
    fn(route, sub);
  };
  window.addEventListener('hashchange', handler);
  return () => window.removeEventListener('hashchange', handler);
}
