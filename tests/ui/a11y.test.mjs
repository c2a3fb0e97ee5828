// Keyboard and screen readers: axe-core finds nothing on any screen, in light
// and dark; every place is a named landmark; scrolling boxes can be reached
// from the keyboard; and after an action, focus lands somewhere visible and
// sensible, never on the page itself.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { start, READY, clean } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

const settle = (page) => page.waitForFunction(() => window.__inflight === 0, null, { polling: 50 });

const ratings = (trust, safety, closeness, communication) => ({ trust, safety, closeness, communication });
const FULL = {
  ...READY,
  entries: [
    { author: 2, title: 'After the walk', body: 'A walk by the river.', feeling: 'hopeful', tags: ['walks'] },
    { author: 1, title: 'Sunday', body: 'Thank you for listening.' },
    { author: 1, title: 'Just mine', body: 'For me, for now.', visibility: 'private' },
  ],
  appreciations: [{ from: 2, to: 1, text: 'Thanks for the coffee' }],
  rituals: [{ title: 'Morning coffee', keptDays: 3 }, { title: 'Evening walk' }],
  checkins: [
    { author: 1, week: '2026-11-02', ratings: ratings(4, 5, 6, 7) }, { author: 2, week: '2026-11-02', ratings: ratings(5, 5, 6, 6) },
    { author: 1, week: '2026-11-09', ratings: ratings(6, 6, 6, 6) }, { author: 2, week: '2026-11-09', ratings: ratings(7, 7, 6, 6) },
  ],
};
const REMINDER = {
  type: 'reminder',
  notice: {
    title: 'Tea on the balcony', body: '',
    items: [{ key: 'ritual:1:2026-11-23', kind: 'ritual', ritualId: 1, date: '2026-11-23', title: 'Tea on the balcony', body: 'Ten quiet minutes.', dueAt: '2026-11-23T06:00:00Z', localTime: '07:00', late: false }],
  },
};
const remind = async (page, message = REMINDER) => {
  await page.waitForFunction(() => window.__reminderChannel?.onmessage);
  await page.evaluate((m) => window.__reminderChannel.onmessage(m), message);
  await page.locator('#reminder-banner').waitFor();
};

// Every screen, in the state a couple would see it.
const SCREENS = [
  ['the welcome (setup)', { cfg: { phase: 'setup' } }],
  ['Today, with a reminder banner', { cfg: FULL, hash: '#/today' }, remind],
  ['the Journal and its composer, Private chosen', { cfg: FULL, hash: '#/journal' }, (p) => p.getByLabel('Private').check()],
  ['an entry’s thread', { cfg: FULL, hash: '#/journal/entry/1' }, (p) => p.locator('#thread-title').waitFor()],
  ['a private entry’s thread', { cfg: FULL, hash: '#/journal/entry/3' }, (p) => p.locator('#thread-title').waitFor()],
  ['the repair template', { cfg: FULL, hash: '#/journal/repair' }],
  ['the trash', { cfg: FULL, hash: '#/journal/trash' }],
  ['the prompt library', { cfg: FULL, hash: '#/journal/prompts' }],
  ['Rituals', { cfg: FULL, hash: '#/rituals' }],
  ['the ritual form', { cfg: FULL, hash: '#/rituals/add' }],
  ['a ritual’s page', { cfg: FULL, hash: '#/rituals/ritual/1' }, (p) => p.locator('#ritual-page-title').waitFor()],
  ['the next seven days', { cfg: FULL, hash: '#/rituals/agenda' }],
  ['commitments', { cfg: FULL, hash: '#/rituals/commitments' }],
  ['Check-ins with the chart', { cfg: FULL, hash: '#/checkins' }],
  ['Check-ins as a table', { cfg: FULL, hash: '#/checkins' }, (p) => p.getByRole('button', { name: 'Show as a table' }).click()],
  ['Settings', { cfg: FULL, hash: '#/settings' }],
  ['Settings → Two laptops, paired, with a code shown', {
    cfg: {
      ...FULL,
      sync: {
        folder: '/home/sam/Sync/Hearth',
        lastExchange: '2026-11-23T06:00:00Z',
        devices: [
          { id: 'a', name: 'Sam’s laptop', lastHeard: null, removed: false, thisLaptop: true },
          { id: 'b', name: 'Alex’s laptop', lastHeard: '2026-11-23T06:00:00Z', removed: false, thisLaptop: false },
          { id: 'c', name: 'The old laptop', lastHeard: '2026-10-01T06:00:00Z', removed: true, thisLaptop: false },
        ],
        notes: [{ device: 'c', text: 'A file from a removed laptop was skipped.' }],
      },
    },
    hash: '#/settings',
  }, (p) => p.getByRole('button', { name: 'Pair another laptop' }).click().then(() => p.locator('#sync-code').waitFor())],
  ['the welcome’s join form, with a wrong code', { cfg: { phase: 'setup' } }, async (p) => {
    await p.locator('#join-choose').click();
    await p.locator('#join-folder').waitFor();
    await p.getByLabel('Pairing code').fill('nope');
    await p.locator('#join-submit').click();
    await p.locator('#join-error').waitFor();
  }],
  ['the unavailable screen', { cfg: { phase: 'unavailable', problem: { kind: 'not_a_database', message: 'This is not a Hearth journal.', path: '/tmp/x/hearth.sqlite3' } } }],
];

