// The journal and Today against the fake backend: what is stored is shown as
// text (search snippets included), drafts come back, delete can be undone,
// and the prompt of the day keeps the partner's answer hidden until both wrote.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, READY, clean, noDialogs } from './harness.mjs';

const XSS = '<img src=x onerror=alert(1)> and <script>alert(2)</script> hope';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

test('journal: markup in an entry shows as text in the timeline, the thread and search snippets', async () => {
  const page = await h.open({ cfg: { ...READY, entries: [{ author: 2, title: '<b>bold?</b>', body: XSS }] }, hash: '#/journal' });
  const dialogs = noDialogs(page);
  const card = page.locator('#timeline-list .entry-card').first();
  await card.waitFor();
  assert.equal(await card.locator('.entry-link').textContent(), '<b>bold?</b>');
  assert.match(await card.locator('.entry-preview').textContent(), /<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator('#view-journal img, #view-journal script, #view-journal b').count(), 0, 'no element was made from the text');

  await page.getByLabel('Search the journal').fill('hope');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const hit = page.locator('#search-results .snippet').first();
  await hit.waitFor();
  assert.equal(await hit.locator('mark').textContent(), 'hope');
  assert.match(await hit.textContent(), /<script>alert\(2\)<\/script>/);
  assert.equal(await page.locator('#search-results img, #search-results script').count(), 0);
  assert.equal(await page.locator('#timeline-list').isVisible(), false, 'results take the timeline’s place');

  await card.locator('.entry-link').click().catch(() => {});
  await page.locator('#search-results .entry-link').first().click();
  await page.locator('#thread-title').waitFor();
  assert.match(await page.locator('.entry-body').textContent(), /<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator('#thread img, #thread script').count(), 0);
  assert.deepEqual(dialogs, []);
  await clean(page);
});

test('journal: a draft is kept as you type and comes back; saving clears it', async () => {
  const page = await h.open({ cfg: READY, hash: '#/journal' });
  await page.getByLabel('What would you like to say?').fill('Half a thought about Sunday');
  await page.getByLabel('Title').fill('Sunday');
  await page.waitForFunction(() => window.__calls.some(([c, a]) => c === 'save_draft' && a.content.body === 'Half a thought about Sunday'));
  await page.getByRole('link', { name: 'Today' }).click();
  await page.locator('#view-today').waitFor();
  await page.getByRole('link', { name: 'Journal', exact: true }).first().click();
  const body = page.getByLabel('What would you like to say?');
  await page.waitForFunction(() => document.querySelector('#composer-body')?.value === 'Half a thought about Sunday');
  assert.equal(await page.getByLabel('Title').inputValue(), 'Sunday');
  await page.getByText(/Your draft from .* is back\./).waitFor();

  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.locator('#timeline-list .entry-link', { hasText: 'Sunday' }).waitFor();
  assert.equal(await body.inputValue(), '');
  const calls = await page.evaluate(() => window.__calls.map(([c]) => c));
  assert.ok(calls.lastIndexOf('clear_draft') > calls.lastIndexOf('create_entry'), 'the draft is cleared after the save');
  const draft = await page.evaluate(() => window.__TAURI__.core.invoke('get_draft', { key: 'new' }));
  assert.equal(draft, null);
  await clean(page);
});

test('journal: a draft is saved as the one who typed it before the writer switches', async () => {
  const page = await h.open({ cfg: READY, hash: '#/journal' });
  await page.getByLabel('What would you like to say?').fill('Only for Sam');
  await page.keyboard.press('Control+Shift+S');
  await page.locator('#writer-indicator', { hasText: 'Writing as Alex' }).waitFor();
  await page.waitForFunction(() => document.querySelector('#composer-body')?.value === '');
  const saves = await page.evaluate(() => window.__calls.filter(([c]) => c === 'save_draft' || c === 'set_writer').map(([c]) => c));
  assert.deepEqual(saves, ['save_draft', 'set_writer'], 'the draft is saved before the switch, and only once');
  await page.keyboard.press('Control+Shift+S');
  await page.locator('#writer-indicator', { hasText: 'Writing as Sam' }).waitFor();
  await page.waitForFunction(() => document.querySelector('#composer-body')?.value === 'Only for Sam');
  await clean(page);
});

