// Settings → Two laptops and first-run "Join a journal from another laptop"
// on the fake core: choosing the folder, pairing, the laptops and notes as
// text only, Sync now / Stop syncing / Remove with focus after each, calm
// errors that keep what was typed, and modules fetched only when needed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, READY, clean } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

const settle = (page) => page.waitForFunction(() => window.__inflight === 0, null, { polling: 50 });
const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? null);
const calls = (page, command) => page.evaluate((c) => window.__calls.filter(([n]) => n === c).map(([, a]) => a), command);
const ago = (minutes) => new Date(Date.now() - minutes * 60_000).toISOString();

const THIS = { id: 'dev-this', name: 'Sam’s laptop', lastHeard: null, removed: false, thisLaptop: true };
const PAIRED = {
  ...READY,
  sync: {
    folder: '/home/sam/Sync/Hearth',
    lastExchange: ago(2),
    devices: [
      THIS,
      { id: 'dev-alex', name: 'Alex’s laptop', lastHeard: ago(5), removed: false, thisLaptop: false },
      { id: 'dev-new', name: 'The old laptop', lastHeard: null, removed: false, thisLaptop: false },
    ],
    notes: [],
  },
};

async function openSettings(cfg) {
  const page = await h.open({ cfg, hash: '#/settings' });
  await page.locator('#settings-sync-title').waitFor();
  await settle(page);
  return page;
}

