// The first screen in one question: Today is drawn from first_screen's one
// answer, before the next frame, without asking each card's question again;
// a locked writer's page asks the same question and gets the names alone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, READY, clean } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

// Not questions about the journal: the reminder channel and the benchmark's line.
const QUIET = new Set(['watch_reminders', 'report_ready']);

/** Notes what Today shows in the first animation frame after first_screen answers. */
function watchFirstFrame() {
  const core = window.__TAURI__.core;
  const invoke = core.invoke;
  core.invoke = (cmd, ...rest) => {
    const answer = invoke(cmd, ...rest);
    if (cmd === 'first_screen') {
      answer.then(() => requestAnimationFrame(() => {
        window.__firstFrame = {
          rituals: document.querySelectorAll('#today-ritual-list > li').length,
          prompt: document.querySelector('#prompt-text')?.textContent ?? null,
          answer: document.querySelector('#prompt-answer')?.value ?? null,
          thanks: document.querySelector('#thanks-list')?.textContent ?? null,
          unread: document.querySelector('#today-unread')?.textContent ?? null,
          greeting: document.querySelector('#today-greeting')?.textContent ?? null,
        };
      }));
    }
    return answer;
  };
}

const TODAY = (() => {
  const at = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
})();

test('Today comes from one question and is drawn in the frame its answer arrives', async () => {
  const page = await h.open({
    cfg: {
      ...READY,
      rituals: [{ title: 'Evening walk' }],
      appreciations: [{ from: 2, to: 1, text: 'Thank you for the soup.' }],
      entries: [{ author: 2, body: 'The bakery had the good bread again.' }],
      drafts: { [`1:answer:${TODAY}`]: { key: `answer:${TODAY}`, content: { body: 'Half an answer' }, savedAt: new Date().toISOString() } },
    },
    hash: '#/today',
    init: watchFirstFrame,
  });
  await page.waitForFunction(() => window.__firstFrame);
  const asked = (await page.evaluate(() => window.__calls)).map(([c]) => c).filter((c) => !QUIET.has(c));
  assert.deepEqual(asked, ['first_screen'], 'the first screen asks one question, not one per card');
  const frame = await page.evaluate(() => window.__firstFrame);
  assert.equal(frame.rituals, 1, 'the day’s ritual is drawn in the first frame after the answer');
  assert.ok(frame.prompt, 'the prompt of the day is drawn in that frame');
  assert.equal(frame.answer, 'Half an answer', 'the kept answer is back in its field in that frame');
  assert.match(frame.thanks, /Thank you for the soup\./, 'the thank-you is drawn in that frame');
  assert.match(frame.unread, /Alex wrote 1 entry you haven’t marked read yet/, 'the unread note is drawn in that frame');
  assert.match(frame.greeting, /, Sam\.$/, 'the greeting names the writer');
  await clean(page);
});

test('a place other than Today opens as before, and Today asks its own questions when visited', async () => {
  const page = await h.open({ cfg: { ...READY, rituals: [{ title: 'Evening walk' }] }, hash: '#/journal' });
  await page.locator('#view-journal').waitFor();
  await page.evaluate(() => { window.__calls.length = 0; });
  await page.locator('#nav-today').click();
  await page.locator('#today-ritual-list > li').first().waitFor();
  await page.waitForFunction(() => window.__inflight === 0, null, { polling: 50 });
  const asked = new Set((await page.evaluate(() => window.__calls)).map(([c]) => c));
  for (const command of ['rituals_today', 'prompt_of_the_day', 'unread_appreciations', 'unread_count']) {
    assert.ok(asked.has(command), `Today visited later asks ${command} itself`);
  }
  await clean(page);
});

test('when the one question fails, the page still opens and each card says what went wrong', async () => {
  const page = await h.open({
    cfg: { ...READY, rituals: [{ title: 'Evening walk' }] },
    hash: '#/today',
    init: () => { window.__failing = { unread_appreciations: { kind: 'storage', message: 'The thank-yous could not be read just now.' } }; },
  });
  await page.getByText('The thank-yous could not be read just now.').waitFor();
  await page.locator('#today-ritual-list > li').first().waitFor();
  const asked = (await page.evaluate(() => window.__calls)).map(([c]) => c);
  assert.deepEqual(asked.slice(0, 2), ['first_screen', 'get_state'], 'after the one question fails, the page asks for the state alone');
  await page.evaluate(() => { window.__failing = null; });
  await clean(page);
});

test('the page fetches first the screen it opened on last time, and draws another whole when the answer asks for it', async () => {
  const remember = (screen) => `localStorage.setItem('hearth.firstScreen', ${JSON.stringify(screen)});`;
  // Last time the lock screen; this time the writer's pages are open.
  let page = await h.open({ cfg: { ...READY, rituals: [{ title: 'Evening walk' }] }, init: remember('locked') });
  await page.locator('#today-ritual-list > li').first().waitFor();
  assert.equal(await page.locator('#today-ritual-list > li').count(), 1, 'Today is drawn with its cards although the lock screen was fetched first');
  assert.equal(await page.evaluate(() => localStorage.getItem('hearth.firstScreen')), 'ready', 'the page keeps the screen it opened on, for the next start');
  await clean(page);
  // Last time Today; this time the writer has a passphrase not yet typed.
  page = await h.open({ cfg: { ...READY, passphrases: { 1: 'a long walk home' } }, init: remember('ready') });
  await page.getByRole('button', { name: 'Unlock' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('hearth.firstScreen')), 'locked', 'a start on the lock screen is kept as such');
  await clean(page);
});
