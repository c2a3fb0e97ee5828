// Today's rituals, the Rituals place, commitments and the weekly check-in
// against the fake backend: titles and answers stay text, one click marks a
// ritual and Undo takes it back, errors appear by the form with what was
// typed kept, and a check-in stays hidden until both have shared.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, READY, clean, noDialogs } from './harness.mjs';

const XSS = '<img src=x onerror=alert(1)>';
// Words a gentle consistency view never uses.
const SHAMING = /\b(fail(ed|ure)?|broke(n)?|streak lost|missed out|lazy|shame)\b/i;

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

const settle = (page) => page.waitForFunction(() => window.__inflight === 0, null, { polling: 50 });

test('today: a ritual titled with markup is text; "We did it" grows the run, Undo takes it back, Skip is gentle', async () => {
  const page = await h.open({ cfg: { ...READY, rituals: [{ title: XSS, intention: 'Because <b>we</b> can' }] }, hash: '#/today' });
  const dialogs = noDialogs(page);
  const item = page.locator('#today-ritual-list > li').first();
  await item.waitFor();
  assert.equal(await item.locator('.ritual-title').textContent(), XSS, 'the title is shown exactly as typed');
  assert.match(await item.locator('.ritual-why').textContent(), /<b>we<\/b>/);
  assert.equal(await page.locator('#today-rituals img, #today-rituals b').count(), 0, 'no element was made from the text');
  assert.equal(await page.locator('#today-empty').isVisible(), false, 'the "nothing due" note gives way to the ritual');

  await item.getByRole('button', { name: 'We did it' }).click();
  await page.locator('#today-ritual-list .occurrence-state--done').waitFor();
  assert.match(await page.locator('#today-ritual-list').textContent(), /Kept the last time/, 'the run is shown after marking, as people say it');
  assert.doesNotMatch(await page.locator('#today-ritual-list').textContent(), /once in a row/, 'never “once in a row”');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Undo', 'focus lands on Undo, so a slip is one key away');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'We did it' }).waitFor();
  assert.doesNotMatch(await page.locator('#today-ritual-list').textContent(), /Kept the last/, 'undo takes the mark back');

  await page.getByText('Add a note or a reason').click();
  await page.getByLabel('A note (or why you skip this time)').fill('Working late, tomorrow instead');
  await page.getByRole('button', { name: 'Skip this time' }).click();
  await page.locator('.occurrence-state--skipped').waitFor();
  const text = await page.locator('#today-rituals').textContent();
  assert.match(text, /Skipped this time/);
  assert.match(text, /Reason: Working late, tomorrow instead/);
  assert.doesNotMatch(text, SHAMING, 'no shaming words');
  assert.deepEqual(dialogs, []);
  await clean(page);
});

test('today: an error from the core shows by the ritual and keeps the note typed', async () => {
  const page = await h.open({ cfg: { ...READY, rituals: [{ title: 'Evening walk' }] }, hash: '#/today' });
  await page.getByText('Add a note or a reason').click();
  await page.getByLabel('A note (or why you skip this time)').fill('Lovely light by the river');
  await page.evaluate(() => { window.__failNext = { kind: 'storage', message: 'The disk is full. Nothing was changed.' }; });
  await page.getByRole('button', { name: 'We did it' }).click();
  const alert = page.locator('#today-ritual-list [role="alert"]');
  await alert.waitFor();
  assert.equal(await alert.textContent(), 'The disk is full. Nothing was changed.');
  assert.equal(await page.getByLabel('A note (or why you skip this time)').inputValue(), 'Lovely light by the river', 'the note is kept');
  await page.getByLabel('When we did it, put the note in the journal too').check();
  await page.getByRole('button', { name: 'We did it' }).click();
  await page.locator('.occurrence-note-text').waitFor();
  assert.match(await page.locator('.occurrence-note-text').textContent(), /also in the journal/, 'the note became a journal entry');
  await clean(page);
});

test('today: the seventh time kept is celebrated in warm words, not counted against', async () => {
  const page = await h.open({ cfg: { ...READY, rituals: [{ title: 'Morning coffee', keptDays: 6 }] }, hash: '#/today' });
  await page.locator('#today-ritual-list').waitFor();
  assert.match(await page.locator('#today-ritual-list').textContent(), /Kept the last 6 times in a row/, 'a run of many says how many');
  assert.equal(await page.locator('.celebration').count(), 0, 'nothing to celebrate at six');
  await page.getByRole('button', { name: 'We did it' }).click();
  const cheer = page.locator('#today-ritual-list .celebration');
  await cheer.waitFor();
  assert.equal(await cheer.textContent(), 'Seven times kept. A rhythm is taking root.');
  assert.equal(await page.locator('#today-milestone').count(), 0, 'the same seven is not cheered twice (the ritual’s own word says it)');
  assert.doesNotMatch(await page.locator('#today-rituals').textContent(), SHAMING);
  await clean(page);
});

test('today: seven kept across rituals is cheered together', async () => {
  const page = await h.open({ cfg: { ...READY, rituals: [{ title: 'Morning coffee', keptDays: 3 }, { title: 'Evening walk', keptDays: 3 }] }, hash: '#/today' });
  await page.locator('#today-ritual-list').waitFor();
  await page.getByRole('button', { name: 'We did it' }).first().click();
  await page.locator('#today-milestone').waitFor();
  assert.match(await page.locator('#today-milestone').textContent(), /^Together: Seven times kept/);
  assert.equal(await page.locator('#today-ritual-list .celebration').count(), 0, 'no ritual reached a milestone on its own');
  await clean(page);
});