test('journal: delete moves to the trash with Undo; the trash restores and empties after a real dialog', async () => {
  const entries = [{ author: 1, title: 'First', body: 'one' }, { author: 1, title: 'Second', body: 'two' }];
  const page = await h.open({ cfg: { ...READY, entries }, hash: '#/journal' });
  await page.locator('#timeline-list .entry-link', { hasText: 'Second' }).click();
  await page.getByRole('button', { name: 'Move to trash' }).click();
  const undo = page.getByRole('button', { name: 'Undo' });
  await undo.waitFor();
  await page.locator('.toast', { hasText: 'Moved to the trash.' }).waitFor();
  assert.equal(await page.evaluate(() => location.hash), '#/journal');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Undo', 'Undo has focus, one key away');
  await page.waitForFunction(() => !document.querySelector('#timeline-list')?.textContent.includes('Second'));
  await page.keyboard.press('Enter');
  await page.locator('#timeline-list .entry-link', { hasText: 'Second' }).waitFor();
  assert.equal(await page.locator('.toast').count(), 0);

  await page.locator('#timeline-list .entry-link', { hasText: 'First' }).click();
  await page.getByRole('button', { name: 'Move to trash' }).click();
  await page.getByRole('link', { name: 'Trash' }).click();
  await page.locator('#trash-list .entry-card', { hasText: 'First' }).waitFor();
  await page.getByRole('button', { name: 'Empty trash' }).click();
  const dialog = page.getByRole('dialog', { name: 'Empty the trash for good?' });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /1 entry and their replies .* can't be undone/);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.locator('#trash-list .entry-card').count(), 1, 'Escape keeps them');
  await page.getByRole('button', { name: 'Empty trash' }).click();
  await page.getByRole('button', { name: 'Empty the trash' }).click();
  await page.getByText('The trash is empty.', { exact: true }).waitFor();
  await clean(page);
});

test('today: the partner’s answer stays hidden until both answered, then both show side by side', async () => {
  const page = await h.open({ cfg: READY, hash: '#/today' });
  await page.locator('#prompt-text').waitFor();
  await page.getByLabel('Your answer').fill('Sam’s secret answer');
  await page.getByRole('button', { name: 'Answer' }).click();
  await page.locator('#prompt-state', { hasText: 'Waiting for Alex' }).waitFor();
  await page.keyboard.press('Control+Shift+S');
  await page.locator('#prompt-state', { hasText: "Sam has answered; their answer will appear once you've written yours." }).waitFor();
  assert.doesNotMatch(await page.locator('#view-today').textContent(), /secret/);
  assert.equal(await page.getByRole('button', { name: 'Another prompt' }).count(), 0, 'no skipping once one has answered');
  await page.getByLabel('Your answer').fill('Alex’s answer');
  await page.getByRole('button', { name: 'Answer' }).click();
  const answers = page.locator('#prompt-answers .answer');
  await answers.nth(1).waitFor();
  assert.match(await answers.nth(0).textContent(), /Alex’s answer/);
  assert.match(await answers.nth(1).textContent(), /Sam’s secret answer/);
  await clean(page);
});

test('today: a thank-you is shown until read; settings export says where, import says what was added', async () => {
  const page = await h.open({ cfg: { ...READY, appreciations: [{ from: 2, to: 1, text: '<i>thanks</i> for the walk' }] }, hash: '#/today' });
  const note = page.locator('.thanks-note');
  await note.waitFor();
  assert.equal(await note.locator('p').textContent(), 'From Alex: <i>thanks</i> for the walk');
  await page.getByRole('button', { name: 'Thank you, I’ve read it' }).click();
  await page.getByText('No new notes from Alex.').waitFor();

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Save a memory book (Markdown)' }).click();
  await page.locator('#export-path', { hasText: /Hearth memory book \d{4}-\d\d-\d\d\.md$/ }).waitFor();
  await clean(page);
});

