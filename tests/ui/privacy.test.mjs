// Passphrases in the page: Settings → Privacy sets, changes and removes
// one (saying first what forgetting means, showing the recovery key once);
// "Switch to" a partner with a passphrase asks for it; Hearth opened while
// that partner was writing shows only the unlock step. Labels, focus after
// each action, and the keyboard.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, READY, clean } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

const focused = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim());

test('Settings → Privacy: warned first, the recovery key shown once, then change and remove', async () => {
  const page = await h.open({ cfg: READY, hash: '#/settings' });
  const section = page.locator('#settings-privacy');
  await section.getByRole('heading', { name: 'Privacy' }).waitFor();
  assert.match(await section.textContent(), /can’t be recovered by anyone/, 'before setting, it says plainly what forgetting means');
  assert.match(await section.textContent(), /encrypted only by “Lock Hearth”/, 'it promises an encrypted file only with Lock Hearth');

  await section.getByRole('button', { name: 'Set a passphrase' }).click();
  assert.equal(await focused(page), 'privacy-set-form-new', 'focus goes to the first new field');
  await page.getByLabel('New passphrase').fill('a long walk home');
  await section.getByLabel('Repeat the passphrase').fill('a long walk hom');
  await page.keyboard.press('Enter');
  await section.getByRole('alert').getByText('aren’t the same').waitFor();
  assert.equal(await focused(page), 'privacy-set-form-new', 'after a refusal focus is back on the first field');

  await section.getByLabel('Repeat the passphrase').fill('a long walk home');
  await section.getByRole('button', { name: 'Set the passphrase' }).click();
  const key = page.locator('#privacy-recovery-key');
  await key.waitFor();
  assert.equal((await key.textContent()).trim(), '7K2M-9QXD-4HBT-0WSA-PZ8N-3CEF-MV6R-1JYG');
  assert.equal(await focused(page), 'privacy-recovery-title', 'the recovery key’s heading takes focus');
  assert.match(await section.textContent(), /only this once/);
  const set = (await page.evaluate(() => window.__calls)).findLast(([c]) => c === 'set_passphrase');
  assert.deepEqual(set[1], { passphrase: 'a long walk home', repeat: 'a long walk home' });

  await section.getByRole('button', { name: 'Save it as a file' }).click();
  await page.locator('#privacy-recovery-saved').getByText('Hearth recovery key.txt').waitFor();
  const saved = (await page.evaluate(() => window.__calls)).findLast(([c]) => c === 'save_recovery_key');
  assert.equal(saved[1].recoveryKey, '7K2M-9QXD-4HBT-0WSA-PZ8N-3CEF-MV6R-1JYG', 'the key shown is the key saved');

  await section.getByRole('button', { name: 'I’ve written it down' }).click();
  assert.equal(await key.count(), 0, 'the key is shown once, then gone');
  assert.equal(await focused(page), 'privacy-change');

  await page.keyboard.press('Enter');
  await page.getByLabel('Current passphrase').fill('not it at all');
  await page.getByLabel('New passphrase').fill('a quiet harbour');
  await section.getByLabel('Repeat the passphrase').fill('a quiet harbour');
  await page.keyboard.press('Enter');
  await section.getByRole('alert').getByText('isn’t your current passphrase').waitFor();
  await page.getByLabel('Current passphrase').fill('a long walk home');
  await section.getByRole('button', { name: 'Change the passphrase' }).click();
  await page.locator('#privacy-status').getByText('is changed').waitFor();
  assert.equal(await focused(page), 'privacy-change');

  await section.getByRole('button', { name: 'Remove the passphrase' }).click();
  await page.getByLabel('Current passphrase').fill('a quiet harbour');
  await section.getByRole('button', { name: 'Remove the passphrase' }).click();
  await page.locator('#privacy-status').getByText('is removed').waitFor();
  assert.equal(await focused(page), 'privacy-set', 'focus is on "Set a passphrase" again');
  await clean(page);
});

