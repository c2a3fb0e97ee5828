// What the other laptop wrote, arriving while a place is shown (Two laptops).
//
// The shell says when a look at the sync folder brought changes. Drawing the
// place again is what a couple expects, but never at the cost of what one of
// them is doing: while someone is typing, has changed a field, has a dialog
// open or is working inside the place (focus on one of its controls), a quiet
// line offers "Show them" instead. Fetched the first time something arrives,
// so the first screen never waits for it.

import { h, announce, focusElement } from '../dom.js';

const ARRIVED = 'New things arrived from the other laptop.';

/** True when a field differs from what it was drawn with (for a radio
 * group or a list, from its first choice when none was marked). */
function changed(field, main) {
  if (field.type === 'radio') {
    const group = [...main.querySelectorAll('input[type="radio"]')].filter((r) => r.name === field.name);
    return field.checked && field !== (group.find((r) => r.defaultChecked) ?? group[0]);
  }
  if (field.type === 'checkbox') return field.checked !== field.defaultChecked;
  if (field.tagName === 'SELECT') {
    const marked = [...field.options].findIndex((o) => o.defaultSelected);
    return field.selectedIndex !== Math.max(marked, 0);
  }
  return field.value !== field.defaultValue;
}

/** True when drawing `main` again would take something from the person using it. */
export function inUse(main, heading) {
  if (document.querySelector('dialog[open]')) return true;
  const active = document.activeElement;
  if (main.contains(active) && active !== main && active !== heading) return true;
  return [...main.querySelectorAll('input, textarea, select')].some((field) => changed(field, main));
}

/**
 * `main`: the place's container; `heading()`: the place's heading now;
 * `redraw()`: draws the place again (a promise).
 */
export function arrivalNote({ main, heading, redraw }) {
  const show = h('button', { type: 'button', class: 'button button--quiet', id: 'arrival-show' }, 'Show them');
  const el = h('div', { class: 'arrival-note', id: 'arrival-note', role: 'status', hidden: true },
    h('p', {}, ARRIVED), show);

  async function showThem() {
    el.hidden = true;
    await redraw();
    focusElement(heading());
  }
  show.addEventListener('click', showThem);

  return {
    el,
    async arrived() {
      if (inUse(main, heading())) {
        el.hidden = false;
        return;
      }
      const hadHeading = document.activeElement === heading();
      el.hidden = true;
      await redraw();
      if (hadHeading) focusElement(heading());
      announce(ARRIVED);
    },
    /** Another place is shown, fresh: the offer is no longer needed. */
    clear() {
      el.hidden = true;
    },
  };
}