test('settings: “Export everything” saves where chosen with a labelled progress bar; an export imports back from its bytes', async () => {
  const page = await h.open({ cfg: READY, hash: '#/settings' });
  // The progress bar is shown while the export runs: watch it from the page.
  await page.evaluate(() => {
    window.__progressSeen = [];
    new MutationObserver(() => {
      const bar = document.getElementById('export-progress');
      if (bar && !bar.parentElement.hidden) {
        window.__progressSeen.push({ label: bar.labels?.[0]?.textContent, value: bar.value, max: bar.max });
      }
    }).observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Export everything' }).click();
  await page.locator('#export-path', { hasText: /Hearth export \d{4}-\d\d-\d\d\.json$/ }).waitFor();
  const seen = await page.evaluate(() => window.__progressSeen);
  assert.ok(seen.some((p) => p.label === 'Gathering: 40 of 40' && p.value === 40 && p.max === 40),
    `a <progress> with a label follows the export's counts: ${JSON.stringify(seen)}`);
  assert.equal(await page.locator('#export-progress').isVisible(), false, 'the bar goes once the file is saved');
  const call = await page.evaluate(() => window.__calls.filter(([c]) => c === 'export_everything').at(-1)[1]);
  assert.equal(call.options.includePrivate, false, 'private entries only when the box is ticked');

  await page.evaluate(() => { window.__dialogClosed = true; });
  await page.getByRole('button', { name: 'Export everything' }).click();
  await page.locator('#export-status', { hasText: 'Not saved: no place was chosen.' }).waitFor();
  assert.equal(await page.locator('#export-path').isVisible(), false, 'no path when nothing was saved');

  const exported = Buffer.from('{"format":"hearth-export","version":2}');
  await page.setInputFiles('#import-file', { name: 'Hearth export.json', mimeType: 'application/json', buffer: exported });
  await page.getByRole('button', { name: 'Import this file' }).click();
  await page.locator('#import-status', { hasText: 'Added 12 entries, 3 replies, 2 rituals, 9 marked days, 4 check-ins, 1 commitment, 5 check-offs; 40 were already here.' }).waitFor();
  const sent = await page.evaluate(() => {
    const [, bytes] = window.__calls.filter(([c]) => c === 'import_everything').at(-1);
    return { raw: bytes instanceof Uint8Array, length: bytes.length };
  });
  assert.deepEqual(sent, { raw: true, length: exported.length }, 'the file goes as its raw bytes');
  await page.setInputFiles('#import-file', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('nope') });
  await page.getByRole('button', { name: 'Import this file' }).click();
  await page.locator('#import-error', { hasText: "isn't a Hearth export" }).waitFor();
  await clean(page);
});

test('settings: a journal from another app comes in as the writer’s private entries, and the summary says what stayed behind', async () => {
  const page = await h.open({ cfg: READY, hash: '#/settings' });
  const form = page.getByRole('form', { name: 'Bring a journal from another app' });
  await form.waitFor();
  assert.equal(await form.getByLabel('Private').isChecked(), true, 'private unless the writer chooses otherwise');
  assert.match(await form.textContent(), /The entries become Sam’s/, 'it says whose entries they become');

  await form.getByRole('button', { name: 'Bring it in' }).click();
  await page.locator('#journal-import-error', { hasText: 'Please choose the journal file first.' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'journal-file', 'with no file chosen, focus goes to the file field');

  const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(60, 7)]);
  await page.setInputFiles('#journal-file', { name: 'Export - Journal.zip', mimeType: 'application/zip', buffer: zip });
  await form.getByRole('button', { name: 'Bring it in' }).click();
  const status = page.locator('#journal-import-status');
  await status.filter({ hasText: 'Added 12 entries' }).waitFor();
  assert.equal(await status.textContent(),
    'Added 12 entries from Day One as Sam’s private entries. Photos (3) and places (5) couldn’t come along.');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'journal-import-status', 'focus lands on the summary');
  const sent = await page.evaluate(() => {
    const [, bytes, options] = window.__calls.filter(([c]) => c === 'import_journal').at(-1);
    return { raw: bytes instanceof Uint8Array, length: bytes.length, headers: options.headers };
  });
  assert.deepEqual({ raw: sent.raw, length: sent.length, visibility: sent.headers['hearth-visibility'] },
    { raw: true, length: zip.length, visibility: 'private' }, 'the file goes as raw bytes, private by default');
  assert.ok(sent.headers['hearth-zone'], 'the computer’s zone goes along for times written without one');

  await form.getByLabel('Shared with Alex').check();
  const jrnl = Buffer.from(JSON.stringify({ tags: {}, entries: [{ title: 'A', body: 'b', date: '2023-05-14', time: '18:30' }] }));
  await page.setInputFiles('#journal-file', { name: 'jrnl.json', mimeType: 'application/json', buffer: jrnl });
  await form.getByRole('button', { name: 'Bring it in' }).click();
  await status.filter({ hasText: 'jrnl' }).waitFor();
  assert.equal(await status.textContent(),
    'Added 3 entries from jrnl as Sam’s entries, shared with you both. Stars (1) couldn’t come along.');
  await form.getByRole('button', { name: 'Bring it in' }).click();
  await status.filter({ hasText: 'Nothing new' }).waitFor();
  assert.equal(await status.textContent(),
    'Nothing new to add from jrnl. 3 entries were already here. Stars (1) couldn’t come along.');

  await page.setInputFiles('#journal-file', { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"notes": []}') });
  await form.getByRole('button', { name: 'Bring it in' }).click();
  await page.locator('#journal-import-error', { hasText: 'Nothing was changed.' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'journal-import-error', 'focus lands on what went wrong');
  assert.equal(await status.textContent(), '', 'no summary is left beside an error');
  await clean(page);
});

test('journal: a 100,000-character entry and long words do not widen the page', async () => {
  const body = `${'x'.repeat(60000)} ${'word '.repeat(8000)}`;
  for (const width of [1100, 360]) {
    const page = await h.open({ cfg: { ...READY, entries: [{ author: 2, title: 'T'.repeat(120), body, tags: ['t'.repeat(30)] }] }, hash: '#/journal', width });
    await page.locator('#timeline-list .entry-card').waitFor();
    await page.locator('.entry-link').click();
    await page.locator('#thread-title').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, `the thread overflows by ${overflow}px at ${width}px`);
    await clean(page);
  }
});