test('before a folder: a warm sentence on what it does, and “Choose a sync folder” leads to pairing', async () => {
  const page = await openSettings(READY);
  const section = page.getByRole('region', { name: 'Two laptops' });
  const text = await section.textContent();
  for (const said of ['own full copy', 'Syncthing', 'Nextcloud', 'Dropbox', 'USB stick', 'encrypted', 'no account', 'no server']) {
    assert.ok(text.includes(said), `the sentence says “${said}”`);
  }
  assert.equal(await section.getByRole('button', { name: 'Pair another laptop' }).count(), 0, 'nothing to pair before a folder');

  await section.getByRole('button', { name: 'Choose a sync folder' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('#sync-folder').waitFor();
  await settle(page);
  assert.equal(await page.textContent('#sync-folder'), '/home/sam/Sync/Hearth', 'the folder chosen is shown');
  assert.deepEqual(await calls(page, 'choose_sync_folder'), [{ path: '/home/sam/Sync/Hearth' }], 'the path the dialog gave is what is chosen');
  assert.equal(await focusedId(page), 'sync-pair', 'focus moves to the next step, “Pair another laptop”');
  assert.match(await page.textContent('#sync-status'), /Next, pair the other laptop/);
  assert.equal(await page.locator('#sync-devices li').count(), 1, 'the list holds this laptop alone');
  assert.match(await page.textContent('#sync-devices-empty'), /No other laptop has written to the folder yet/, 'a readable empty state');
  assert.match(await page.textContent('#sync-notes-empty'), /Nothing to tell/);
  await clean(page);
});

test('closing the folder dialog changes nothing and says so; focus stays on the button', async () => {
  const page = await openSettings({ ...READY, pickFolder: null });
  await page.locator('#sync-choose').focus();
  await page.keyboard.press('Enter');
  await page.locator('#sync-status', { hasText: 'No folder was chosen' }).waitFor();
  await settle(page);
  assert.deepEqual(await calls(page, 'choose_sync_folder'), [], 'no folder is chosen for the person');
  assert.equal(await focusedId(page), 'sync-choose');
  await clean(page);
});

test('a folder Hearth can’t use: the core’s words in an alert, focus back on the button', async () => {
  const page = await openSettings(READY);
  await page.evaluate(() => { window.__failing = { choose_sync_folder: { kind: 'desktop', message: 'Your computer didn’t let Hearth write in that folder. Your journal is fine; nothing in it changed.' } }; });
  await page.locator('#sync-choose').click();
  await page.locator('#sync-error', { hasText: 'didn’t let Hearth write in that folder' }).waitFor();
  await settle(page);
  assert.equal(await focusedId(page), 'sync-choose');
  assert.equal(await page.locator('#sync-folder').count(), 0, 'no folder is shown as chosen');
  await clean(page);
});

test('“Pair another laptop” shows the code large, when it runs out and what to do on the other laptop', async () => {
  const page = await openSettings(PAIRED);
  await page.getByRole('button', { name: 'Pair another laptop' }).click();
  await page.locator('#sync-code').waitFor();
  await settle(page);
  assert.equal(await page.textContent('#sync-code'), 'K7P-4QX-9MT');
  const size = await page.locator('#sync-code').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(size >= 24, `the code is large enough to read across a table (${size}px)`);
  assert.match(await page.textContent('#sync-code-expires'), /^It works until \d\d?:\d\d( [AP]M)? \((9|10) minutes from now\)\.$/);
  assert.match(await page.textContent('#sync-pairing'), /“Join a journal from another laptop”/, 'it says what to do on the other laptop');
  assert.equal(await focusedId(page), 'sync-code-title', 'focus moves to the code');
  assert.equal(await page.getByRole('button', { name: 'Make a new code' }).count(), 1, 'a new code can be made');
  await clean(page);
});

test('the laptops: this one marked, the others with when they were last heard from, in plain words', async () => {
  const page = await openSettings(PAIRED);
  const rows = await page.locator('#sync-devices li').allTextContents();
  assert.equal(rows.length, 3);
  assert.match(rows[0], /Sam’s laptop.*This laptop/);
  assert.match(rows[1], /Alex’s laptop.*Last heard from 5 minutes ago/);
  assert.match(rows[2], /The old laptop.*Not heard from yet/);
  assert.equal(await page.locator('#sync-devices li').first().getByRole('button').count(), 0, 'this laptop has no Remove');
  assert.equal(await page.getByRole('button', { name: 'Remove Alex’s laptop' }).count(), 1);
  await clean(page);
});

test('plain words for “last heard from” and a code’s time', async () => {
  const page = await openSettings(READY);
  const said = await page.evaluate(async () => {
    const { heardWords, expiryWords } = await import('/js/views/settings-sync.js');
    const now = Date.parse('2026-12-07T12:00:00Z');
    const at = (ms) => new Date(now - ms).toISOString();
    return {
      never: heardWords(null, now),
      now: heardWords(at(20_000), now),
      one: heardWords(at(60_000), now),
      hours: heardWords(at(3 * 3_600_000), now),
      yesterday: heardWords(at(30 * 3_600_000), now),
      days: heardWords(at(4 * 86_400_000), now),
      ahead: heardWords(at(-5 * 60_000), now),
      gone: expiryWords(at(60_000), now),
      day: expiryWords(at(-24 * 3_600_000), now),
    };
  });
  assert.deepEqual({ ...said, gone: undefined, day: undefined }, {
    never: 'Not heard from yet',
    now: 'Last heard from just now',
    one: 'Last heard from 1 minute ago',
    hours: 'Last heard from 3 hours ago',
    yesterday: 'Last heard from yesterday',
    days: 'Last heard from 4 days ago',
    ahead: 'Last heard from just now',
    gone: undefined,
    day: undefined,
  }, 'a clock a little ahead on the other laptop reads “just now”, never a time to come');
  assert.match(said.gone, /please use it right away/);
  assert.match(said.day, /^It works until .*2026.* \(about 24 hours from now\)\.$/, 'a code for a day says the day and the hours left');
  await clean(page);
});

test('Remove asks first; Cancel changes nothing; once removed, focus goes to the list of laptops', async () => {
  const page = await openSettings(PAIRED);
  const remove = page.getByRole('button', { name: 'Remove Alex’s laptop' });
  await remove.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Remove Alex’s laptop?' });
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await calls(page, 'remove_device'), [], 'Escape removes nothing');
  assert.equal(await focusedId(page), 'sync-remove-dev-alex', 'focus is back on Remove');

  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Remove this laptop' }).click();
  await page.locator('#sync-status', { hasText: 'Alex’s laptop is removed' }).waitFor();
  await settle(page);
  assert.deepEqual(await calls(page, 'remove_device'), [{ device: 'dev-alex' }]);
  assert.match(await page.locator('#sync-devices li').nth(1).textContent(), /Removed: what it writes now is ignored/);
  assert.equal(await focusedId(page), 'sync-devices-title', 'focus goes to the list of laptops');
  await clean(page);
});

test('names and notes from the folder are text, never markup', async () => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  const page = await openSettings({
    ...PAIRED,
    sync: {
      ...PAIRED.sync,
      devices: [THIS, { id: 'dev-x', name: `<b>${evil}</b>`, lastHeard: ago(1), removed: false, thisLaptop: false }],
      notes: [
        { device: 'dev-x', text: `A file was cut short and skipped for now ${evil}` },
        { device: null, text: 'A file from another couple’s journal was skipped.' },
      ],
    },
  });
  assert.equal(await page.locator('#settings-sync img, #settings-sync b').count(), 0, 'no element made from a name or a note');
  const notes = await page.locator('#sync-notes li').allTextContents();
  assert.deepEqual(notes, [`<b>${evil}</b>: A file was cut short and skipped for now ${evil}`, 'A file from another couple’s journal was skipped.']);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await clean(page);
});

