// Page checks of reminders: the in-app banner with Done / Snooze / Skip,
// Settings → Reminders, and the question asked on close where there is no tray.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, READY, clean } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

const item = (over) => ({
  key: 'ritual:abc:2026-11-23', kind: 'ritual', ritualId: 1, date: '2026-11-23',
  title: 'Tea on the balcony', body: 'Ten quiet minutes.', dueAt: '2026-11-23T06:00:00Z',
  localTime: '07:00', late: false, ...over,
});

function send(page, message) {
  return page.evaluate((m) => window.__reminderChannel.onmessage(m), message);
}

test('a reminder shows as a banner; Snooze and Done answer it and it goes', async () => {
  const page = await h.open({ cfg: READY, hash: '#/today' });
  await page.waitForFunction(() => window.__reminderChannel?.onmessage);
  assert.equal(await page.isHidden('#reminder-banner'), true, 'no banner until a reminder comes');
  await send(page, { type: 'reminder', notice: { title: 'Tea on the balcony', body: '', items: [item()] } });
  const banner = page.locator('#reminder-banner');
  await banner.getByText('Tea on the balcony').waitFor();
  assert.match(await banner.textContent(), /Ten quiet minutes\. · 07:00/, 'its why and its time');
  for (const name of ['Done', 'Snooze 10 min', 'Snooze 30 min', 'Snooze 60 min', 'Skip', 'Dismiss']) {
    assert.equal(await banner.getByRole('button', { name }).count(), 1, `a ${name} button`);
  }
  await banner.getByRole('button', { name: 'Snooze 30 min' }).click();
  await page.waitForFunction(() => document.getElementById('reminder-banner').hidden);
  assert.deepEqual(await page.evaluate(() => window.__reminderAnswers), [['snooze', 'ritual:abc:2026-11-23', 30]]);

  await send(page, { type: 'reminder', notice: { title: 'x', body: '', items: [item({ key: 'k2', late: true })] } });
  await banner.getByText('Was due at 07:00 · Ten quiet minutes.').waitFor();
  await banner.getByRole('button', { name: 'Done' }).click();
  await page.waitForFunction(() => document.getElementById('reminder-banner').hidden);
  assert.deepEqual((await page.evaluate(() => window.__reminderAnswers))[1], ['done', 'k2']);

  await send(page, { type: 'reminder', notice: { title: 'x', body: '', items: [item({ key: 'c', kind: 'checkin', ritualId: null, title: 'Your weekly check-in' })] } });
  await banner.getByText('Your weekly check-in').waitFor();
  assert.equal(await banner.getByRole('button', { name: 'Done' }).count(), 0, 'Done and Skip are for rituals only');
  await clean(page);
});

test('a reminder answered from its notification leaves the banner, and a click on one opens its ritual', async () => {
  const page = await h.open({ cfg: READY, hash: '#/today' });
  await page.waitForFunction(() => window.__reminderChannel?.onmessage);
  await send(page, { type: 'reminder', notice: { title: 'x', body: '', items: [item(), item({ key: 'other', title: 'Evening walk' })] } });
  const banner = page.locator('#reminder-banner');
  await banner.getByText('Evening walk').waitFor();
  await send(page, { type: 'answered', key: 'ritual:abc:2026-11-23', said: 'Marked “Tea on the balcony” done.' });
  await page.waitForFunction(() => !document.querySelector('[data-key="ritual:abc:2026-11-23"]'));
  assert.equal(await banner.getByText('Evening walk').count(), 1, 'only the answered reminder goes');
  await page.waitForFunction(() => document.getElementById('announcer')?.textContent === 'Marked “Tea on the balcony” done.', null, { timeout: 5_000 })
    .catch(() => assert.fail('what the core said is announced'));
  assert.equal((await page.evaluate(() => window.__reminderAnswers ?? [])).length, 0, 'the page answers nothing itself: the core already did');
  await send(page, { type: 'navigate', route: 'rituals/ritual/1' });
  await page.waitForFunction(() => window.location.hash === '#/rituals/ritual/1');
  await clean(page);
});