test('rituals: an idea is added in two clicks and opens its own page', async () => {
  const page = await h.open({ cfg: READY, hash: '#/rituals' });
  await page.locator('#rituals-empty').waitFor();
  await page.getByRole('link', { name: 'Add a ritual' }).first().click();
  await page.getByRole('button', { name: 'Add “Morning coffee together”' }).click();
  await page.locator('#ritual-page-title').waitFor();
  assert.equal(await page.locator('#ritual-page-title').textContent(), 'Morning coffee together');
  assert.match(await page.locator('#ritual-page').textContent(), /Every day at 07:30/);
  assert.match(await page.locator('#history-list').textContent(), /We did it/, 'today can be marked from its page');
  const add = await page.evaluate(() => window.__calls.find(([c]) => c === 'create_ritual_from_template')[1]);
  assert.equal(add.zone, await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), 'the zone is the system’s');
  await clean(page);
});

test('rituals: your own ritual; a bad zone is explained by the form and nothing typed is lost', async () => {
  const page = await h.open({ cfg: READY, hash: '#/rituals/add' });
  await page.getByLabel('Name').fill(XSS);
  await page.getByLabel('Once a month, on a weekday (like the first Saturday)').check();
  await page.getByLabel('Which one').selectOption('-1');
  await page.getByLabel('Weekday', { exact: true }).selectOption('FR');
  await page.getByLabel('Time zone').fill('Mars/Olympus_Mons');
  await page.getByRole('button', { name: 'Add this ritual' }).click();
  const alert = page.locator('.ritual-form [role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Mars\/Olympus_Mons/);
  assert.equal(await page.getByLabel('Name').inputValue(), XSS, 'the name is kept after an error');
  assert.equal(await page.getByLabel('Which one').inputValue(), '-1');
  const sent = await page.evaluate(() => window.__calls.filter(([c]) => c === 'create_ritual').at(-1)[1].input.schedule);
  assert.equal(sent, 'FREQ=MONTHLY;BYDAY=-1FR', 'the last Friday is sent as RRULE');

  await page.getByLabel('Time zone').fill('Europe/Berlin');
  await page.getByRole('button', { name: 'Add this ritual' }).click();
  await page.locator('#ritual-page-title').waitFor();
  assert.equal(await page.locator('#ritual-page-title').textContent(), XSS);
  assert.equal(await page.locator('#view-rituals img').count(), 0);
  await clean(page);
});

test('rituals: the form says when a new ritual first happens, and a ritual on the 30th is added and kept', async () => {
  const page = await h.open({ cfg: READY, hash: '#/rituals/add' });
  await page.getByLabel('Name').fill('Pay-day dinner');
  await page.getByLabel('Once a month, on a day of the month').check();
  await page.getByLabel('Day of the month', { exact: true }).fill('30');
  const first = page.locator('.ritual-first');
  const lastAsked = () => window.__calls.filter(([c]) => c === 'preview_ritual').at(-1)?.[1].input.schedule;
  await page.waitForFunction(() => /MONTHLY/.test(window.__calls.filter(([c]) => c === 'preview_ritual').at(-1)?.[1].input.schedule ?? ''));
  await settle(page);
  const asked = await page.evaluate(lastAsked);
  assert.equal(asked, 'FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1', 'the 30th is asked about the way the core keeps it');
  assert.match(await first.textContent(), /^First: .+, 19:00$/, 'the first date shows before saving');
  await page.getByRole('button', { name: 'Add this ritual' }).click();
  await page.locator('#ritual-page-title').waitFor();
  assert.match(await page.locator('#ritual-next').textContent(), /^Next: /, 'the ritual says when it is next');
  await clean(page);
});

test('rituals: every few days, every few months and once a year are chosen in the form and sent as the core keeps them', async () => {
  const page = await h.open({ cfg: READY, hash: '#/rituals/add' });
  const sentFor = (title) => page.evaluate((t) => window.__calls.filter(([c, a]) => c === 'create_ritual' && a.input.title === t).at(-1)?.[1].input.schedule, title);
  const add = async (title, choose) => {
    await page.getByLabel('Name').fill(title);
    await choose();
    await page.getByRole('button', { name: 'Add this ritual' }).click();
    await page.locator('#ritual-page-title', { hasText: title }).waitFor();
    const sent = await sentFor(title);
    await page.goto(`${page.url().split('#')[0]}#/rituals/add`);
    await page.getByLabel('Name').waitFor();
    return sent;
  };

  let sent = await add('A long walk', async () => {
    await page.getByLabel('Every few days').check();
    assert.equal(await page.getByLabel('Every how many weeks').isVisible(), false, 'only the fields of the chosen kind show');
    assert.equal(await page.getByLabel('Day of the month', { exact: true }).isVisible(), false);
    await page.getByLabel('Every how many days').fill('3');
  });
  assert.equal(sent, 'FREQ=DAILY;INTERVAL=3', 'every 3 days is sent as the core keeps it');

  sent = await add('Budget talk', async () => {
    await page.getByLabel('Every few months, on a day of the month').check();
    assert.equal(await page.getByLabel('Every how many months').isVisible(), true);
    await page.getByLabel('Every how many months').fill('2');
    await page.getByLabel('Day of the month', { exact: true }).fill('31');
  });
  assert.equal(sent, 'FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1', 'every 2 months on the 31st is every other month’s last day');

  sent = await add('A day out', async () => {
    await page.getByLabel('Every few months, on a weekday (like the first Saturday)').check();
    await page.getByLabel('Every how many months').fill('3');
    await page.getByLabel('Which one').selectOption('-1');
    await page.getByLabel('Weekday', { exact: true }).selectOption('FR');
  });
  assert.equal(sent, 'FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR', 'the last Friday of every third month');

  await page.getByLabel('Name').fill('The day we met');
  await page.getByLabel('Once a year, on a date').check();
  assert.equal(await page.getByLabel('Every how many months').isVisible(), false);
  await page.getByLabel('Month', { exact: true }).selectOption('2');
  await page.getByLabel('Day', { exact: true }).fill('29');
  assert.match(await page.locator('.schedule-year').textContent(), /29 February comes on 28 February in the years without one/,
    'the form says what happens to 29 February before anything is saved');
  assert.equal(await page.getByLabel('Day', { exact: true }).getAttribute('max'), '29', 'February has at most 29 days');
  await page.getByRole('button', { name: 'Add this ritual' }).click();
  await page.locator('#ritual-page-title', { hasText: 'The day we met' }).waitFor();
  assert.equal(await sentFor('The day we met'), 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1',
    'a yearly ritual on 29 February is sent so it falls on 28 February in other years, here and in calendar apps');
  assert.match(await page.locator('#ritual-page').textContent(), /Every year on 29 February/);
  await clean(page);
});

test('rituals: a yearly ritual opens for a change on its own date, and is saved unchanged', async () => {
  const rule = 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1';
  const page = await h.open({ cfg: { ...READY, rituals: [{ title: 'The day we met', schedule: rule }] }, hash: '#/rituals/edit/1' });
  await page.getByLabel('Once a year, on a date').waitFor();
  assert.equal(await page.getByLabel('Once a year, on a date').isChecked(), true, 'the kind it was saved with');
  assert.equal(await page.getByLabel('Month', { exact: true }).inputValue(), '2');
  assert.equal(await page.getByLabel('Day', { exact: true }).inputValue(), '29');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForFunction(() => window.__calls.some(([c]) => c === 'update_ritual'));
  const sent = await page.evaluate(() => window.__calls.filter(([c]) => c === 'update_ritual').at(-1)[1].input.schedule);
  assert.equal(sent, rule, 'saved as it was');
  await clean(page);
});

test('rituals: a date a month never has is explained, and nothing typed is lost', async () => {
  const page = await h.open({ cfg: READY, hash: '#/rituals/add' });
  await page.getByLabel('Name').fill('Our anniversary');
  await page.getByLabel('Once a year, on a date').check();
  await page.getByLabel('Month', { exact: true }).selectOption('4');
  await page.getByLabel('Day', { exact: true }).fill('31');
  await page.getByRole('button', { name: 'Add this ritual' }).click();
  const alert = page.locator('.ritual-form [role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /April has no day 31/);
  assert.equal(await page.getByLabel('Name').inputValue(), 'Our anniversary');
  assert.equal(await page.getByLabel('Day', { exact: true }).inputValue(), '31', 'the date stays as typed, to correct');
  await clean(page);
});

test('rituals: a zone the system names the old way is shown and saved by its current name', async () => {
  const page = await h.open({ cfg: READY, hash: '#/rituals/add' });
  await page.getByLabel('Name').fill('Chai at five');
  await page.getByLabel('Time zone').fill('Asia/Calcutta');
  await page.waitForFunction(() => /Kolkata/.test(document.querySelector('.zone-seen')?.textContent ?? ''));
  assert.equal(await page.locator('.zone-seen').textContent(), 'Kolkata (Asia/Kolkata) time.', 'the current name and its city');
  await page.getByRole('button', { name: 'Add this ritual' }).click();
  await page.locator('#ritual-page-title').waitFor();
  assert.match(await page.locator('#ritual-page .ritual-when').textContent(), /Kolkata \(Asia\/Kolkata\)/);
  await clean(page);
});

test('rituals: pause shows it plainly; delete can be undone', async () => {
  const page = await h.open({ cfg: { ...READY, rituals: [{ title: 'Phone-free hour' }, { title: 'Date night' }] }, hash: '#/rituals' });
  const card = page.locator('#ritual-list > li', { hasText: 'Phone-free hour' });
  await card.getByRole('button', { name: 'Pause' }).click();
  await page.locator('#ritual-list > li', { hasText: 'Phone-free hour' }).locator('.badge', { hasText: 'Paused' }).waitFor();
  await page.locator('#ritual-list > li', { hasText: 'Date night' }).getByRole('button', { name: 'Delete' }).click();
  const toast = page.locator('.toast');
  await toast.waitFor();
  assert.match(await toast.textContent(), /“Date night” is deleted\. Its history is kept\./);
  await page.waitForFunction(() => !document.querySelector('#ritual-list')?.textContent.includes('Date night'));
  await toast.getByRole('button', { name: 'Undo' }).click();
  await page.waitForFunction(() => document.querySelector('#ritual-list')?.textContent.includes('Date night'));
  await clean(page);
});

test('rituals: the agenda shows seven days, and the calendar export says where the file went', async () => {
  const page = await h.open({ cfg: { ...READY, rituals: [{ title: 'Morning coffee' }] }, hash: '#/rituals/agenda' });
  await page.locator('#agenda').waitFor();
  assert.equal(await page.locator('.agenda-day').count(), 7);
  assert.match(await page.locator('.agenda-day').first().textContent(), /^Today, .*Morning coffee/);
  await page.getByRole('link', { name: 'Your rituals' }).click();
  await page.getByRole('button', { name: 'Save to calendar (.ics)' }).click();
  await page.getByText(/Hearth rituals \d{4}-\d\d-\d\d\.ics/).waitFor();
  await clean(page);
});

test('commitments: a promise is added, checked off and taken back', async () => {
  const page = await h.open({ cfg: READY, hash: '#/rituals/commitments' });
  await page.locator('#commitments-none').waitFor();
  await page.getByRole('button', { name: 'Add a commitment' }).click();
  await page.getByLabel('What is promised or agreed').fill('I text when I leave work');
  await page.getByLabel('Whose it is').selectOption('1');
  await page.getByLabel('On chosen days of the week').check();
  for (const d of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await page.getByLabel(d, { exact: true }).check();
  await page.getByRole('button', { name: 'Add this commitment' }).click();
  const item = page.locator('#commitment-list > li').first();
  await item.waitFor();
  assert.match(await item.textContent(), /Sam’s promise/);
  assert.equal(await item.locator('.commitment-added').textContent(), 'Added by Sam', 'every commitment shows who added it');
  assert.equal(await item.locator('.commitment-proposal').count(), 0, 'your own promise is no proposal');
  await item.getByRole('button', { name: 'Kept it today' }).click();
  await page.getByText(/Checked off today by Sam/).waitFor();
  await page.getByRole('button', { name: 'Undo today’s check-off' }).click();
  await page.getByRole('button', { name: 'Kept it today' }).waitFor();
  await clean(page);
});

test('commitments: a promise written in the other’s name is a proposal until its owner accepts it', async () => {
  const page = await h.open({ cfg: READY, hash: '#/rituals/commitments' });
  await page.locator('#commitments-none').waitFor();
  await page.getByRole('button', { name: 'Add a commitment' }).click();
  await page.getByLabel('What is promised or agreed').fill('I call when I run late');
  await page.getByLabel('Whose it is').selectOption('2');
  await page.getByRole('button', { name: 'Add this commitment' }).click();
  let item = page.locator('#commitment-list > li').first();
  await item.waitFor();
  assert.equal(await item.locator('.commitment-added').textContent(), 'Added by Sam', 'the proposal shows who added it');
  assert.equal(await item.locator('.commitment-proposal').textContent(), 'Sam proposed this; it counts once Alex accepts it',
    'the one who proposed it is told it waits for Alex');
  assert.equal(await item.getByRole('button', { name: 'Accept' }).count(), 0, 'only the owner can accept it');
  assert.equal(await item.getByRole('button', { name: 'Kept it today' }).count(), 0, 'a proposal is not checked off before it is accepted');
  assert.equal(await item.getByRole('button', { name: /^Change/ }).count(), 1, 'the one who proposed it can still change it');
  assert.equal(await item.getByRole('button', { name: /^Withdraw it/ }).count(), 1, 'and withdraw it');

  await page.getByRole('button', { name: 'Switch to Alex' }).click();
  await page.locator('#writer-indicator', { hasText: 'Writing as Alex' }).waitFor();
  item = page.locator('#commitment-list > li').first();
  await item.locator('.commitment-proposal', { hasText: 'talk about it first' }).waitFor();
  assert.equal(await item.locator('.commitment-proposal').textContent(), 'Sam proposed this; accept it, or talk about it first',
    'the owner reads who proposed it, and may accept it or talk first');
  assert.equal(await item.locator('.commitment-added').textContent(), 'Added by Sam', 'still added by Sam, whoever is writing');
  assert.equal(await item.getByRole('button', { name: /^Change/ }).count(), 0, 'the owner accepts before changing it');
  await item.getByRole('button', { name: 'Accept' }).click();
  await page.getByRole('button', { name: 'Kept it today' }).waitFor();
  const call = await page.evaluate(() => window.__calls.filter(([c]) => c === 'accept_commitment').at(-1)[1]);
  assert.deepEqual(call, { id: 1 }, 'Accept asks the core to accept that commitment');
  item = page.locator('#commitment-list > li').first();
  assert.equal(await item.locator('.commitment-proposal').count(), 0, 'once accepted it is no longer a proposal');
  assert.match(await item.locator('.ritual-meta').textContent(), /Alex’s promise/);
  assert.equal(await item.locator('.commitment-added').textContent(), 'Added by Sam', 'accepting keeps who added it');
  assert.ok(await page.evaluate(() => document.activeElement?.closest('[data-commitment]') !== null), 'focus stays in the commitment');

  await page.getByRole('button', { name: 'Switch to Sam' }).click();
  await page.locator('#writer-indicator', { hasText: 'Writing as Sam' }).waitFor();
  const sams = page.locator('#commitment-list > li').first();
  await sams.getByRole('button', { name: /^Change/ }).waitFor({ state: 'detached' });
  await sams.getByRole('button', { name: 'Kept it today' }).waitFor();
  assert.equal(await sams.getByRole('button', { name: /^Change/ }).count(), 0, 'an accepted promise is its owner’s to change');
  await clean(page);
});

test('commitments: any rhythm a ritual can have, and a forgotten day checked off and taken back', async () => {
  const page = await h.open({ cfg: READY, hash: '#/rituals/commitments' });
  await page.getByRole('button', { name: 'Add a commitment' }).click();
  const form = page.locator('.commitment-form');
  for (const kind of ['No set rhythm', 'Every day', 'Every few days', 'On chosen days of the week', 'Every few weeks, on chosen days',
    'Once a month, on a day of the month', 'Every few months, on a day of the month',
    'Once a month, on a weekday (like the first Saturday)', 'Every few months, on a weekday (like the first Saturday)',
    'Once a year, on a date']) {
    assert.equal(await form.getByLabel(kind, { exact: true }).count(), 1, `the commitment form offers “${kind}”`);
  }
  assert.equal(await form.getByLabel('No set rhythm').isChecked(), true, 'a new commitment starts with no set rhythm');
  await form.getByLabel('What is promised or agreed').fill('A whole evening, just us');
  await form.getByLabel('Once a month, on a weekday (like the first Saturday)').check();
  await form.getByLabel('Which one').selectOption('1');
  await form.getByLabel('Weekday', { exact: true }).selectOption('SA');
  await form.getByLabel('From').fill('2020-01-01');
  await form.getByRole('button', { name: 'Add this commitment' }).click();
  await page.locator('#commitment-list > li').first().waitFor();
  const sent = await page.evaluate(() => window.__calls.filter(([c]) => c === 'create_commitment').at(-1)[1].input.cadence);
  assert.equal(sent, 'FREQ=MONTHLY;BYDAY=1SA', 'the first Saturday is sent as RRULE');

  await page.getByRole('button', { name: 'Add a commitment' }).click();
  await page.getByLabel('What is promised or agreed').fill('Every other week, a walk');
  await page.getByLabel('Every few weeks, on chosen days').check();
  await page.getByLabel('Every how many weeks').fill('2');
  await page.getByRole('button', { name: 'Add this commitment' }).click();
  assert.match(await page.locator('.commitment-form [role="alert"]').textContent(), /at least one day of the week/,
    'every few weeks needs a day, said before anything is sent');
  await page.getByLabel('Sunday', { exact: true }).check();
  await page.getByRole('button', { name: 'Add this commitment' }).click();
  await page.locator('#commitment-list > li', { hasText: 'Every other week' }).waitFor();
  const second = await page.evaluate(() => window.__calls.filter(([c]) => c === 'create_commitment').at(-1)[1].input.cadence);
  assert.equal(second, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SU');

  // A day kept but not marked: from the keyboard, then taken back.
  const item = page.locator('#commitment-list > li', { hasText: 'A whole evening' });
  await item.getByText('Kept it on a day you didn’t mark?').focus();
  await page.keyboard.press('Enter');
  const day = item.getByLabel('Which day');
  await day.fill('2020-02-01');
  await item.getByRole('button', { name: 'Check off that day' }).focus();
  await page.keyboard.press('Enter');
  const takeBack = page.locator('[data-check="2020-02-01"]').getByRole('button', { name: /^Take back the check-off for / });
  await takeBack.waitFor();
  const call = await page.evaluate(() => window.__calls.filter(([c]) => c === 'check_off_commitment').at(-1)[1]);
  assert.equal(call.date, '2020-02-01', 'the chosen day is checked off, not today');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), await takeBack.getAttribute('aria-label'),
    'focus lands on the way to take it back');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !document.querySelector('[data-check="2020-02-01"]'));
  const undo = await page.evaluate(() => window.__calls.filter(([c]) => c === 'undo_check_off').at(-1)[1]);
  assert.equal(undo.date, '2020-02-01');
  assert.ok(await page.evaluate(() => document.activeElement?.closest('[data-commitment]') !== null), 'focus stays in the commitment');
  await clean(page);
});

test('today: a note from a ritual can go to the journal as a private entry', async () => {
  const page = await h.open({ cfg: { ...READY, rituals: [{ title: 'Evening walk' }] }, hash: '#/today' });
  await page.getByText('Add a note or a reason').click();
  await page.getByLabel('A note (or why you skip this time)').fill('I felt close to you by the river');
  assert.equal(await page.getByLabel('Private', { exact: true }).isVisible(), false, 'the choice appears only once the note goes to the journal');
  await page.getByLabel('When we did it, put the note in the journal too').check();
  assert.equal(await page.getByLabel('Shared with Alex').isChecked(), true, 'shared is the default, as in the journal');
  await page.getByLabel('Private', { exact: true }).check();
  assert.match(await page.locator('.occurrence-journal').textContent(), /note also stays with this day of the ritual, where you both see it/,
    'private is said to be about the journal copy only: the note on the ritual is seen by both');
  await page.getByRole('button', { name: 'We did it' }).click();
  await page.locator('.occurrence-note-text').waitFor();
  const sent = await page.evaluate(() => window.__calls.find(([c]) => c === 'mark_ritual_done')[1]);
  assert.equal(sent.toJournal, 'private', 'the private choice reaches the core');
  await clean(page);
});

/** The focused element, with whether its focus ring shows and whether Tab can reach it. */
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return { text: e?.textContent.trim(), label: e?.getAttribute('aria-label'), ring: getComputedStyle(e).outlineStyle !== 'none', tabbable: e?.tabIndex >= 0 };
});