test('Sync now keeps focus and says what it did; a failure is said calmly; Stop syncing asks, then offers the folder again', async () => {
  const page = await openSettings(PAIRED);
  await page.locator('#sync-now').focus();
  await page.keyboard.press('Enter');
  await page.locator('#sync-status', { hasText: 'looked in the folder just now' }).waitFor();
  await settle(page);
  assert.equal(await focusedId(page), 'sync-now', 'focus stays on Sync now');
  assert.match(await page.textContent('#sync-last'), /Hearth last looked in the folder/);

  await page.evaluate(() => { window.__failNext = { kind: 'desktop', message: 'Your computer didn’t let Hearth read the sync folder (it may be unplugged). Your journal is fine; nothing in it changed.' }; });
  await page.keyboard.press('Enter');
  await page.locator('#sync-error', { hasText: 'it may be unplugged' }).waitFor();
  await settle(page);
  assert.equal(await focusedId(page), 'sync-now', 'after a failure, focus is still on Sync now');

  await page.locator('#sync-stop').click();
  const dialog = page.getByRole('dialog', { name: 'Stop syncing this laptop?' });
  await dialog.getByRole('button', { name: 'Stop syncing' }).click();
  await page.locator('#sync-choose').waitFor();
  await settle(page);
  assert.equal(await calls(page, 'stop_syncing').then((c) => c.length), 1);
  assert.equal(await focusedId(page), 'sync-choose', 'focus goes to “Choose a sync folder”');
  assert.match(await page.textContent('#sync-status'), /stopped syncing/);
  await clean(page);
});

test('first run: join with the folder and the pairing code; wrong codes keep what was typed', async () => {
  const page = await h.open({ cfg: { phase: 'setup', pickFolder: '/home/alex/Sync/Hearth' } });
  await page.getByRole('button', { name: 'Join a journal from another laptop' }).click();
  assert.equal(await focusedId(page), 'join-choose', 'the offer at the top leads to the folder');
  const join = page.getByRole('form', { name: 'Join a journal from another laptop' });

  await join.getByRole('button', { name: 'Join' }).click();
  await page.locator('#join-error', { hasText: 'Please choose the sync folder first' }).waitFor();
  assert.equal(await focusedId(page), 'join-choose', 'no folder yet: focus goes to the folder button');

  await page.keyboard.press('Enter');
  await page.locator('#join-folder', { hasText: '/home/alex/Sync/Hearth' }).waitFor();
  assert.equal(await focusedId(page), 'join-code', 'a folder chosen: on to the code');

  await page.keyboard.press('Enter');
  await page.locator('#join-code-error', { hasText: 'Please type the pairing code' }).waitFor();
  assert.equal(await focusedId(page), 'join-code');

  await page.getByLabel('Pairing code').fill('K7P-4QX-9MX');
  await page.keyboard.press('Enter');
  await page.locator('#join-error', { hasText: 'That pairing code doesn’t match' }).waitFor();
  await settle(page);
  assert.equal(await page.inputValue('#join-code'), 'K7P-4QX-9MX', 'the code typed is kept to correct');
  assert.equal(await focusedId(page), 'join-code', 'focus goes back to the code');

  await page.getByLabel('Pairing code').fill(' k7p 4qx 9mt ');
  await page.keyboard.press('Enter');
  await page.locator('#view-today').waitFor();
  assert.equal((await page.textContent('#writer-indicator')).trim(), 'Writing as Sam', 'the journal the other laptop keeps is open');
  assert.deepEqual((await calls(page, 'join_journal')).at(-1), { path: '/home/alex/Sync/Hearth', code: 'k7p 4qx 9mt' });
  await clean(page);
});