test('Settings → Reminders saves quiet hours and pause, and says when there is no tray', async () => {
  const page = await h.open({ cfg: READY, hash: '#/settings' });
  const section = page.locator('#settings-reminders');
  await section.getByText('Reminders are on.').waitFor();
  assert.match(await section.textContent(), /shows no tray icons/, 'no tray here: closing quits');
  await page.getByLabel('Hold reminders during quiet hours').check();
  await section.getByText(/^Quiet hours are on, from .+ to .+\. Reminders wait until they end\.$/).waitFor();
  const quiet = (await page.evaluate(() => window.__calls)).filter(([c]) => c === 'set_quiet_hours').pop();
  assert.deepEqual(quiet[1], { start: '22:00', end: '07:00' });
  await page.getByRole('button', { name: 'Pause for an hour' }).click();
  await section.getByText(/Reminders are paused until/).waitFor();
  await page.getByRole('button', { name: 'Resume reminders' }).click();
  await section.getByText('Reminders are on.').waitFor();
  await clean(page);
});

test('closing where there is no tray asks before quitting', async () => {
  const page = await h.open({ cfg: READY, hash: '#/today' });
  await page.waitForFunction(() => window.__reminderChannel?.onmessage);
  send(page, { type: 'closeRequested' });
  const dialog = page.getByRole('dialog', { name: 'Close Hearth?' });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /no reminders will come/);
  await dialog.getByRole('button', { name: 'Keep it open' }).click();
  await dialog.waitFor({ state: 'detached' });
  const quit = (await page.evaluate(() => window.__calls)).filter(([c]) => c === 'quit_hearth');
  assert.equal(quit.length, 0, 'kept open: Hearth does not quit');
  await clean(page);
});

test('quiet hours: a styled checkbox, From and To side by side (also at 600px), and a word by them for on, changed and off', async () => {
  for (const width of [1100, 600]) {
    const page = await h.open({ cfg: READY, hash: '#/settings', width });
    const group = page.locator('#reminders-quiet');
    await page.locator('#settings-reminders').getByText('Reminders are on.').waitFor();
    const on = page.getByLabel('Hold reminders during quiet hours');
    assert.equal(await on.getAttribute('class'), 'checkbox', 'styled like the other checkboxes');
    const [accent, box] = await on.evaluate((el) => [getComputedStyle(el).accentColor, el.getBoundingClientRect().width]);
    assert.notEqual(accent, 'auto', 'it takes the page’s accent colour');
    assert.ok(box > 16, `and the checkboxes’ size (${box}px)`);
    const from = await page.getByLabel('From', { exact: true }).boundingBox();
    const to = await page.getByLabel('To', { exact: true }).boundingBox();
    assert.ok(Math.abs(from.y - to.y) < 2 && to.x > from.x + from.width, `From and To sit side by side at ${width}px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, `no overflow at ${width}px`);

    const said = (hhmm) => page.evaluate((t) => {
      const [hh, mm] = t.split(':').map(Number);
      return new Date(2000, 0, 1, hh, mm).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    }, hhmm);
    const status = group.getByRole('status');
    await on.check();
    await group.getByText(`Quiet hours are on, from ${await said('22:00')} to ${await said('07:00')}. Reminders wait until they end.`).waitFor();
    await page.getByLabel('From', { exact: true }).fill('23:30');
    await page.getByLabel('From', { exact: true }).dispatchEvent('change');
    await group.getByText(`Quiet hours are now from ${await said('23:30')} to ${await said('07:00')}.`).waitFor();
    const quiet = (await page.evaluate(() => window.__calls)).filter(([c]) => c === 'set_quiet_hours').pop();
    assert.deepEqual(quiet[1], { start: '23:30', end: '07:00' });
    await on.uncheck();
    await group.getByText('Quiet hours are off: reminders come at their time.').waitFor();
    assert.equal(await status.count(), 1, 'the word is in the quiet-hours group, as a status');
    assert.equal(await page.getByLabel('From', { exact: true }).isDisabled(), true, 'off: the times rest');
    await clean(page);
  }
});