test('Switch to a partner with a passphrase asks for it; wrong is refused calmly, Escape keeps the writer', async () => {
  const page = await h.open({ cfg: { ...READY, writerId: 2, passphrases: { 1: 'a long walk home' } } });
  await page.getByRole('button', { name: 'Switch to Sam' }).click();
  const dialog = page.getByRole('dialog', { name: 'Switch to Sam' });
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.type), 'password', 'focus is in the Passphrase field');
  assert.ok(await dialog.getByLabel('Passphrase', { exact: true }).isVisible());
  assert.equal((await page.evaluate(() => window.__calls)).filter(([c]) => c === 'set_writer').length, 0,
    'no switch is asked for without the passphrase');

  await dialog.getByLabel('Passphrase', { exact: true }).fill('not it');
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await dialog.getByRole('alert').getByText('didn’t open Sam’s pages').waitFor();
  assert.equal((await page.textContent('#writer-indicator')).trim(), 'Writing as Alex');

  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'switch-writer', 'closing gives focus back to the switch button');
  assert.equal((await page.textContent('#writer-indicator')).trim(), 'Writing as Alex');

  await page.keyboard.press('Control+Shift+S');
  await dialog.waitFor();
  await page.keyboard.type('a long walk home');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  await page.locator('#writer-indicator', { hasText: 'Writing as Sam' }).waitFor();
  await clean(page);
});

