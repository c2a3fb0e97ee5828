// Hash routing (#/today …): the back key works and the place survives reload.

export const PLACES = [
  { route: 'today', label: 'Today' },
  { route: 'journal', label: 'Journal' },
  { route: 'rituals', label: 'Rituals' },
  { route: 'checkins', label: 'Check-ins' },
  { route: 'settings', label: 'Settings' },
];

const DEFAULT_ROUTE = 'today';

export function currentRoute() {
  const match = /^#\/([a-z-]+)$/.exec(window.location.hash);
  const route = match?.[1];
  return PLACES.some((p) => p.route === route) ? route : DEFAULT_ROUTE;
}

export function hrefFor(route) {
  return `#/${route}`;
}

/** Makes the address match the route shown, without adding a history entry. */
export function normalizeHash() {
  const wanted = hrefFor(currentRoute());
  if (window.location.hash !== wanted) {
    window.history.replaceState(null, '', wanted);
  }
}

export function go(route) {
  const wanted = hrefFor(route);
  if (window.location.hash !== wanted) window.location.hash = wanted;
}

/** Calls `fn(route)` on every hash change; returns a function that stops it. */
export function onRouteChange(fn) {
  const handler = () => {
    normalizeHash();
    fn(currentRoute());
  };
  window.addEventListener('hashchange', handler);
  return () => window.removeEventListener('hashchange', handler);
}
