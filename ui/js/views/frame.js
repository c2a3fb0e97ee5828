// The app frame once the couple is set up: header with who is writing,
// navigation between the five places, and the place itself.

import { api } from '../api.js';
import { h, announce, focusElement, replaceChildren, setCssVar } from '../dom.js';
import { alertSlot } from '../fields.js';
import { PLACES, currentRoute, currentSub, hrefFor, go, onRouteChange, normalizeHash } from '../router.js';
import { flushDrafts } from '../drafts.js';
import { store, writerOf, otherOf } from '../store.js';
import { renderPlace } from './places.js';
import { renderToday } from './today/index.js';
import { reminderBanner } from '../reminder-banner.js';
import { canLock, lockNow } from '../lock.js';

// Today is the first screen and comes with the page. The journal, the
// rituals, the check-ins and Settings (dozens of modules between them) are fetched the first time they
// are visited: the first paint waits for fewer files (docs/PERFORMANCE.md).
const LAZY = {
  journal: () => import('./journal/index.js').then((m) => m.renderJournal),
  settings: () => import('./settings.js').then((m) => m.renderSettings),
  rituals: () => import('./rituals/index.js').then((m) => m.renderRituals),
  checkins: () => import('./checkins/index.js').then((m) => m.renderCheckins),
};

function unreachable(route) {
  const heading = h('h1', { id: `${route}-title` }, 'This place didn’t open');
  return {
    el: h('div', { class: 'place', role: 'region', 'aria-labelledby': heading.id }, heading,
      h('p', { class: 'form-alert', role: 'alert' }, 'Hearth couldn’t open this place just now. Nothing was lost; please try again.')),
    heading,
    title: 'Hearth',
  };
}

/**
 * `firstToday`: Today's cards from the first screen's answer, drawn if Today
 * is the place shown first (once; later visits ask again).
 */
