// How rituals read: who a ritual is for, runs, shares and milestones, in
// warm plain words. Nothing here counts failures: a skip is "skipped this
// time", a day that passed is "not marked", and no number is ever red.

import { api, localDate } from '../../api.js';
import { nameOf, number } from '../../format.js';

let words = null;
/** The ideas and limits of rituals, asked once. */
export function ritualWords() {
  words ??= api.ritualWords().catch((err) => { words = null; throw err; });
  return words;
}

export function forWhom(state, forPartner) {
  return forPartner ? `For ${nameOf(state, forPartner)}` : 'For both of you';
}

export function times(n) {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${number(n)} times`;
}

/** The current run, gently: never "0", never "broken", never "once in a row". */
export function runText(c) {
  if (!c) return '';
  if (c.currentRun === 1) return 'Kept the last time';
  if (c.currentRun > 1) return `Kept the last ${number(c.currentRun)} times in a row`;
  return c.kept > 0 ? 'Ready to pick up again whenever you are' : 'Each time you keep it counts';
}

/** The longest run, once there is one to speak of (two or more in a row). */
export function longestText(c) {
  return c?.longestRun > 1 ? `Longest run so far: ${number(c.longestRun)} in a row` : null;
}

export function shareText(share, weeks) {
  if (!share || share.share === null || share.counted === 0) return `Nothing to count yet in the last ${weeks} weeks`;
  const { kept, counted } = share;
  if (kept === 0) return `Nothing marked in the last ${weeks} weeks`;
  if (kept === counted) {
    if (counted === 1) return `Kept the one time it came up in the last ${weeks} weeks`;
    return counted === 2 ? `Kept both times in the last ${weeks} weeks` : `Kept all ${number(counted)} in the last ${weeks} weeks`;
  }
  return `Kept ${number(kept)} of ${number(counted)} in the last ${weeks} weeks`;
}

const CELEBRATIONS = {
  7: 'Seven times kept. A rhythm is taking root.',
  30: 'Thirty times kept. This is becoming part of your days together.',
  100: 'A hundred times kept. Look at what you have built, one small moment at a time.',
};

export function milestoneText(n) {
  return CELEBRATIONS[n] ?? `${number(n)} times kept. That is worth celebrating.`;
}

/** What an occurrence's state means, in a few kind words. */
export function stateText(state, occurrence) {
  const by = occurrence.outcome ? nameOf(state, occurrence.outcome.by) : null;
  switch (occurrence.state) {
    case 'done': return by ? `Done · marked by ${by}` : 'Done';
    case 'skipped': return 'Skipped this time';
    case 'missed': return 'Not marked';
    case 'due': return 'Today';
    default: return 'Coming up';
  }
}

/** "Tuesday 24 November" for a YYYY-MM-DD date, read as a calendar day. */
export function dayLabel(iso, { year = false } = {}) {
  const [y, m, d] = iso.split('-').map(Number);
  const at = new Date(y, m - 1, d);
  return at.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: year ? 'numeric' : undefined });
}

/** A local date moved by `days`, as YYYY-MM-DD. */
export function addDays(iso, days) {
  const [y, m, d] = iso.split('-').map(Number);
  const at = new Date(y, m - 1, d + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * When a ritual next happens, from the core's `next` ({date, time} in the
 * ritual's own zone): "Next: Tuesday 15 December, 19:30". `label` may say
 * "First" for a ritual not yet saved. Null when there is none.
 */
export function nextText(next, label = 'Next') {
  if (!next) return null;
  const today = localDate();
  const day = next.date === today ? 'today'
    : next.date === addDays(today, 1) ? 'tomorrow'
      : dayLabel(next.date, { year: next.date.slice(0, 4) !== today.slice(0, 4) });
  return `${label}: ${day}, ${next.time}`;
}

/** A zone as people know it: "Kolkata (Asia/Kolkata)". */
export function zoneText(name, city) {
  return city && city !== name ? `${city} (${name})` : name;
}
