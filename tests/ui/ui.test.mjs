import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, READY, UI_DIR, clean } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.stop(); });

test('setup: labelled fields, client and backend errors keep what was typed, Begin leads to Today', async () => {
  const page = await h.open();
  await page.getByRole('button', { name: 'Begin' }).click();
  assert.match(await page.locator('#partner-1-name-error').textContent(), /write your name/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'partner-1-name');

  await page.getByLabel('Your name', { exact: true }).fill('  Sam ');
  await page.getByLabel("Your partner's name").fill('Alex');
  await page.getByRole('radio', { name: 'Plum' }).first().check();
  await page.evaluate(() => { window.__failNext = { kind: 'storage', message: 'The disk is full. Nothing was lost.' }; });
  await page.getByRole('button', { name: 'Begin' }).click();
  await page.locator('#setup-error').getByText('The disk is full. Nothing was lost.').waitFor();
  assert.equal(await page.inputValue('#partner-1-name'), '  Sam ');
  assert.equal(await page.inputValue('#partner-2-name'), 'Alex');

  await page.getByRole('button', { name: 'Begin' }).click();
  await page.locator('#view-today').waitFor();
  assert.equal(await page.evaluate(() => location.hash), '#/today');
  assert.equal((await page.textContent('#writer-indicator')).trim(), 'Writing as Sam');
  const setup = (await page.evaluate(() => window.__calls)).find(([c]) => c === 'setup_couple');
  assert.deepEqual(setup[1], { partners: [{ name: 'Sam', color: '#7b5675' }, { name: 'Alex' }] });
  await clean(page);
});

test('setup: too long and identical names are caught before the backend', async () => {
  const page = await h.open();
  await page.fill('#partner-1-name', 'é'.repeat(41));
  await page.fill('#partner-2-name', 'Alex');
  await page.click('#setup-begin');
  assert.match(await page.textContent('#partner-1-name-error'), /41 characters; please keep it to 40/);
  await page.fill('#partner-1-name', 'alex');
  await page.click('#setup-begin');
  assert.match(await page.textContent('#partner-2-name-error'), /different/);
  assert.equal((await page.evaluate(() => window.__calls)).filter(([c]) => c === 'setup_couple').length, 0);
  await clean(page);
});

test('setup: a name of only spaces gets a visible alert; no empty alerts linger', async () => {
  const page = await h.open();
  assert.equal(await page.locator('[role="alert"]').count(), 0);
  await page.fill('#partner-1-name', '   ');
  await page.fill('#partner-2-name', 'Alex');
  await page.click('#setup-begin');
  assert.equal(await page.locator('[role="alert"]').count(), 1);
  assert.equal((await page.locator('[role="alert"]').textContent()).trim(), 'Please write your name.');
  await page.fill('#partner-1-name', 'Sam');
  await page.evaluate(() => { window.__failNext = { kind: 'invalid_input', message: 'From the core.' }; });
  await page.click('#setup-begin');
  await page.locator('#setup-error', { hasText: 'From the core.' }).waitFor();
  assert.equal(await page.locator('[role="alert"]').count(), 1, 'the old field message is gone');
  await clean(page);
});

test('writer: a failed switch says why and keeps the writer', async () => {
  const page = await h.open({ cfg: READY });
  await page.evaluate(() => { window.__failNext = { kind: 'storage', message: 'The journal is busy.' }; });
  await page.click('#switch-writer');
  await page.locator('#writer-error', { hasText: 'The journal is busy.' }).waitFor();
  assert.equal((await page.textContent('#writer-indicator')).trim(), 'Writing as Sam');
  await page.click('#switch-writer');
  await page.locator('#writer-indicator', { hasText: 'Writing as Alex' }).waitFor();
  assert.equal(await page.locator('#writer-error').count(), 0);
  await clean(page);
});