test('prompts: the library lists every category; a prompt of your own is added, marked, and shown as text', async () => {
  const page = await h.open({ cfg: READY, hash: '#/today' });
  await page.getByRole('link', { name: 'See all prompts, or add one of your own' }).click();
  await page.locator('#prompt-library .prompt-item').first().waitFor();
  assert.equal(await page.locator('#tool-prompts').getAttribute('aria-current'), 'page', 'the Prompts tool is marked current');
  assert.deepEqual(await page.locator('#prompt-library h3').allTextContents(), ['Trust and repair', 'Hopes'], 'one heading per category');

  await page.getByRole('button', { name: 'Add this prompt' }).click();
  assert.match(await page.locator('#prompt-add-error').textContent(), /write the question first/);
  assert.equal(await page.locator('.prompt-item--custom').count(), 0, 'nothing is added from a blank form');

  await page.getByLabel('Category').selectOption({ label: 'Hopes' });
  await page.getByLabel('Your question').fill('<img src=x onerror=alert(1)> What did we laugh at first?');
  await page.getByRole('button', { name: 'Add this prompt' }).click();
  const mine = page.locator('#prompt-library .prompt-item--custom');
  await mine.waitFor();
  assert.equal(await mine.locator('.prompt-item-text').textContent(), '<img src=x onerror=alert(1)> What did we laugh at first?');
  assert.match(await mine.textContent(), /Added by Sam/);
  assert.equal(await page.locator('#prompts-hopes + ul .prompt-item--custom').count(), 1, 'it is listed under the chosen category');
  assert.equal(await page.locator('#prompt-library img').count(), 0, 'no element was made from the text');
  assert.equal(await page.locator('#prompt-new').inputValue(), '', 'the form is ready for another');
  assert.deepEqual(await page.evaluate(() => window.__calls.filter(([c]) => c === 'add_prompt').map(([, a]) => a.category)), ['hopes']);

  await page.getByRole('link', { name: 'Write', exact: true }).click();
  await page.locator('#filter-prompt').waitFor();
  assert.equal(await page.locator('#filter-prompt option', { hasText: 'What did we laugh at first?' }).count(), 1, 'the timeline can be narrowed to it');
  await clean(page);
});

test('journal: the feeling is one choice, said plainly and announced as a radio group ("1 of N")', async () => {
  const page = await h.open({ cfg: READY, hash: '#/journal' });
  const group = page.getByRole('group', { name: /How are you feeling\?/ });
  await group.waitFor();
  assert.match(await group.textContent(), /Pick the one closest to how you feel\./, 'a visible hint says it is one feeling');
  const radios = group.getByRole('radio');
  const n = await radios.count();
  assert.ok(n >= 5, `each feeling is a radio (${n})`);
  assert.equal(await group.getByRole('button').count(), 0, 'no toggle buttons that look like several could be pressed');
  const names = await radios.evaluateAll((els) => [...new Set(els.map((e) => e.name))]);
  assert.equal(names.length, 1, 'one radio group, so a screen reader says “1 of N”');
  const snapshot = await group.ariaSnapshot();
  assert.match(snapshot, /radio "Hopeful"/, `the group reads as radios: ${snapshot}`);

  await page.getByLabel('Hopeful').check();
  await page.getByLabel('Calm').check();
  assert.deepEqual(await radios.evaluateAll((els) => els.filter((e) => e.checked).map((e) => e.value)), ['calm'], 'choosing another replaces the first');
  await page.getByLabel('Calm').focus();
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await radios.evaluateAll((els) => els.filter((e) => e.checked).map((e) => e.value)), ['close'], 'arrows move the one choice');
  await page.keyboard.press('Space');
  assert.equal(await radios.evaluateAll((els) => els.filter((e) => e.checked).length), 0, 'choosing it again (Space) clears it');
  await page.locator('label', { hasText: /^Hopeful$/ }).click();
  await page.locator('label', { hasText: /^Hopeful$/ }).click();
  assert.equal(await radios.evaluateAll((els) => els.filter((e) => e.checked).length), 0, 'choosing it again (a click) clears it');

  await page.getByLabel('Grateful').check();
  await page.getByLabel('What would you like to say?').fill('A good evening.');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.waitForFunction(() => window.__calls.some(([c]) => c === 'create_entry'));
  const sent = await page.evaluate(() => window.__calls.find(([c]) => c === 'create_entry')[1].input.feeling);
  assert.equal(sent, 'grateful', 'the one feeling is saved');
  await page.locator('#timeline-list .entry-card').first().waitFor();
  await clean(page);
});