async function axeViolations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`).join('\n')}`);
}

test('axe-core finds no violations on any screen, in light and dark', async () => {
  const found = [];
  for (const [name, opts, prepare] of SCREENS) {
    // bypassCSP lets the test add axe-core; the page's own CSP is checked by the other tests.
    const page = await h.open({ ...opts, bypassCSP: true });
    await page.locator('h1').first().waitFor();
    await prepare?.(page);
    await settle(page);
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      // Colours ease from one scheme to the other: judge them once they arrive.
      await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))));
      const violations = await axeViolations(page);
      if (violations.length) found.push(`${name}, ${colorScheme}:\n  ${violations.join('\n  ')}`);
    }
    await clean(page);
  }
  assert.deepEqual(found, [], `axe-core found:\n${found.join('\n')}`);
});

test('every place is a landmark named by its heading', async () => {
  for (const [route, heading] of [['today', 'Today'], ['journal', 'Journal'], ['rituals', 'Rituals'], ['checkins', 'Check-ins'], ['settings', 'Settings']]) {
    const page = await h.open({ cfg: FULL, hash: `#/${route}` });
    const region = page.getByRole('region', { name: heading, exact: true });
    // A place's modules load when it is first shown: wait for it, then count.
    await region.first().waitFor();
    assert.equal(await region.count(), 1, `${route}: a region named “${heading}”`);
    assert.equal(await region.getAttribute('aria-labelledby'), `${route}-title`);
    await clean(page);
  }
  const page = await h.open({ cfg: { phase: 'unavailable', problem: { kind: 'not_a_database', message: 'x', path: '/tmp/x' } } });
  assert.equal(await page.getByRole('region', { name: 'Hearth can’t open your journal right now' }).count(), 1);
  // No aria-labelledby is left on an element without a role to carry it.
  const stray = await page.evaluate(() => [...document.querySelectorAll('div[aria-labelledby]:not([role]), p[aria-labelledby], span[aria-labelledby]')].map((e) => e.outerHTML.slice(0, 80)));
  assert.deepEqual(stray, []);
  await clean(page);
});

test('the check-ins table scrolls from the keyboard: a named region in the Tab order', async () => {
  const page = await h.open({ cfg: FULL, hash: '#/checkins', width: 600 });
  const toggle = page.getByRole('button', { name: 'Show as a table' });
  await toggle.click();
  const region = page.getByRole('region', { name: 'Your ratings, week by week (1 to 10)' });
  assert.equal(await region.getAttribute('tabindex'), '0');
  await page.getByRole('button', { name: 'Show as charts' }).focus();
  await page.keyboard.press('Tab');
  assert.equal(await region.evaluate((el) => el === document.activeElement), true, 'Tab reaches the table');
  const [scrollable, before] = await region.evaluate((el) => [el.scrollWidth > el.clientWidth, el.scrollLeft]);
  assert.ok(scrollable, 'at 600px the table is wider than its box');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((b) => document.activeElement.scrollLeft > b, before);
  const outline = await region.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none', 'it shows it has focus');
  await page.getByRole('button', { name: 'Show as charts' }).click();
  assert.equal(await region.isHidden(), true, 'the hidden table is out of the Tab order too');
  await clean(page);
});

/** Where focus is, in words; and that it is not lost to the page. */
async function focusIsSensible(page, what) {
  const at = await page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body || a === document.documentElement) return null;
    return { tag: a.tagName, text: a.textContent.trim().slice(0, 60), visible: a.getClientRects().length > 0 && getComputedStyle(a).visibility !== 'hidden' };
  });
  assert.ok(at, `${what}: focus fell to the page`);
  assert.ok(at.visible, `${what}: focus is on something unseen (${at.tag})`);
  return at;
}

