// The only way Hearth builds DOM: elements and text nodes, never HTML strings.
// Data always lands in textContent or an attribute value, so nothing a
// partner writes can ever become markup or script.

/**
 * h('p', {class: 'lead', id: 'x', onclick: fn}, 'text', child, [more])
 * - `class` sets className; `text` sets textContent.
 * - `on<event>` must be a function; it is added with addEventListener.
 * - `true` sets an empty attribute; `false`, null and undefined are skipped.
 * - `style` and `innerHTML`-like keys are refused (CSP forbids inline styles;
 *   colours go through setCssVar, which uses the CSSOM).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'style' || /html$/i.test(key)) {
      throw new Error(`h(): "${key}" is not allowed`);
    }
    if (key === 'class') {
      el.className = value;
    } else if (key === 'text') {
      el.textContent = value;
    } else if (key.startsWith('on')) {
      if (typeof value !== 'function') throw new Error(`h(): ${key} needs a function`);
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends strings (as text nodes), nodes and nested arrays; skips null/false. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces everything inside `el` with `children`. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** True for the `#rrggbb` colours the core uses. */
export function isColor(value) {
  return typeof value === 'string' && HEX_COLOR.test(value);
}

/** Sets a CSS custom property through the CSSOM (allowed by the CSP). */
export function setCssVar(el, name, value) {
  if (isColor(value)) el.style.setProperty(name, value);
  else el.style.removeProperty(name);
}

/** Says `message` to screen readers through the polite live region. */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (!region) return;
  // Clearing first makes the same sentence announce again.
  region.textContent = '';
  window.setTimeout(() => { region.textContent = message; }, 50);
}

// What takes focus by itself; anything else gets tabindex="-1" first.
// A control must not: that would take it out of the Tab order and, by the
// [tabindex="-1"] rule in base.css, hide its focus ring.
const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

/** Moves focus to a heading, container or control without scrolling past it oddly. */
export function focusElement(el) {
  if (!el) return;
  if (!el.matches(FOCUSABLE)) el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: false });
}

/**
 * Holds a button while its work runs, or lets it go. A disabled button drops
 * the focus to the page (a keyboard or screen-reader user is lost), so the
 * button keeps its focus and says aria-disabled instead; its handler asks
 * isBusy() first, so a second press does nothing.
 */
export function setBusy(button, on) {
  if (!button) return;
  if (on) button.setAttribute('aria-disabled', 'true');
  else button.removeAttribute('aria-disabled');
}

export function isBusy(button) {
  return button?.getAttribute('aria-disabled') === 'true';
}

/** A short unique suffix for ids within one render. */
let counter = 0;
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}