export function renderFrame(state, firstToday = null) {
  normalizeHash();

  // --- who is writing -------------------------------------------------------
  const writerName = h('strong', { class: 'writer-name', id: 'writer-name' });
  const indicator = h('p', { class: 'writer', id: 'writer-indicator' },
    h('span', { class: 'writer-dot', 'aria-hidden': 'true' }),
    h('span', { class: 'writer-text' }, 'Writing as ', writerName));
  const switchLabel = h('span', { class: 'button-text' });
  const switchButton = h('button', {
    type: 'button',
    class: 'button button--quiet switch-writer',
    id: 'switch-writer',
    'aria-keyshortcuts': 'Control+Shift+S',
    title: 'Ctrl+Shift+S',
  }, h('span', { class: 'switch-dot', 'aria-hidden': 'true' }), switchLabel);
  const writerError = alertSlot('writer-error', 'form-alert');
  writerError.el.classList.add('header-alert');

  let switching = false;
  async function switchWriter() {
    const current = store.get();
    const next = otherOf(current);
    if (switching || !next) return;
    switching = true;
    switchButton.setAttribute('aria-disabled', 'true');
    writerError.clear();
    try {
      // What was being typed is saved as the one who typed it, before the switch.
      await flushDrafts();
      const guarded = current.privacy?.withPassphrase?.includes(next.id);
      // The passphrase dialog is fetched when first needed, not with Today.
      const updated = guarded
        ? await import('../passphrase.js').then(({ unlockDialog }) => unlockDialog(next))
        : await api.setWriter(next.id);
      if (!updated) return;
      store.set(updated);
      announce(`Now writing as ${writerOf(updated)?.name ?? next.name}.`);
    } catch (err) {
      writerError.show(err.message);
    } finally {
      switching = false;
      switchButton.removeAttribute('aria-disabled');
    }
  }
  switchButton.addEventListener('click', switchWriter);

  // "Lock": only when the writer has a passphrase and their pages are open.
  const lockButton = h('button', {
    type: 'button',
    class: 'button button--quiet lock-button',
    id: 'lock-button',
    'aria-keyshortcuts': 'Control+L',
    title: 'Lock (Ctrl+L)',
    hidden: true,
  }, 'Lock');
  let locking = false;
  async function lock() {
    if (locking) return;
    if (!canLock(store.get())) {
      const me = writerOf(store.get());
      import('../toast.js').then(({ showToast }) => showToast(`There’s nothing to lock: ${me?.name ?? 'the one writing'} has no passphrase. You can set one in Settings → Privacy.`));
      return;
    }
    locking = true;
    lockButton.setAttribute('aria-disabled', 'true');
    try {
      await lockNow();
    } catch (err) {
      writerError.show(err.message);
      locking = false;
      lockButton.removeAttribute('aria-disabled');
    }
  }
  lockButton.addEventListener('click', lock);

  const header = h('header', { class: 'app-header' },
    h('a', { class: 'brand', href: hrefFor('today') },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }),
      h('span', { class: 'brand-name' }, 'Hearth')),
    h('div', { class: 'writer-bar', role: 'group', 'aria-label': 'Who is writing' },
      indicator, switchButton, lockButton),
    writerError.el);

  // --- navigation -------------------------------------------------------------
  const links = new Map();
  const nav = h('nav', { class: 'app-nav', 'aria-label': 'Places' },
    h('ul', { class: 'nav-list' },
      PLACES.map((place, i) => {
        const link = h('a', {
          class: 'nav-link',
          id: `nav-${place.route}`,
          href: hrefFor(place.route),
          'aria-keyshortcuts': `Alt+${i + 1}`,
        }, place.label);
        links.set(place.route, link);
        return h('li', {}, link);
      })));

  const main = h('main', { id: 'main', class: 'app-main', tabindex: '-1' });
  const banner = reminderBanner({ onArrived: arrived });
  const el = h('div', { class: 'frame' }, header, banner.el, h('div', { class: 'frame-body' }, nav, main));

  // --- what the other laptop wrote (views/arrivals.js, fetched on first use) ---
  let arrivals = null;
  async function arrived() {
    arrivals ??= import('./arrivals.js').then(({ arrivalNote }) => {
      const note = arrivalNote({ main, heading: () => view?.heading, redraw });
      banner.el.after(note.el);
      return note;
    });
    try {
      store.set(await api.getState());
      (await arrivals).arrived();
    } catch (err) {
      console.error('Hearth could not show what arrived:', err);
    }
  }
  /** Draws the place shown again, from the core's answers now; words being
   * typed are kept as drafts first, and come back. */
  async function redraw() {
    await flushDrafts();
    shownRoute = null;
    return showRoute(currentRoute(), currentSub(), { moveFocus: false });
  }

  // --- the place shown --------------------------------------------------------
  let view = null;
  let shownRoute = null;
  let routing = 0; // the latest showRoute; an older one still loading gives way
  async function showRoute(route, sub, { moveFocus }) {
    for (const [r, link] of links) {
      if (r === route) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    const token = ++routing;
    arrivals?.then((note) => note.clear());
    if (route === shownRoute && view?.navigate) {
      view.navigate(sub, { moveFocus });
      return;
    }
    let make = null;
    if (LAZY[route]) {
      try {
        make = await LAZY[route]();
      } catch (err) {
        console.error('Hearth could not load a view:', err);
      }
      if (token !== routing) return;
    }
    view?.destroy?.();
    const state = store.get();
    if (LAZY[route]) view = make ? make(state, sub) : unreachable(route);
    else if (route === 'today') view = renderToday(state, firstToday);
    else view = renderPlace(route, state);
    firstToday = null;
    shownRoute = route;
    replaceChildren(main, view.el);
    document.title = `${view.title} · Hearth`;
    if (moveFocus) focusElement(view.heading);
  }

  function update(next) {
    const writer = writerOf(next);
    const other = otherOf(next);
    writerName.textContent = writer ? writer.name : 'no one yet';
    indicator.title = writer ? `Writing as ${writer.name}` : '';
    setCssVar(el, '--partner-color', writer?.color);
    setCssVar(el, '--other-color', other?.color);
    switchLabel.textContent = other ? (writer ? `Switch to ${other.name}` : `Write as ${other.name}`) : 'Switch';
    switchButton.title = other ? `Switch to ${other.name} (Ctrl+Shift+S)` : 'Ctrl+Shift+S';
    lockButton.hidden = !canLock(next);
    view?.update?.(next);
  }

  // --- keyboard ---------------------------------------------------------------
  function onKeydown(event) {
    if (event.ctrlKey && event.shiftKey && !event.altKey && (event.code === 'KeyS' || event.key.toLowerCase() === 's')) {
      event.preventDefault();
      switchWriter();
      return;
    }
    if (event.ctrlKey && !event.shiftKey && !event.altKey && !event.metaKey && (event.code === 'KeyL' || event.key.toLowerCase() === 'l')) {
      event.preventDefault();
      lock();
      return;
    }
    if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? (/^[1-9]$/.test(event.key) ? event.key : null);
      const place = digit ? PLACES[Number(digit) - 1] : null;
      if (place) {
        event.preventDefault();
        if (place.route === currentRoute() && !currentSub()) focusElement(view?.heading);
        else go(place.route);
      }
    }
  }
  document.addEventListener('keydown', onKeydown);
  const stopRouting = onRouteChange((route, sub) => showRoute(route, sub, { moveFocus: true }));

  showRoute(currentRoute(), currentSub(), { moveFocus: false });
  update(state);

  return {
    el,
    update,
    focus: () => focusElement(view?.heading),
    destroy() {
      document.removeEventListener('keydown', onKeydown);
      stopRouting();
      banner.destroy();
      view?.destroy?.();
    },
  };
}