test('after “Save entry”, focus stays on the button (not the page), and the status says it is saved', async () => {
  const page = await h.open({ cfg: READY, hash: '#/journal' });
  await page.getByLabel('What would you like to say?').fill('A quiet evening together.');
  const save = page.getByRole('button', { name: 'Save entry' });
  await save.focus();
  await page.keyboard.press('Enter');
  await page.locator('#timeline-list .entry-link', { hasText: 'A quiet evening' }).waitFor();
  await settle(page);
  const at = await focusIsSensible(page, 'after Save entry');
  assert.equal(at.text, 'Save entry', 'focus stays on Save entry');
  assert.equal(await page.locator('#composer-status').textContent(), 'Saved.');
  await page.keyboard.press('Enter');
  assert.match(await page.locator('#composer [role="alert"]').textContent(), /Please write a few words first/,
    'the button still answers the keyboard');
  await clean(page);
});

test('a busy button keeps focus and ignores a second press', async () => {
  const page = await h.open({ cfg: READY, hash: '#/journal' });
  await page.getByLabel('What would you like to say?').fill('Only once, please.');
  const save = page.getByRole('button', { name: 'Save entry' });
  await save.focus();
  await page.keyboard.press('Enter');
  assert.equal(await save.getAttribute('aria-disabled'), 'true', 'busy while saving');
  await page.keyboard.press('Enter');
  assert.equal(await save.evaluate((el) => el === document.activeElement), true, 'and still focused');
  await settle(page);
  const creates = await page.evaluate(() => window.__calls.filter(([c]) => c === 'create_entry').length);
  assert.equal(creates, 1, 'the second press did nothing');
  assert.equal(await save.getAttribute('aria-disabled'), null, 'free again once saved');
  await clean(page);
});

test('after the reminder banner’s “Done”, focus moves to the next reminder, then to the place’s heading', async () => {
  const page = await h.open({ cfg: READY, hash: '#/today' });
  const second = { ...REMINDER.notice.items[0], key: 'ritual:2:2026-11-23', ritualId: 2, title: 'Evening walk' };
  await remind(page, { type: 'reminder', notice: { ...REMINDER.notice, items: [REMINDER.notice.items[0], second] } });
  const banner = page.locator('#reminder-banner');
  await banner.getByRole('button', { name: 'Done' }).first().focus();
  await page.keyboard.press('Enter');
  await banner.locator('[data-key="ritual:1:2026-11-23"]').waitFor({ state: 'detached' });
  let at = await focusIsSensible(page, 'after the first Done');
  assert.equal(at.text, 'Done', 'focus is on the next reminder’s first button');
  assert.equal(await page.evaluate(() => document.activeElement.closest('[data-key]')?.dataset.key), 'ritual:2:2026-11-23');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('reminder-banner').hidden);
  at = await focusIsSensible(page, 'after the last Done');
  assert.equal(at.tag, 'H1');
  assert.equal(at.text, 'Today', 'focus is on the heading of the place shown');
  await clean(page);
});

test('after restoring from the trash or emptying it, focus stays in the trash', async () => {
  const entries = [{ author: 1, title: 'One', body: 'one' }, { author: 1, title: 'Two', body: 'two' }];
  const page = await h.open({ cfg: { ...READY, entries }, hash: '#/journal' });
  await settle(page);
  for (const id of [1, 2]) await page.evaluate((i) => window.__TAURI__.core.invoke('delete_entry', { id: i }), id);
  await page.goto(page.url().replace(/#.*$/, '#/journal/trash'));
  await page.locator('#trash-list .restore').first().waitFor();
  await page.locator('#trash-list .restore').first().focus();
  await page.keyboard.press('Enter');
  await page.getByText('Restored. It is back in the journal.').waitFor();
  await settle(page);
  let at = await focusIsSensible(page, 'after Restore');
  assert.equal(at.text, 'Restore', 'focus is on the Restore now in its place');
  await page.getByRole('button', { name: 'Empty trash' }).click();
  await page.getByRole('button', { name: 'Empty the trash' }).click();
  await page.getByText(/The trash is empty\./).first().waitFor();
  await settle(page);
  at = await focusIsSensible(page, 'after emptying the trash');
  assert.equal(at.text, 'Trash', 'focus is on the trash’s heading');
  await clean(page);
});