test('writer: button and Ctrl+Shift+S switch, and the change is announced', async () => {
  const page = await h.open({ cfg: READY, hash: '#/today' });
  await page.getByRole('button', { name: 'Switch to Alex' }).click();
  await page.locator('#writer-indicator', { hasText: 'Writing as Alex' }).waitFor();
  await page.locator('#announcer', { hasText: 'Now writing as Alex.' }).waitFor();
  assert.equal((await page.textContent('#switch-writer')).trim(), 'Switch to Sam');
  assert.match(await page.textContent('#today-greeting'), /Alex\.$/);
  await page.keyboard.press('Control+Shift+S');
  await page.locator('#writer-indicator', { hasText: 'Writing as Sam' }).waitFor();
  const color = await page.evaluate(() => getComputedStyle(document.querySelector('.frame')).getPropertyValue('--partner-color').trim());
  assert.equal(color, '#b4532a');
  await clean(page);
});

test('navigation: links, aria-current, Alt+digit, back key and reload', async () => {
  const page = await h.open({ cfg: READY });
  assert.equal(await page.evaluate(() => location.hash), '#/today');
  const nav = page.getByRole('navigation', { name: 'Places' });
  await nav.getByRole('link', { name: 'Journal' }).click();
  await page.locator('#view-journal').waitFor();
  assert.equal(await page.getAttribute('#nav-journal', 'aria-current'), 'page');
  assert.equal(await page.getAttribute('#nav-today', 'aria-current'), null);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'journal-title');
  await page.keyboard.press('Alt+3');
  await page.locator('#view-rituals').waitFor();
  await page.keyboard.press('Alt+4');
  await page.locator('#view-checkins').waitFor();
  await page.goBack();
  await page.locator('#view-rituals').waitFor();
  await page.reload();
  await page.locator('#view-rituals').waitFor();
  await page.goto(page.url().replace(/#.*$/, '#/nowhere'));
  await page.locator('#view-today').waitFor();
  for (const [route, h1] of [['today', 'Today'], ['journal', 'Journal'], ['rituals', 'Rituals'], ['checkins', 'Check-ins'], ['settings', 'Settings']]) {
    await nav.getByRole('link', { name: h1 }).click();
    await page.locator(`#view-${route} h1`, { hasText: h1 }).waitFor();
  }
  await clean(page);
});

test('skip link moves focus to the content without changing the route', async () => {
  const page = await h.open({ cfg: READY, hash: '#/journal' });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  assert.equal(await page.evaluate(() => location.hash), '#/journal');
  await clean(page);
});

test('settings: saves names and colours, shows backend messages, keeps what was typed', async () => {
  const page = await h.open({ cfg: READY, hash: '#/settings' });
  assert.equal(await page.textContent('#settings-data-dir'), '/home/sam/.local/share/app.hearth.desktop');
  assert.equal(await page.isChecked('#settings-partner-2-color-slate-blue'), true);
  await page.fill('#settings-partner-1-name', 'Samira');
  await page.evaluate(() => { window.__failNext = { kind: 'invalid_input', message: 'That name is already taken.' }; });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('#settings-error', { hasText: 'That name is already taken.' }).waitFor();
  assert.equal(await page.inputValue('#settings-partner-1-name'), 'Samira');

  await page.check('#settings-partner-2-color-sage');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('#settings-status', { hasText: 'Saved.' }).waitFor();
  assert.equal((await page.textContent('#writer-indicator')).trim(), 'Writing as Samira');
  const updates = (await page.evaluate(() => window.__calls)).filter(([c]) => c === 'update_partner').slice(-2);
  assert.deepEqual(updates.map(([, a]) => a), [
    { partnerId: 1, name: 'Samira', color: '#b4532a' },
    { partnerId: 2, name: 'Alex', color: '#5e7d5b' },
  ]);
  await page.fill('#settings-partner-2-name', '');
  await page.click('#settings-save');
  assert.match(await page.textContent('#settings-partner-2-name-error'), /write a name/);
  await clean(page);
});

test('colour swatches work from the keyboard', async () => {
  const page = await h.open();
  await page.focus('#partner-1-name');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('#partner-1-color-terracotta'), true);
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.isChecked('#partner-1-color-ochre'), true);
  await clean(page);
});