test('journal: an answer shows its question, as text, in the timeline, the thread and search', async () => {
  const question = '<b>Which</b> song takes you back to us?';
  const cfg = {
    ...READY,
    prompts: [{ id: 'custom-x', category: 'memories', text: question, custom: true, addedBy: 2 }],
    entries: [
      { author: 2, kind: 'answer', promptId: 'hope-01', promptDate: '2026-11-22', body: 'The lighthouse trip, honestly.' },
      { author: 1, kind: 'answer', promptId: 'hope-01', promptDate: '2026-11-22', body: 'Sunday pancakes.' },
      { author: 2, promptId: 'custom-x', body: 'Our wedding waltz.' },
      { author: 1, body: 'A plain note.' },
    ],
  };
  const page = await h.open({ cfg, hash: '#/journal' });
  const card = (text) => page.locator('#timeline-list .entry-card', { hasText: text });
  await card('lighthouse').waitFor();
  assert.equal(await card('lighthouse').locator('.entry-prompt').textContent(),
    'The prompt: What small thing are you looking forward to?', 'the timeline shows the question above the answer');
  assert.equal(await card('waltz').locator('.entry-prompt').textContent(), `Written from the prompt: ${question}`);
  assert.equal(await card('plain note').locator('.entry-prompt').count(), 0, 'an entry from no prompt has no question');
  assert.equal(await page.locator('#view-journal b').count(), 0, 'the question is text, never markup');
  const order = await card('lighthouse').evaluate((el) => [...el.children].map((c) => c.className));
  assert.ok(order.indexOf('entry-prompt') < order.indexOf('entry-title entry-title--untitled'), 'the question comes before the answer');

  await page.getByLabel('Search the journal').fill('lighthouse');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const hit = page.locator('#search-results .entry-card').first();
  await hit.waitFor();
  assert.equal(await hit.locator('.entry-prompt').textContent(),
    'The prompt: What small thing are you looking forward to?', 'search results show the question');

  await hit.locator('.entry-link').click();
  await page.locator('#thread-title').waitFor();
  assert.equal(await page.locator('#thread .entry-prompt').textContent(),
    'The prompt: What small thing are you looking forward to?', 'the thread shows the question');
  await clean(page);
});

