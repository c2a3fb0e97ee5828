// How an entry reads: who wrote it and when, how they felt, its words.
// Everything lands in text nodes; nothing a partner writes becomes markup.

import { h, setCssVar } from '../../dom.js';
import { hrefFor } from '../../router.js';
import { feelingLabel, firstWords, localTime, nameOf, partnerById, plural } from '../../format.js';

const PREVIEW_CHARS = 360;

/**
 * What shows instead of words still sealed with their author's passphrase:
 * an answer you have both written, waiting for its author to unlock Hearth.
 */
export function sealedNote(state, entry) {
  const name = nameOf(state, entry.author);
  return h('p', { class: 'entry-sealed muted' },
    `${name}’s words are sealed with ${name}’s passphrase. They open for you both the next time ${name} unlocks Hearth.`);
}

/** A heading for an entry: its title, else the start of its words. */
export function entryHeading(entry) {
  if (entry.title) return entry.title;
  if (entry.sealed) return 'An answer, still sealed';
  if (entry.kind === 'repair') return 'A repair';
  return firstWords(entry.body, 70) || 'Untitled';
}

/** Paragraphs split on blank lines; single line breaks are kept by CSS. */
export function paragraphs(text, className = 'entry-text') {
  return text.split(/\n{2,}/).filter((p) => p.trim()).map((p) => h('p', { class: className }, p));
}

/** The author's name with their colour, for any element. */
export function authorTag(state, id) {
  const el = h('span', { class: 'author' }, h('span', { class: 'author-dot', 'aria-hidden': 'true' }), nameOf(state, id));
  setCssVar(el, '--author-color', partnerById(state, id)?.color);
  return el;
}

/** Author, time, "edited", feeling, tags, private and kind badges. */
export function entryMeta(entry, state) {
  const time = h('time', { datetime: entry.createdAt, class: 'entry-time' }, localTime(entry.createdAt));
  return h('div', { class: 'entry-meta' },
    authorTag(state, entry.author),
    time,
    entry.edited ? h('span', { class: 'edited', title: `Edited ${localTime(entry.updatedAt)}` }, 'edited') : null,
    entry.kind === 'repair' ? h('span', { class: 'badge badge--repair' }, 'Repair') : null,
    entry.kind === 'answer' ? h('span', { class: 'badge' }, 'Prompt answer') : null,
    entry.visibility === 'private' ? h('span', { class: 'badge badge--private' }, 'Private') : null,
    entry.feeling ? h('span', { class: 'feeling' }, 'Feeling ', h('strong', {}, feelingLabel(entry.feeling).toLowerCase())) : null);
}

/** The question an entry answers (or was written from), as plain text. */
export function promptQuestion(entry) {
  if (!entry.promptText) return null;
  const label = entry.kind === 'answer' ? 'The prompt: ' : 'Written from the prompt: ';
  return h('p', { class: 'entry-prompt' }, h('span', { class: 'entry-prompt-label' }, label), entry.promptText);
}

export function tagList(tags) {
  if (!tags?.length) return null;
  return h('ul', { class: 'tags', 'aria-label': 'Tags' }, tags.map((t) => h('li', { class: 'tag' }, t)));
}

/** Who has read it, said from the viewer's side. */
function readNote(entry, state) {
  if (entry.visibility === 'private') return null;
  const viewer = state.writerId;
  const other = entry.reads?.find((r) => r.reader !== entry.author);
  if (entry.author === viewer) {
    return other ? h('span', { class: 'read-note' }, `${nameOf(state, other.reader)} read this`) : null;
  }
  return other ? h('span', { class: 'read-note' }, 'You read this') : h('span', { class: 'read-note read-note--new' }, 'New for you');
}

/** One entry in the timeline: a card that opens its thread. */
export function entryCard(entry, state, { snippet = null } = {}) {
  // An untitled entry is named by its own first words, so they aren't shown twice.
  const untitled = !entry.title && entry.kind !== 'repair' && !entry.sealed;
  const link = h('a', { class: 'entry-link', href: hrefFor('journal', `entry/${entry.id}`) },
    untitled ? firstWords(entry.body, PREVIEW_CHARS) : entryHeading(entry));
  const body = entry.sealed ? sealedNote(state, entry)
    : snippet ?? (untitled ? null : h('p', { class: 'entry-preview' }, firstWords(entry.body, PREVIEW_CHARS)));
  const el = h('article', { class: 'entry-card', 'data-entry-id': entry.id },
    entryMeta(entry, state),
    promptQuestion(entry),
    h('h3', { class: untitled ? 'entry-title entry-title--untitled' : 'entry-title' }, link),
    body,
    tagList(entry.tags),
    h('p', { class: 'entry-foot' },
      entry.replyCount ? h('span', {}, plural(entry.replyCount, 'reply', 'replies')) : null,
      readNote(entry, state)));
  setCssVar(el, '--author-color', partnerById(state, entry.author)?.color);
  return el;
}

/** Search snippet segments as text nodes and <mark> elements. */
export function snippet(segments) {
  const p = h('p', { class: 'entry-preview snippet' });
  for (const seg of segments ?? []) {
    p.append(seg.hit ? h('mark', {}, seg.text) : document.createTextNode(seg.text));
  }
  return p;
}
