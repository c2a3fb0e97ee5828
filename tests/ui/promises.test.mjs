// What the page promises must be what this build keeps: the export's words
// name exactly what the file carries, and nothing about privacy promises more
// than the build does (private entries are kept out of the other partner's
// view, a passphrase guards switching, but the file is not encrypted).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, READY, clean } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const EXCHANGE = path.resolve(here, '../../crates/hearth-core/src/exchange/mod.rs');

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

/** The lists the core's JSON export (`ExportFile`) carries, by field name. */
function exportedLists() {
  const source = fs.readFileSync(EXCHANGE, 'utf8');
  const body = /pub struct ExportFile \{([^}]*)\}/.exec(source)?.[1];
  assert.ok(body, 'ExportFile is found in the core');
  return [...body.matchAll(/pub (\w+): Vec</g)].map((m) => m[1]);
}

// How the page names each list the file can carry.
const NAMED = {
  partners: /your names and colours/,
  entries: /journal entries with their replies and read marks/,
  custom_prompts: /your own prompts/,
  daily_prompts: /the prompt of each day/,
  appreciations: /thank-you notes/,
  rituals: /your rituals with every day you marked/,
  checkins: /your check-ins/,
  commitments: /your commitments with their check-offs/,
  drafts: /your unfinished drafts/,
  settings: /your reminder settings/,
  reminders: /the reminders already shown/,
};
// What a couple keeps in Hearth, by the list that would carry it: the
// description may say "everything" only while the file carries them all.
const KEPT = ['partners', 'entries', 'custom_prompts', 'daily_prompts', 'appreciations', 'rituals', 'checkins', 'commitments', 'settings'];

test('“Export everything” names exactly what the file carries, and every list is in it', async () => {
  const lists = exportedLists();
  const page = await h.open({ cfg: READY, hash: '#/settings' });
  const button = page.getByRole('button', { name: 'Export everything' });
  const holds = page.locator('#export-everything-holds');
  const text = (await holds.textContent()).replace(/\s+/g, ' ');
  assert.equal(await button.getAttribute('aria-describedby'), 'export-everything-holds', 'the button is described by what the file holds');
  for (const list of lists) {
    assert.ok(NAMED[list], `the export file now carries “${list}”: name it in Settings (and here)`);
    assert.match(text, NAMED[list], `the file carries ${list}, so the description names it`);
  }
  for (const [list, words] of Object.entries(NAMED)) {
    if (!lists.includes(list)) assert.doesNotMatch(text, words, `the file carries no ${list}, so the description must not name it`);
  }
  const missing = KEPT.filter((list) => !lists.includes(list));
  if (missing.length) {
    assert.doesNotMatch(text, /\beverything\b|\ball of\b|\bwhole\b|\bcomplete\b/i, `the file lacks ${missing}: “${text}” must not promise everything`);
  } else {
    assert.match(text, /everything Hearth keeps/, 'the file carries every list, so it may say everything');
  }
  assert.match(text, /partner’s private entries.*stay out/, 'it says the other partner’s private pages stay out');
  await clean(page);
});

// Words that promise more than a shared laptop without passwords can keep.
const OVERPROMISE = /no one else|nobody else|only you (can|will)|only you see|only you can ever|can’t be read|can't be read|fully private|completely private|secret|is encrypted|safe from/i;

test('the welcome never promises that no one else can read the journal', async () => {
  const page = await h.open();
  const welcome = page.locator('#view-setup');
  await welcome.waitFor();
  const text = (await welcome.textContent()).replace(/\s+/g, ' ');
  assert.doesNotMatch(text, OVERPROMISE, `the welcome promises too much: “${text}”`);
  assert.match(text, /Everything stays on this laptop/, 'it still says where the journal lives');
  assert.match(text, /private/i, 'it says what private means');
  assert.match(text, /set a passphrase/i, 'it offers a passphrase');
  assert.match(text, /isn’t encrypted/, 'it says the file is not encrypted');
  await clean(page);
});

test('a private entry’s help never promises what the build can’t keep', async () => {
  const entries = [{ author: 1, title: 'Just mine', body: 'Only for me, for now.', visibility: 'private' }];
  const page = await h.open({ cfg: { ...READY, entries }, hash: '#/journal' });
  await page.getByLabel('Private').check();
  const note = page.locator('#composer-visibility-note');
  const said = (await note.textContent()).replace(/\s+/g, ' ');
  assert.doesNotMatch(said, OVERPROMISE, `the private note promises too much: “${said}”`);
  assert.match(said, /out of Alex’s view/, 'it says what Hearth does: the other partner is not shown it');
  assert.match(said, /could switch to you and read it/, 'it says anyone at this laptop could switch and read it');
  assert.match(said, /isn’t encrypted/, 'it says it is not encrypted');
  assert.equal(await page.getByLabel('Private').getAttribute('aria-describedby'), 'composer-visibility-note');

  await page.goto(page.url().replace(/#.*$/, '#/journal/entry/1'));
  await page.locator('#thread-title').waitFor();
  const status = (await page.locator('.read-status').textContent()).replace(/\s+/g, ' ');
  assert.doesNotMatch(status, OVERPROMISE, `the private entry's thread promises too much: “${status}”`);
  assert.match(status, /out of Alex’s view/);

  await page.goto(page.url().replace(/#.*$/, '#/journal/trash'));
  const trash = (await page.locator('.trash').textContent()).replace(/\s+/g, ' ');
  assert.doesNotMatch(trash, OVERPROMISE, `the trash promises too much: “${trash}”`);
  await clean(page);
});

test('no words in the page promise more privacy than the build keeps', () => {
  const ui = path.resolve(here, '../../ui/js');
  const files = fs.readdirSync(ui, { recursive: true }).filter((f) => f.endsWith('.js'));
  for (const file of files) {
    const source = fs.readFileSync(path.join(ui, file), 'utf8');
    // Only the page's words: string literals, not comments.
    const strings = source.replace(/^\s*\/\/.*$/gm, '').match(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g) ?? [];
    for (const s of strings) assert.doesNotMatch(s, OVERPROMISE, `${file}: ${s}`);
  }
});