test('the new modules are fetched only where they are used, never with Today', async () => {
  const fetched = (page) => page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));
  const page = await h.open({ cfg: READY, hash: '#/today' });
  await page.locator('#view-today').waitFor();
  await settle(page);
  const today = await fetched(page);
  for (const module of ['/js/views/settings-sync.js', '/js/views/setup-join.js']) {
    assert.ok(!today.includes(module), `Today does not fetch ${module}`);
  }
  await page.locator('#nav-settings').click();
  await page.locator('#settings-sync-title').waitFor();
  assert.ok((await fetched(page)).includes('/js/views/settings-sync.js'), 'Settings fetches Two laptops when it opens');
  await settle(page);
  await clean(page);
});

/** The other laptop's entry lands in the fake core, then the shell says so. */
const arrive = (page, body) => page.evaluate((words) => {
  const st = window.__HEARTH_STATE__;
  const writer = st.writerId;
  st.writerId = 2;
  window.__HEARTH_JOURNAL__.create_entry({ input: { body: words } });
  st.writerId = writer;
  window.__reminderChannel.onmessage({ type: 'arrived' });
}, body);

test('what the other laptop wrote shows in the journal at once, without going elsewhere and back', async () => {
  const page = await h.open({ cfg: { ...READY, entries: [{ author: 1, body: 'Written here first.' }] }, hash: '#/journal' });
  await page.locator('#timeline-list .entry-card').first().waitFor();
  await settle(page);
  await arrive(page, 'Written on Alex’s laptop.');
  await page.locator('#timeline-list .entry-card', { hasText: 'Written on Alex’s laptop.' }).waitFor({ timeout: 5000 });
  assert.equal(await page.locator('#arrival-note').isVisible(), false, 'nothing in use: drawn again, no line to press');
  assert.ok(await page.locator('#timeline-list .entry-card', { hasText: 'Written here first.' }).count(), 'what was there stays');
});

test('while someone is typing, what arrived waits behind “Show them”, and the words typed stay', async () => {
  const page = await h.open({ cfg: READY, hash: '#/journal' });
  const body = page.getByLabel('What would you like to say?');
  await body.fill('Half a sentence about Sunday');
  await settle(page);
  await arrive(page, 'Written on Alex’s laptop meanwhile.');
  await page.locator('#arrival-note').waitFor();
  assert.match(await page.textContent('#arrival-note'), /New things arrived from the other laptop/);
  assert.equal(await body.inputValue(), 'Half a sentence about Sunday', 'the words being typed are not taken away');
  assert.equal(await page.locator('#timeline-list .entry-card', { hasText: 'meanwhile' }).count(), 0, 'the place is not drawn again under the typing');
  await page.getByRole('button', { name: 'Show them' }).click();
  await page.locator('#timeline-list .entry-card', { hasText: 'meanwhile' }).waitFor({ timeout: 5000 });
  await settle(page);
  assert.equal(await page.locator('#arrival-note').isVisible(), false, 'the line goes once pressed');
  assert.equal(await focusedId(page), 'journal-title', 'focus goes to the place’s heading');
  assert.equal(await page.getByLabel('What would you like to say?').inputValue(), 'Half a sentence about Sunday',
    'the words typed come back as a draft after the place is drawn again');
});
