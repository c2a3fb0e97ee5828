// Courtesy checks, so people hear about a slip before a round trip. The core
// is the authority and says the final word; these only mirror its rules.

export const NAME_MAX = 40;

/** Characters as the core counts them (Unicode scalar values). */
function charCount(text) {
  return [...text].length;
}

/**
 * Returns a sentence about what is wrong with `raw` as a name, or null.
 * `who` is "your name", "your partner's name" or "this name".
 */
export function nameProblem(raw, who = 'this name') {
  const value = raw.trim();
  if (!value) return `Please write ${who}.`;
  const count = charCount(value);
  if (count > NAME_MAX) {
    return `That's ${count} characters; please keep it to ${NAME_MAX}.`;
  }
  if (/\p{Cc}/u.test(value)) {
    return 'This has an invisible character in it (maybe from a paste). Please retype it.';
  }
  return null;
}

export function sameNames(a, b) {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

export const SAME_NAMES_MESSAGE =
  'The two names need to be different, so Hearth can tell you apart.';