test('unavailable: says what happened, where, and that nothing changed', async () => {
  const page = await h.open({ cfg: { phase: 'unavailable', problem: { kind: 'not_a_database', message: 'This is not a Hearth journal.', path: '/tmp/x/hearth.sqlite3' } } });
  assert.equal(await page.textContent('#unavailable-message'), 'This is not a Hearth journal.');
  assert.equal(await page.textContent('#problem-path'), '/tmp/x/hearth.sqlite3');
  await page.getByText('Nothing was changed or deleted.').waitFor();
  assert.equal(await page.locator('nav').count(), 0);
  await clean(page);
});

test('a plain browser gets a friendly note', async () => {
  const page = await h.open({ tauri: false });
  await page.getByRole('heading', { name: 'Hearth lives in its own app' }).waitFor();
  await clean(page);
});

test('no horizontal overflow at 320px with 40-character names', async () => {
  const long = { ...READY, partners: [{ id: 1, name: 'W'.repeat(40), color: '#7b5675' }, { id: 2, name: 'M'.repeat(40), color: '#3b7b76' }] };
  for (const hash of ['#/today', '#/settings']) {
    const page = await h.open({ cfg: long, hash, width: 320, height: 640 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, `${hash} overflows by ${overflow}px`);
    await clean(page);
  }
});

test('fonts: generic families on Linux, the system faces by name on macOS and Windows', async () => {
  const family = (page) => page.evaluate(() => getComputedStyle(document.querySelector('h1')).fontFamily + ' | ' + getComputedStyle(document.body).fontFamily);
  const linux = await h.open({ cfg: READY });
  assert.equal(await family(linux), 'serif | sans-serif',
    'on Linux the page names no font family (each missing one costs WebKitGTK a fontconfig search at start)');
  const mac = await h.open({ cfg: READY, userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko)' });
  assert.match(await family(mac), /^"Iowan Old Style".* \| -apple-system/, 'on macOS the page asks for the system faces by name');
  const windows = await h.open({ cfg: READY, userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Edg/120.0' });
  assert.match(await family(windows), /^"Palatino Linotype".* \| "Segoe UI"/, 'on Windows the page asks for Segoe UI by name');
  for (const page of [linux, mac, windows]) await clean(page);
});

test('hygiene: no inline script, style or handlers; no HTML built from strings', () => {
  const html = fs.readFileSync(path.join(UI_DIR, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'inline <script>');
  assert.doesNotMatch(html, /\sstyle=|<style/i, 'inline style');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'inline handler');
  const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const file of walk(path.join(UI_DIR, 'js'))) {
    const src = fs.readFileSync(file, 'utf8');
    assert.doesNotMatch(src, /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function/, file);
    // The SVG namespace is a name, not an address: nothing is fetched from it.
    const withoutNamespace = src.replaceAll("'http://www.w3.org/2000/svg'", '');
    assert.doesNotMatch(withoutNamespace, /https?:\/\//, `${file} refers to a remote resource`);
  }
});

test('setup: a couple moving laptops brings everything from an export instead of starting afresh', async () => {
  const page = await h.open();
  const move = page.getByRole('form', { name: 'Moving Hearth to this laptop?' });
  await page.getByRole('button', { name: 'Bring everything from another laptop' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-file', 'the offer near the top leads to the file field');
  await move.getByRole('button', { name: 'Import this file' }).click();
  await page.locator('#import-error', { hasText: 'Please choose a Hearth export first.' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-file', 'with no file chosen, focus goes to the file field');

  await page.setInputFiles('#import-file', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('nope') });
  await move.getByRole('button', { name: 'Import this file' }).click();
  await page.locator('#import-error', { hasText: "isn't a Hearth export" }).waitFor();
  assert.equal(await page.locator('#view-setup').isVisible(), true, 'a file that cannot be used leaves the welcome as it was');

  const file = { format: 'hearth-export', version: 2, partners: [{ name: 'Robin', color: '#7b5675' }, { name: 'Kit', color: '#3f6e8c' }] };
  await page.setInputFiles('#import-file', { name: 'Hearth export.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await move.getByRole('button', { name: 'Import this file' }).click();
  await page.locator('#view-today').waitFor();
  assert.equal((await page.textContent('#writer-indicator')).trim(), 'Writing as Robin', 'the journal the file brought replaces the welcome');
  await clean(page);
});
