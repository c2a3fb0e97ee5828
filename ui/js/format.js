// How times, feelings, names and counts read on the page.

// The formatters are made when first used, not when the page loads: the
// first screen often needs neither, and each one wakes the locale data.
let dateTime = null;
let numbers = null;

/** A UTC time from the core, in this computer's local time. */
export function localTime(iso) {
  const at = new Date(iso);
  dateTime ??= new Intl.DateTimeFormat(undefined, {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
  });
  return Number.isNaN(at.getTime()) ? '' : dateTime.format(at);
}

export function number(n) {
  numbers ??= new Intl.NumberFormat();
  return numbers.format(n);
}

export function feelingLabel(word) {
  return word ? word.charAt(0).toUpperCase() + word.slice(1) : '';
}

export function partnerById(state, id) {
  return state?.partners?.find((p) => p.id === id) ?? null;
}

export function nameOf(state, id) {
  return partnerById(state, id)?.name ?? 'Your partner';
}

export function plural(n, one, many) {
  return `${number(n)} ${n === 1 ? one : many}`;
}

/** Characters as the core counts them (Unicode scalar values). */
export function charCount(text) {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** The first words of a text, for a heading or a preview. */
export function firstWords(text, max) {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  if (chars.length <= max) return flat;
  return `${chars.slice(0, max).join('').replace(/\s+\S*$/, '')}…`;
}
