// Data safety in the page: backups listed and restored only after a preview
// and a confirmation, a damaged journal recovered from its newest good
// backup, a real "Try again", and a full disk that keeps what was typed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, READY, clean } from './harness.mjs';

const DIR = '/home/sam/.local/share/app.hearth.desktop';
const BACKUPS = [
  {
    path: `${DIR}/backups/hearth-20261129T080000Z-daily.sqlite3`, takenAt: '2026-11-29T08:00:00Z', reason: 'daily', size: 3 * 1024 * 1024,
    preview: { entries: 42, rituals: 3, lastEntryAt: '2026-11-28T21:15:00Z' },
  },
  { path: `${DIR}/backups/hearth-20261120T080000Z-before-empty-trash.sqlite3`, takenAt: '2026-11-20T08:00:00Z', reason: 'before-empty-trash', size: 900 * 1024 },
];
const DAMAGED = {
  kind: 'damaged_database',
  message: 'Your journal file is damaged, so Hearth left it exactly as it is.',
  path: `${DIR}/hearth.sqlite3`,
  recoverable: { path: BACKUPS[0].path, takenAt: BACKUPS[0].takenAt, reason: 'daily' },
};

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

test('settings: backups are listed with their folder, local dates, plain reasons and sizes', async () => {
  const page = await h.open({ cfg: { ...READY, backups: BACKUPS }, hash: '#/settings' });
  await page.getByRole('heading', { name: 'Backups' }).waitFor();
  assert.equal(await page.textContent('#backup-folder'), `${DIR}/backups`);
  const rows = page.locator('#backup-list .backup-item');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 2);
  const first = await rows.first().textContent();
  assert.match(first, /Daily copy/);
  assert.match(first, /3 MB/);
  const expected = await page.evaluate((iso) => new Intl.DateTimeFormat(undefined, {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(new Date(iso)), BACKUPS[0].takenAt);
  assert.match(first, new RegExp(expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the date is in local time');
  assert.match(await rows.nth(1).textContent(), /Before a trash was emptied.*900 KB/);

  const empty = await h.open({ cfg: READY, hash: '#/settings' });
  await empty.getByText('No backups yet.', { exact: false }).waitFor();
  await clean(empty);
  await clean(page);
});

test('settings: "Take a snapshot now" takes one and lists it first', async () => {
  const page = await h.open({ cfg: { ...READY, backups: BACKUPS }, hash: '#/settings' });
  await page.locator('#backup-list .backup-item').first().waitFor();
  await page.getByRole('button', { name: 'Take a snapshot now' }).click();
  await page.getByText(/Snapshot taken and checked/).waitFor();
  assert.equal(await page.locator('#backup-list .backup-item').count(), 3);
  assert.match(await page.locator('#backup-list .backup-item').first().textContent(), /Taken by hand/);
  await clean(page);
});

test('settings: restore previews what the backup holds, asks, says the current file is kept aside, then reloads', async () => {
  const page = await h.open({ cfg: { ...READY, backups: BACKUPS }, hash: '#/settings' });
  const restore = page.getByRole('button', { name: /Restore the backup from/ }).first();
  await restore.click();
  const dialog = page.getByRole('dialog', { name: /Bring back the backup from/ });
  await dialog.waitFor();
  const text = await dialog.textContent();
  assert.match(text, /42 journal entries and 3 rituals/);
  assert.match(text, /newest entry was written/);
  assert.match(text, /kept aside in \/home\/sam\/.*\/set-aside, never overwritten or deleted/);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await page.evaluate(() => window.__restored), [], 'Escape restores nothing');

  await restore.click();
  await page.getByRole('button', { name: 'Restore this backup' }).click();
  await page.locator('.toast', { hasText: /Your journal is back as it was on .*set-aside/ }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__restored), [BACKUPS[0].path], 'exactly the listed path was sent');
  const calls = await page.evaluate(() => window.__calls.map(([c]) => c));
  assert.ok(calls.lastIndexOf('get_state') > calls.indexOf('restore_backup'), 'the app asks for its state again after the restore');
  await page.locator('#view-settings').waitFor();
  await clean(page);
});

test('settings: a refused restore says why in words and leaves the list as it was', async () => {
  const page = await h.open({ cfg: { ...READY, backups: BACKUPS }, hash: '#/settings' });
  await page.locator('#backup-list .backup-item').first().waitFor();
  await page.evaluate(() => { window.__failing = { preview_backup: { kind: 'damaged_database', message: 'That backup is damaged, so it was not used.' } }; });
  await page.getByRole('button', { name: /Restore the backup from/ }).first().click();
  await page.getByRole('alert').filter({ hasText: 'That backup is damaged, so it was not used.' }).waitFor();
  assert.equal(await page.getByRole('dialog').count(), 0, 'no confirmation for a backup that can’t be used');
  assert.equal(await page.locator('#backup-list .backup-item').count(), 2);
  await clean(page);
});

test('unavailable: a damaged file offers the newest good snapshot, says where the file is and that it is moved aside', async () => {
  const page = await h.open({ cfg: { phase: 'unavailable', problem: DAMAGED, partners: READY.partners, writerId: 1 } });
  assert.equal(await page.textContent('#problem-path'), `${DIR}/hearth.sqlite3`);
  await page.getByRole('heading', { name: 'A good backup is here' }).waitFor();
  const offer = await page.locator('.recover').textContent();
  assert.match(offer, /daily copy/);
  assert.match(offer, /moves the damaged file to .*set-aside.*never deleted/);
  const button = page.getByRole('button', { name: 'Restore the newest good snapshot' });
  await button.click();
  await page.locator('#view-today').waitFor();
  await page.locator('.toast', { hasText: /back as it was on .*The damaged file is kept at/ }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__restored), [BACKUPS[0].path]);
  await clean(page);

  // No good snapshot: nothing is offered, only the calm words.
  const none = await h.open({ cfg: { phase: 'unavailable', problem: { ...DAMAGED, recoverable: null } } });
  await none.locator('#unavailable-message').waitFor();
  assert.equal(await none.getByRole('button', { name: 'Restore the newest good snapshot' }).count(), 0);
  assert.match(await none.textContent('#unavailable-next'), /put it back in its place and try again/);
  await clean(none);
});

