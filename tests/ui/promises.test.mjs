// What the page promises must be what this build keeps: the backup's words
// name only what the file carries, and nothing about privacy promises more
// than the build does (private entries are kept out of the other partner's
// view, but there is no password yet and the file is not encrypted).

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
  entries: /journal entries with their replies/,
  custom_prompts: /your own prompts/,
  daily_prompts: /the prompt of each day/,
  appreciations: /thank-you notes/,
};
// What a couple keeps in Hearth that the file may not carry (yet).
const ELSEWHERE = { rituals: 'rituals', checkins: 'check-ins', commitments: 'commitments' };

test('the backup’s description names only what the file carries, and says what it leaves out', async () => {
  const lists = exportedLists();
  const page = await h.open({ cfg: READY, hash: '#/settings' });
  const button = page.getByRole('button', { name: 'Save a backup (JSON)' });
  const holds = page.locator('#export-json-holds');
  const text = (await holds.textContent()).replace(/\s+/g, ' ');
  assert.equal(await button.getAttribute('aria-describedby'), 'export-json-holds', 'the button is described by what the file holds');
  assert.doesNotMatch(text, /\beverything\b|\ball of\b|\bwhole\b|\bcomplete\b/i, `“${text}” must not promise everything`);
  for (const list of lists) {
    if (list in ELSEWHERE) continue;
    assert.ok(NAMED[list], `the backup file now carries “${list}”: name it in Settings (and here)`);
    assert.match(text, NAMED[list], `the file carries ${list}, so the description names it`);
  }
  const said = /doesn’t hold your ([^.]*) yet/.exec(text)?.[1] ?? '';
  for (const [list, words] of Object.entries(ELSEWHERE)) {
    if (lists.includes(list)) {
      assert.ok(!said.includes(words), `the file carries ${list} now: don’t say it leaves them out`);
    } else {
      assert.ok(said.includes(words), `the file holds no ${list}, so the description says so (“${text}”)`);
    }
  }
  await clean(page);
});