test('today: seeing the reveal marks the other’s answer read, so Today no longer counts it', async () => {
  const page = await h.open({ cfg: { ...READY, entries: [{ author: 1, body: 'An ordinary note from Sam.' }] }, hash: '#/today' });
  await page.locator('#prompt-text').waitFor();
  await page.getByLabel('Your answer').fill('Sam’s answer');
  await page.getByRole('button', { name: 'Answer' }).click();
  await page.locator('#prompt-state', { hasText: 'Waiting for Alex' }).waitFor();
  await page.keyboard.press('Control+Shift+S');
  await page.locator('#prompt-state', { hasText: 'Sam has answered' }).waitFor();
  await page.locator('#today-unread', { hasText: 'Sam wrote 1 entry you haven’t marked read yet.' }).waitFor();

  await page.getByLabel('Your answer').fill('Alex’s answer');
  await page.getByRole('button', { name: 'Answer' }).click();
  await page.locator('#prompt-answers .answer').nth(1).waitFor();
  await page.waitForFunction(() => window.__calls.some(([c]) => c === 'mark_read'));
  const marked = await page.evaluate(() => window.__calls.filter(([c]) => c === 'mark_read').map(([, a]) => a.entryId));
  const samsAnswer = await page.evaluate(async () => (await window.__TAURI__.core.invoke('timeline', { query: {} }))
    .entries.find((e) => e.body === 'Sam’s answer').id);
  assert.deepEqual(marked, [samsAnswer], 'seeing the reveal marks the other’s answer read, once');
  await page.locator('#today-unread', { hasText: 'Sam wrote 1 entry you haven’t marked read yet.' }).waitFor();

  // Back on Today later: the answer seen in the reveal is not “unread”, and
  // it isn't marked a second time.
  await page.getByRole('link', { name: 'Journal', exact: true }).first().click();
  await page.locator('#view-journal').waitFor();
  const sams = page.locator('#timeline-list .entry-card', { hasText: 'Sam’s answer' });
  await sams.waitFor();
  assert.match(await sams.locator('.entry-foot').textContent(), /You read this/, 'the journal agrees it is read');
  await page.getByRole('link', { name: 'Today' }).click();
  await page.locator('#prompt-answers .answer').nth(1).waitFor();
  await page.waitForFunction(() => window.__inflight === 0, null, { polling: 50 });
  assert.equal(await page.locator('#today-unread').textContent(), 'Sam wrote 1 entry you haven’t marked read yet. Open the journal',
    'only the ordinary note is still unread');
  assert.equal(await page.evaluate(() => window.__calls.filter(([c]) => c === 'mark_read').length), 1, 'a read answer is not marked again');
  await clean(page);
});

test('journal: search runs as you type, and the help line says how words are matched', async () => {
  const page = await h.open({ cfg: { ...READY, entries: [{ author: 2, body: 'The lanternfish glow at night.' }, { author: 2, body: 'Rain all day.' }] }, hash: '#/journal' });
  const help = page.locator('#search-help');
  assert.equal(await help.textContent(),
    'Results appear as you type, and the last word can be just its first few letters. '
    + 'Put "quotes" around words to find them side by side, and end a word with * to find every word that starts with it.');
  assert.equal(await page.getByLabel('Search the journal').getAttribute('aria-describedby'), 'search-help', 'the help is tied to the field');
  await page.getByLabel('Search the journal').pressSequentially('lant', { delay: 30 });
  const hit = page.locator('#search-results .entry-card');
  await hit.first().waitFor();
  assert.equal(await hit.count(), 1, 'the beginning of a word finds it, without pressing Enter');
  assert.match(await page.locator('#search-status').textContent(), /1 entry with “lant”/);
  const searches = await page.evaluate(() => window.__calls.filter(([c]) => c === 'search_journal').map(([, a]) => a.query));
  assert.deepEqual(searches, ['lant'], 'one search after a short pause, not one per key');
  await page.getByLabel('Search the journal').fill('');
  await page.locator('#search-results').waitFor({ state: 'hidden' });
  assert.equal(await page.locator('#timeline-list').isVisible(), true, 'an empty field brings the timeline back');
  await clean(page);
});

test('journal: each filter stacks its label over a control as wide as its column, none overlapping', async () => {
  const page = await h.open({ cfg: { ...READY, entries: [{ author: 1, body: 'A plain note.' }] }, hash: '#/journal' });
  await page.setViewportSize({ width: 1080, height: 760 });
  const fields = page.locator('.filters .field--inline');
  await fields.first().waitFor();
  const boxes = await fields.evaluateAll((els) => els.map((f) => {
    const control = f.querySelector('select, input');
    const label = f.querySelector('label').getBoundingClientRect();
    const c = control.getBoundingClientRect();
    return { label: f.querySelector('label').textContent, field: f.getBoundingClientRect().width, control: c.width, left: c.left, right: c.right, below: c.top >= label.bottom - 1 };
  }));
  for (const b of boxes) {
    assert.ok(b.below, `the label "${b.label}" sits above its control`);
    assert.ok(Math.abs(b.field - b.control) <= 1, `the "${b.label}" control fills its column (${b.control} of ${b.field})`);
  }
  const sorted = [...boxes].sort((a, b) => a.left - b.left);
  for (let i = 1; i < sorted.length; i += 1) {
    if (Math.abs(sorted[i].left - sorted[i - 1].left) < 2) continue; // one above the other
    assert.ok(sorted[i].left >= sorted[i - 1].right - 1 || sorted[i].left < sorted[i - 1].left, `"${sorted[i - 1].label}" and "${sorted[i].label}" don't overlap`);
  }
  await clean(page);
});