test('Hearth opened while a partner with a passphrase was writing shows only the unlock step', async () => {
  const page = await h.open({ cfg: { ...READY, passphrases: { 1: 'a long walk home' } } });
  await page.locator('#view-locked').waitFor();
  assert.equal(await page.locator('#view-today').count(), 0, 'nothing of the journal is drawn');
  assert.deepEqual((await page.evaluate(() => window.__calls)).map(([c]) => c).filter((c) => c !== 'report_ready'), ['first_screen'],
    'one question, answered with the names alone: nothing private is even asked for');
  assert.equal(await page.evaluate(() => document.activeElement.type), 'password');
  await page.getByLabel('Passphrase', { exact: true }).fill('a long walk home');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.locator('#view-today').waitFor();
  assert.equal((await page.textContent('#writer-indicator')).trim(), 'Writing as Sam');

  await page.goto(page.url().replace(/#.*$/, '#/settings'));
  await page.getByRole('button', { name: 'Lock now' }).click();
  await page.locator('#view-locked').waitFor();
  await page.getByRole('button', { name: 'I’m Alex' }).click();
  await page.locator('#writer-indicator', { hasText: 'Writing as Alex' }).waitFor();
  await clean(page);
});

test('Lock and Ctrl+L: only for a writer with a passphrase; the page starts afresh on the lock screen', async () => {
  const SECRET = 'a word only Sam has written';
  const page = await h.open({
    cfg: { ...READY, passphrases: { 1: 'a long walk home' }, unlocked: 1, entries: [{ author: 1, body: SECRET, visibility: 'private' }] },
    hash: '#/journal',
  });
  await page.getByText(SECRET).first().waitFor();
  const lock = page.getByRole('button', { name: 'Lock', exact: true });
  assert.ok(await lock.isVisible(), 'Sam has a passphrase and is unlocked: the header offers Lock');
  assert.equal(await lock.getAttribute('aria-keyshortcuts'), 'Control+L');

  await page.keyboard.press('Control+l');
  await page.locator('#view-locked').waitFor();
  const everything = await page.evaluate(() => document.documentElement.outerHTML);
  assert.ok(!everything.includes(SECRET), 'after a lock the page holds nothing of the private entry, not even hidden');
  assert.equal(await page.locator('#writer-indicator').count(), 0, 'the header is gone, not hidden');
  assert.ok((await page.evaluate(() => window.__calls)).some(([c]) => c === 'first_screen'), 'the fresh page asked the core what to show');
  assert.equal(await page.evaluate(() => document.activeElement.type), 'password', 'focus waits in the Passphrase field');

  await page.getByRole('button', { name: 'I’m Alex' }).click();
  await page.locator('#writer-indicator', { hasText: 'Writing as Alex' }).waitFor();
  assert.ok(!(await lock.isVisible()), 'Alex has no passphrase: no Lock in the header');
  await page.keyboard.press('Control+l');
  await page.getByText('There’s nothing to lock').waitFor();
  await clean(page);
});

test('Settings → Privacy: Lock after and what locked reminders show are saved as chosen', async () => {
  const page = await h.open({ cfg: { ...READY, passphrases: { 1: 'a long walk home' }, unlocked: 1 }, hash: '#/settings' });
  const after = page.getByLabel('Lock after');
  await after.waitFor();
  assert.equal(await after.inputValue(), '10', 'ten minutes until chosen');
  const notice = page.getByLabel('While locked, reminders show');
  assert.equal(await notice.inputValue(), 'private', 'the private wording until chosen');
  await after.selectOption('5');
  await page.getByText('Hearth locks after 5 minutes').waitFor();
  await after.selectOption('never');
  await page.getByText('Hearth locks only when you lock it').waitFor();
  await notice.selectOption('name');
  await page.getByText('shows the ritual’s name').waitFor();
  const calls = (await page.evaluate(() => window.__calls)).filter(([c]) => c.startsWith('set_lock'));
  assert.deepEqual(calls, [['set_lock_after', { minutes: 5 }], ['set_lock_after', { minutes: null }], ['set_locked_notice', { notice: 'name' }]]);
  await clean(page);
});

test('Lock Hearth: explained plainly, the other partner agrees, and Hearth then opens to “Who’s here?”', async () => {
  const both = { 1: 'a long walk home', 2: 'a kettle on the stove' };
  let page = await h.open({ cfg: { ...READY, passphrases: { 1: both[1] }, unlocked: 1 }, hash: '#/settings' });
  const group = page.locator('#privacy-lock-hearth');
  await group.getByText('hasn’t set one yet').waitFor();
  assert.match(await group.textContent(), /needs a passphrase for each of you, and Alex hasn’t/, 'it says plainly who still needs one');
  assert.equal(await group.getByRole('button').count(), 0, 'nothing to press until both have one');
  await clean(page);

  page = await h.open({ cfg: { ...READY, passphrases: both, unlocked: 1 }, hash: '#/settings' });
  const ready = page.locator('#privacy-lock-hearth');
  await ready.getByRole('button', { name: 'Turn on Lock Hearth' }).waitFor();
  assert.match(await ready.textContent(), /removes the plain file.*encrypts the 2 snapshots/s, 'before turning it on, it says what goes');
  await page.getByLabel('Alex’s passphrase').fill('not Alex’s');
  await ready.getByRole('button', { name: 'Turn on Lock Hearth' }).click();
  await ready.getByRole('alert').getByText('isn’t Alex’s').waitFor();
  await page.getByLabel('Alex’s passphrase').fill(both[2]);
  await ready.getByRole('button', { name: 'Turn on Lock Hearth' }).click();
  await ready.getByText('Lock Hearth is on. The plain journal file is gone').waitFor();
  const sent = (await page.evaluate(() => window.__calls)).findLast(([c]) => c === 'set_lock_hearth');
  assert.deepEqual(sent[1], { on: true, otherPassphrase: both[2] });

  await page.getByRole('button', { name: 'Lock now' }).click();
  await page.getByRole('heading', { name: 'Who’s here?' }).waitFor();
  assert.equal(await page.locator('#writer-indicator').count(), 0, 'no header, no journal');
  await page.getByLabel('Alex').check();
  await page.getByLabel('Passphrase', { exact: true }).fill(both[2]);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.locator('#writer-indicator', { hasText: 'Writing as Alex' }).waitFor();
  await clean(page);
});
