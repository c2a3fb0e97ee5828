// The encrypted backup file in the page: "Save an encrypted backup" in Settings (two labelled passphrase fields, the sentence that nobody can open it without the passphrase, the save dialog), and "Bring back an encrypted backup" on the welcome; focus, words for every refusal, the bytes sent raw and the passphrase in a header.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, READY, clean } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

const PASS = 'a quiet morning walk';
const focused = (page) => page.evaluate(() => document.activeElement?.id);

test('settings: an encrypted backup needs its passphrase twice, says nobody can open it without, and tells where it went', async () => {
  const page = await h.open({ cfg: READY, hash: '#/settings' });
  const form = page.getByRole('form', { name: 'Save an encrypted backup' });
  await form.waitFor();
  assert.match(await form.textContent(), /Without this passphrase nobody can open the backup, not even us\./,
    'the promise is said before anything is saved');
  const save = form.getByRole('button', { name: 'Save an encrypted backup' });

  await save.click();
  await page.locator('#backup-passphrase-error', { hasText: 'Please choose a passphrase for the backup.' }).waitFor();
  assert.equal(await focused(page), 'backup-passphrase', 'an empty passphrase sends focus to its field');

  await form.getByLabel('Backup passphrase').fill(PASS);
  await form.getByLabel('Repeat the backup’s passphrase').fill('a quiet morning');
  await save.click();
  await page.locator('#backup-repeat-error', { hasText: 'aren’t the same' }).waitFor();
  assert.equal(await focused(page), 'backup-repeat', 'a repeat that differs sends focus to the repeat');
  assert.equal((await page.evaluate(() => window.__calls)).filter(([c]) => c === 'save_encrypted_backup').length, 0,
    'nothing is asked of the core before the two agree');

  await form.getByLabel('Backup passphrase').fill('short');
  await form.getByLabel('Repeat the backup’s passphrase').fill('short');
  await save.click();
  await page.locator('#backup-save-error', { hasText: 'at least 8 characters' }).waitFor();
  assert.equal(await focused(page), 'backup-passphrase', 'the core’s refusal is shown in words, focus on the passphrase');

  await form.getByLabel('Backup passphrase').fill(PASS);
  await form.getByLabel('Repeat the backup’s passphrase').fill(PASS);
  await page.keyboard.press('Enter');
  await page.locator('#backup-path', { hasText: /Hearth backup \d{4}-\d\d-\d\d\.hearthbackup$/ }).waitFor();
  assert.equal(await page.inputValue('#backup-passphrase'), '', 'the passphrase is not kept in the page once saved');
  assert.equal(await page.inputValue('#backup-repeat'), '');
  assert.equal(await focused(page), 'backup-save', 'focus stays on the button after saving');
  const call = await page.evaluate(() => window.__calls.filter(([c]) => c === 'save_encrypted_backup').at(-1)[1]);
  assert.equal(call.passphrase, PASS);
  assert.match(call.date, /^\d{4}-\d\d-\d\d$/, 'the local date names the file');

  await page.evaluate(() => { window.__dialogClosed = true; });
  await form.getByLabel('Backup passphrase').fill(PASS);
  await form.getByLabel('Repeat the backup’s passphrase').fill(PASS);
  await save.click();
  await page.locator('#backup-save-status', { hasText: 'Not saved: no place was chosen.' }).waitFor();
  assert.equal(await page.locator('#backup-path').isVisible(), false, 'no path when nothing was saved');
  await clean(page);
});

test('welcome: an encrypted backup brought to a new laptop opens with its passphrase, and refusals are said in words', async () => {
  const page = await h.open();
  const form = page.getByRole('form', { name: 'Bring back an encrypted backup' });
  await form.waitFor();
  const open = form.getByRole('button', { name: 'Open backup' });

  await open.click();
  await page.locator('#backup-open-error', { hasText: 'Please choose the backup file first.' }).waitFor();
  assert.equal(await focused(page), 'backup-file', 'with no file chosen, focus goes to the file field');

  await page.setInputFiles('#backup-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('nope') });
  await open.click();
  await page.locator('#backup-open-passphrase-error', { hasText: 'Please type the passphrase' }).waitFor();
  assert.equal(await focused(page), 'backup-open-passphrase');

  await form.getByLabel('Backup passphrase').fill(PASS);
  await open.click();
  await page.locator('#backup-open-error', { hasText: "isn't an encrypted Hearth backup" }).waitFor();
  assert.equal(await page.locator('#view-setup').isVisible(), true, 'a file that is not a backup leaves the welcome as it was');

  const backup = Buffer.concat([Buffer.from('Hearth backup\0'), Buffer.alloc(64, 7)]);
  await page.setInputFiles('#backup-file', { name: 'Hearth backup 2026-11-22.hearthbackup', mimeType: 'application/octet-stream', buffer: backup });
  await form.getByLabel('Backup passphrase').fill('un café 🌙');
  await open.click();
  await page.locator('#backup-open-error', { hasText: 'That passphrase doesn’t open this backup.' }).waitFor();
  assert.equal(await focused(page), 'backup-open-passphrase', 'a wrong passphrase is selected for typing again');
  const sent = await page.evaluate(() => {
    const [, bytes] = window.__calls.filter(([c]) => c === 'import_encrypted_backup').at(-1);
    return { raw: bytes instanceof Uint8Array, length: bytes.length, header: window.__backupHeaders['hearth-passphrase'] };
  });
  assert.deepEqual(sent, { raw: true, length: backup.length, header: encodeURIComponent('un café 🌙') },
    'the file goes as its raw bytes, the passphrase percent-encoded in a header');

  await form.getByLabel('Backup passphrase').fill(PASS);
  await page.keyboard.press('Enter');
  await page.locator('#view-today').waitFor();
  assert.equal((await page.textContent('#writer-indicator')).trim(), 'Writing as Robin', 'the journal the backup brought replaces the welcome');
  await clean(page);
});