test('keyboard: marking, pausing, deleting and undoing leave a visible focus on the next thing to do', async () => {
  const page = await h.open({ cfg: { ...READY, rituals: [{ title: 'Morning coffee' }, { title: 'Date night' }] }, hash: '#/rituals' });
  await page.locator('#ritual-list').waitFor();
  await page.getByRole('button', { name: 'Pause “Date night”' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Resume “Date night”' }).waitFor();
  let f = await focused(page);
  assert.equal(f.label, 'Resume “Date night”', 'focus lands on the same card, on Resume');
  assert.ok(f.ring, 'and its focus ring shows');
  assert.ok(f.tabbable, 'and it stays in the Tab order');

  await page.getByRole('button', { name: 'Delete “Date night”' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.toast').waitFor();
  f = await focused(page);
  assert.equal(f.text, 'Undo', 'after deleting, Undo is one key away');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Date night');
  f = await focused(page);
  assert.ok(f.ring && f.tabbable, 'after undo, focus is on the ritual that came back, visibly');

  await page.keyboard.press('Enter');
  await page.locator('#ritual-page-title').waitFor();
  await page.getByRole('button', { name: 'We did it' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('#history-list .occurrence-state--done').waitFor();
  f = await focused(page);
  assert.equal(f.text, 'Undo', 'after “We did it”, focus is on Undo');
  assert.ok(f.ring && f.tabbable, 'Undo shows its focus ring and is in the Tab order');
  await clean(page);
});

test('keyboard: Escape closes the “deleted” message, keeps the deletion, and leaves focus in the page', async () => {
  const page = await h.open({ cfg: { ...READY, rituals: [{ title: 'Morning coffee' }, { title: 'Date night' }] }, hash: '#/rituals' });
  await page.getByRole('button', { name: 'Delete “Date night”' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.toast').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.toast').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'focus goes to the content, not lost');
  assert.doesNotMatch(await page.locator('#ritual-list').textContent(), /Date night/, 'Escape is not undo');
  await clean(page);
});

test('commitments: adding one from the keyboard lands focus on it', async () => {
  const page = await h.open({ cfg: READY, hash: '#/rituals/commitments' });
  await page.getByRole('button', { name: 'Add a commitment' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Shared calendars until March');
  await page.getByRole('button', { name: 'Add this commitment' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('#commitment-list').waitFor();
  await settle(page);
  const f = await focused(page);
  assert.equal(f.text, 'Kept it today', 'focus moves to the new commitment, not lost to the page');
  assert.ok(f.ring);
  await clean(page);
});

test('commitments: a promise can come every few days or once a year, sent as the core keeps it', async () => {
  const page = await h.open({ cfg: READY, hash: '#/rituals/commitments' });
  const cadenceOf = (title) => page.evaluate((t) => window.__calls.filter(([c, a]) => c === 'create_commitment' && a.input.title === t).at(-1)?.[1].input.cadence, title);
  await page.getByRole('button', { name: 'Add a commitment' }).click();
  await page.getByLabel('What is promised or agreed').fill('We plan our anniversary together');
  await page.getByLabel('Once a year, on a date').check();
  await page.getByLabel('Month', { exact: true }).selectOption('6');
  await page.getByLabel('Day', { exact: true }).fill('21');
  await page.getByRole('button', { name: 'Add this commitment' }).click();
  await page.locator('#commitment-list > li', { hasText: 'anniversary' }).waitFor();
  assert.equal(await cadenceOf('We plan our anniversary together'), 'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=21');

  await page.getByRole('button', { name: 'Add a commitment' }).click();
  await page.getByLabel('What is promised or agreed').fill('A long walk, phones at home');
  await page.getByLabel('Every few days').check();
  await page.getByLabel('Every how many days').fill('4');
  await page.getByRole('button', { name: 'Add this commitment' }).click();
  await page.locator('#commitment-list > li', { hasText: 'A long walk' }).waitFor();
  assert.equal(await cadenceOf('A long walk, phones at home'), 'FREQ=DAILY;INTERVAL=4');
  await clean(page);
});

test('the agenda of an empty week is one warm sentence, not seven blank days', async () => {
  const page = await h.open({ cfg: READY, hash: '#/rituals/agenda' });
  await page.locator('#agenda').waitFor();
  assert.equal(await page.locator('.agenda-day').count(), 0);
  assert.match(await page.locator('#agenda-free').textContent(), /it is all yours/);
  await clean(page);
});

test('at 400px the check-in scale stays on one line', async () => {
  const page = await h.open({ cfg: READY, hash: '#/checkins', width: 400, height: 760 });
  await page.locator('fieldset.rating').first().waitFor();
  const tops = await page.locator('fieldset.rating').first().locator('.rating-number').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
  assert.equal(tops.length, 10);
  assert.equal(new Set(tops).size, 1, 'all ten numbers on one line');
  await clean(page);
});

test('a ritual’s page: only today is a call to act; days gone by stay quiet', async () => {
  const d = new Date();
  d.setDate(d.getDate() - 4);
  const startDate = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const page = await h.open({ cfg: { ...READY, rituals: [{ title: 'Evening walk', startDate, keptDays: 1 }] }, hash: '#/rituals/ritual/1' });
  await page.locator('#history-list').waitFor();
  assert.equal(await page.locator('#history-list li').count(), 5);
  assert.equal(await page.locator('#history-list .button--primary').count(), 1, 'one primary button: today’s “We did it”');
  assert.equal(await page.locator('#history-list li').first().locator('.button--primary').textContent(), 'We did it');
  assert.equal(await page.locator('#history-list .button', { hasText: 'We did it' }).count(), 4, 'days not marked can still be marked');
  assert.doesNotMatch(await page.locator('#history-list').textContent(), SHAMING);
  await clean(page);
});

test('a ritual’s page says its runs as people do: “the last time”, “the last 5 times in a row”, never “once in a row”', async () => {
  const page = await h.open({ cfg: { ...READY, rituals: [{ title: 'Evening walk', keptDays: 1 }, { title: 'Morning coffee', keptDays: 5 }] }, hash: '#/rituals/ritual/1' });
  await page.locator('#ritual-run').waitFor();
  assert.equal(await page.locator('#ritual-run').textContent(), 'Kept the last time', 'a run of one is “the last time”');
  assert.equal(await page.locator('#ritual-longest').count(), 0, 'a run of one is no “longest run” yet');
  let stats = await page.locator('#ritual-stats').textContent();
  assert.match(stats, /Kept the one time it came up in the last 4 weeks/, 'one of one is said in words, not “1 of 1”');
  assert.doesNotMatch(stats, /once in a row|\b1 of 1\b/, 'no machine-like counts');

  await page.evaluate(() => { location.hash = '#/rituals/ritual/2'; });
  await page.locator('#ritual-page-title', { hasText: 'Morning coffee' }).waitFor();
  assert.equal(await page.locator('#ritual-run').textContent(), 'Kept the last 5 times in a row', 'a run of many says how many');
  assert.equal(await page.locator('#ritual-longest').textContent(), 'Longest run so far: 5 in a row', 'and the longest run reads naturally');
  stats = await page.locator('#ritual-stats').textContent();
  assert.match(stats, /Kept all 5 in the last 4 weeks/);
  assert.doesNotMatch(stats, SHAMING);
  await clean(page);
});

async function rate(page, values) {
  for (const [legend, v] of Object.entries(values)) {
    await page.locator('fieldset.rating', { has: page.locator('legend', { hasText: new RegExp(`^${legend}$`) }) })
      .locator('label.rating-option', { hasText: new RegExp(`^${v}$`) }).click();
  }
}

test('check-ins: hidden until both shared, then side by side, with a chart and a table', async () => {
  const page = await h.open({ cfg: READY, hash: '#/checkins' });
  const dialogs = noDialogs(page);
  await page.locator('#checkin-state').waitFor();
  assert.match(await page.locator('#trend-none').textContent(), /After your first check-in/);

  await page.getByRole('button', { name: 'Share my check-in' }).click();
  assert.match(await page.locator('.checkin-form [role="alert"]').textContent(), /Please choose a number for “Trust”/);
  await page.getByLabel('What went well this week (optional)').fill(`Sunday walk ${XSS}`);
  await rate(page, { Trust: 4, 'Feeling safe': 5, Closeness: 6, Communication: 7 });
  await page.getByRole('button', { name: 'Share my check-in' }).click();
  await page.locator('.prompt-state--waiting').waitFor();
  assert.match(await page.locator('#checkin-state').textContent(), /Alex can’t see it yet/);

  await page.getByRole('button', { name: 'Switch to Alex' }).click();
  await page.getByText(/Sam has shared their check-in\. It stays hidden/).waitFor();
  await settle(page);
  assert.doesNotMatch(await page.locator('#view-checkins').textContent(), /Sunday walk/, 'Sam’s answer is hidden from Alex');
  await rate(page, { Trust: 6, 'Feeling safe': 6, Closeness: 8, Communication: 5 });
  await page.getByLabel('What I need from you this week (optional)').fill('More evenings like Sunday');
  await page.getByRole('button', { name: 'Share my check-in' }).click();
  await page.locator('#checkin-reveal').waitFor();
  const reveal = await page.locator('#checkin-reveal').textContent();
  assert.match(reveal, /Sunday walk <img src=x onerror=alert\(1\)>/, 'Sam’s answer, as text');
  assert.match(reveal, /More evenings like Sunday/);
  assert.equal(await page.locator('#checkin-reveal img').count(), 0);

  assert.equal(await page.locator('#trend-charts svg[role="img"]').count(), 4, 'one chart per rating');
  const label = await page.locator('.trend-chart[data-rating="trust"] svg').getAttribute('aria-labelledby');
  const [titleId, descId] = label.split(' ');
  assert.equal(await page.locator(`[id="${titleId}"]`).textContent(), 'Trust over the weeks');
  assert.match(await page.locator(`[id="${descId}"]`).textContent(), /Alex: .* 6\. Sam: .* 4/, 'the description reads the values');
  assert.equal(await page.locator('.trend-chart[data-rating="trust"] .trend-dot').count(), 2, 'a point for each partner');
  await page.getByRole('button', { name: 'Show as a table' }).click();
  assert.equal(await page.locator('#trend-charts').isVisible(), false);
  const table = page.locator('#trend-table');
  assert.match(await table.locator('thead').textContent(), /Trust, Alex.*Trust, Sam/);
  assert.match(await table.locator('tbody tr').first().textContent(), /6.*4/);
  assert.deepEqual(dialogs, []);
  await clean(page);
});

test('check-ins: when both give the same rating, both marks still show', async () => {
  const ratings = { trust: 7, safety: 7, closeness: 7, communication: 7 };
  const checkins = [{ author: 1, week: '2026-11-02', ratings }, { author: 2, week: '2026-11-02', ratings }];
  const page = await h.open({ cfg: { ...READY, checkins }, hash: '#/checkins', scheme: 'dark' });
  const chart = page.locator('.trend-chart[data-rating="trust"]');
  await chart.waitFor();
  const [circle, square] = await chart.locator('.trend-dot').evaluateAll((els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { tag: e.tagName, fill: getComputedStyle(e).fill, w: r.width, cx: r.x + r.width / 2, cy: r.y + r.height / 2 };
  }));
  assert.deepEqual([circle.tag, square.tag], ['circle', 'rect']);
  assert.ok(Math.abs(circle.cx - square.cx) < 1 && Math.abs(circle.cy - square.cy) < 1, 'the two marks sit on the same spot');
  assert.equal(square.fill, 'none', 'the square is open, so the circle inside it shows');
  assert.ok(square.w > circle.w, 'and it is larger than the circle');
  await clean(page);
});

test('check-ins and rituals read well in dark mode, with no overflow at 320px', async () => {
  for (const hash of ['#/checkins', '#/rituals/add', '#/today']) {
    const page = await h.open({ cfg: { ...READY, rituals: [{ title: 'Morning coffee' }] }, hash, width: 320, height: 640, scheme: 'dark' });
    await settle(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, `${hash} overflows by ${overflow}px`);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, 'rgb(27, 24, 22)', `${hash} uses the dark paper`);
    await clean(page);
  }
});

test('check-ins: a week is labelled so the couple finds the day they checked in, the same in the chart and the table', async () => {
  // Both checked in on Sunday 6 December 2026; the week (Monday weeks) began on 30 November.
  const ratings = { trust: 6, safety: 5, closeness: 7, communication: 6 };
  const checkins = [{ author: 1, week: '2026-11-30', ratings }, { author: 2, week: '2026-11-30', ratings }];
  const page = await h.open({ cfg: { ...READY, checkins }, hash: '#/checkins' });
  const chart = page.locator('.trend-chart[data-rating="trust"]');
  await chart.waitFor();
  const day = (d, m, opts) => page.evaluate(([dd, mm, o]) => new Intl.DateTimeFormat(undefined, o).format(new Date(2026, mm - 1, dd)), [d, m, opts]);
  const sixth = await day(6, 12, { day: 'numeric', month: 'short' });
  const thirtieth = await day(30, 11, { day: 'numeric', month: 'short' });
  const axis = await chart.locator('.trend-axis').evaluateAll((els) => els.map((e) => e.textContent).filter((t) => !/^\d+$/.test(t)));
  assert.equal(axis.length, 1, `one week, one date label (${axis})`);
  assert.ok(axis[0].includes(sixth), `the label “${axis[0]}” holds ${sixth}, the day they checked in`);
  assert.ok(axis[0].includes(thirtieth) && axis[0].includes('–'), `the label “${axis[0]}” is the week's first to last day`);
  const tip = await chart.locator('.trend-dot title').first().textContent();
  assert.ok(tip.includes(axis[0]), `a mark's tip names the same week (“${tip}”)`);
  assert.ok((await chart.locator('desc').textContent()).includes(axis[0]), 'the description names the same week');

  await page.getByRole('button', { name: 'Show as a table' }).click();
  const table = page.locator('#trend-table');
  assert.equal((await table.locator('thead th').first().textContent()).trim(), 'Week');
  const row = await table.locator('tbody th').first().textContent();
  assert.ok(row.includes(sixth) && row.includes('2026'), `the table's row “${row}” holds the 6th and the year`);
  await clean(page);
});

test('check-ins: with one week so far, the chart says the line comes after the second; with two, it draws it', async () => {
  const ratings = { trust: 6, safety: 5, closeness: 7, communication: 6 };
  const one = [{ author: 1, week: '2026-11-30', ratings }, { author: 2, week: '2026-11-30', ratings }];
  let page = await h.open({ cfg: { ...READY, checkins: one }, hash: '#/checkins' });
  await page.locator('.trend-chart').first().waitFor();
  assert.equal(await page.locator('.trend-line').count(), 0, 'one week: no line yet');
  assert.equal(await page.locator('#trend-one-week').textContent(),
    'The line appears after your second week of check-ins. For now, each chart shows one week.');
  assert.ok(await page.locator('#trend-one-week').isVisible());
  await clean(page);

  const two = [...one, { author: 1, week: '2026-12-07', ratings }, { author: 2, week: '2026-12-07', ratings }];
  page = await h.open({ cfg: { ...READY, checkins: two }, hash: '#/checkins' });
  await page.locator('.trend-chart').first().waitFor();
  assert.ok(await page.locator('.trend-line').count() > 0, 'two weeks: the line is drawn');
  assert.equal(await page.locator('#trend-one-week').count(), 0, 'and the hint is gone');
  await clean(page);
});