test('unavailable: Try again asks the core to open the file afresh, and opens the app once it can', async () => {
  const problem = { kind: 'storage', message: 'The disk is full.', path: `${DIR}/hearth.sqlite3`, recoverable: null };
  const page = await h.open({ cfg: { phase: 'unavailable', problem } });
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByText('Still not able to open it. Nothing was changed.').waitFor();
  assert.ok(await page.evaluate(() => window.__calls.some(([c]) => c === 'reopen')), 'Try again reopens, not just asks');
  await clean(page);

  const fixed = await h.open({ cfg: { phase: 'unavailable', problem, reopenOpens: true } });
  await fixed.getByRole('button', { name: 'Try again' }).click();
  await fixed.locator('#view-today').waitFor();
  await clean(fixed);
});

test('a full disk: saving fails in words, the text stays in the editor, and a retry works once space frees', async () => {
  const page = await h.open({ cfg: READY, hash: '#/journal' });
  const body = page.getByLabel('What would you like to say?');
  await body.fill('The words before the disk filled');
  await page.waitForFunction(() => window.__HEARTH_JOURNAL__.get_draft({ key: 'new' })?.content.body === 'The words before the disk filled');
  const full = { kind: 'storage', message: 'The disk is full, so this could not be saved. Free some space and try again.' };
  await page.evaluate((f) => { window.__failing = { create_entry: f, save_draft: f }; }, full);

  await body.fill('The words typed while the disk was full');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByRole('alert').filter({ hasText: full.message }).waitFor();
  assert.equal(await body.inputValue(), 'The words typed while the disk was full', 'the text stays in the editor');
  await page.getByText(/Your draft couldn't be kept just now: The disk is full/).waitFor();
  const kept = await page.evaluate(() => window.__HEARTH_JOURNAL__.get_draft({ key: 'new' }));
  assert.equal(kept.content.body, 'The words before the disk filled', 'the draft kept before the disk filled is still there');

  // Space is freed; the same button saves what is in the editor.
  await page.evaluate(() => { window.__failing = null; });
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.locator('#timeline-list .entry-card', { hasText: 'The words typed while the disk was full' }).waitFor();
  assert.equal(await body.inputValue(), '');
  await page.waitForFunction(() => window.__HEARTH_JOURNAL__.get_draft({ key: 'new' }) === null);
  await clean(page);
});

test('an argument Tauri refuses before the core reaches people as a calm invalid_input', async () => {
  const page = await h.open({ cfg: READY, hash: '#/settings' });
  // Settings asks for its own things as it loads; let those finish, so the
  // failure set below meets the call made here.
  await page.getByRole('region', { name: 'Settings', exact: true }).waitFor();
  await page.waitForFunction(() => window.__inflight === 0);
  const result = await page.evaluate(async () => {
    window.__failNext = 'invalid args `partnerId` for command `update_partner`: invalid type: string "x", expected i64';
    const { api } = await import('./js/api.js');
    try { await api.updatePartner(1, { name: 'Sam' }); return null; } catch (err) { return { kind: err.kind, message: err.message }; }
  });
  assert.deepEqual(result, { kind: 'invalid_input', message: "Hearth couldn't read that request, so nothing was changed. Please try again." });
  page.problems.splice(0); // the detail is logged for developers on purpose
  await clean(page);
});
