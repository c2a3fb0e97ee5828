// Serves ui/ on a free local port and opens pages in headless Chromium with
// the fake Tauri backend installed before any page script runs.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const UI_DIR = path.resolve(here, '../../ui');
const FAKE = fs.readFileSync(path.join(here, 'fake-tauri.js'), 'utf8')
  + '\n' + fs.readFileSync(path.join(here, 'fake-journal.js'), 'utf8')
  + '\n' + fs.readFileSync(path.join(here, 'fake-rituals.js'), 'utf8')
  + '\n' + fs.readFileSync(path.join(here, 'fake-reminders.js'), 'utf8')
  + '\n' + fs.readFileSync(path.join(here, 'fake-backups.js'), 'utf8')
  + '\n' + fs.readFileSync(path.join(here, 'fake-sync.js'), 'utf8');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

export async function start() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = path.resolve(UI_DIR, rel);
    if (!file.startsWith(UI_DIR + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

  /**
   * Opens the page. cfg seeds the fake ({phase, partners, writerId, problem}); tauri:false leaves it out.
   * bypassCSP lets a test add a checking script (axe-core) to the page; the page's own CSP hygiene is checked elsewhere.
   * init: a function run in the page after the fake is installed, before the page's scripts.
   */
  async function open({ cfg = {}, hash = '', tauri = true, width = 1100, height = 800, scheme = 'light', userAgent, bypassCSP = false, init } = {}) {
    const context = await browser.newContext({
      viewport: { width, height }, colorScheme: scheme, bypassCSP, ...(userAgent ? { userAgent } : {}),
    });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // Chromium notes that frame-ancestors is ignored in a <meta> CSP; that is expected.
      if (m.type() === 'error' && !m.text().includes('frame-ancestors')) problems.push(m.text());
    });
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    if (tauri) await page.addInitScript(`window.__HEARTH_FAKE__ = ${JSON.stringify(cfg)};\n${FAKE}`);
    // A test's own watcher, run after the fake is in place (before any page script).
    if (init) await page.addInitScript(init);
    // tauri.conf.json sets freezePrototype: the page must work with a frozen Object.prototype.
    await page.addInitScript(() => Object.freeze(Object.prototype));
    await page.goto(base + hash);
    await page.waitForSelector('#main:not(:has(#loading))');
    // Let the first screen finish asking the fake for what it shows, so a
    // test's __failNext reaches the command the test means.
    if (tauri) await page.waitForFunction(() => window.__inflight === 0, null, { polling: 50 });
    page.problems = problems;
    return page;
  }

  return {
    open,
    async stop() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export const READY = {
  phase: 'ready',
  writerId: 1,
  partners: [{ id: 1, name: 'Sam', color: '#b4532a' }, { id: 2, name: 'Alex', color: '#3f6e8c' }],
};

/** Closes a page after checking it broke no CSP rule and logged no error. */
export async function clean(page) {
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violations');
  assert.deepEqual(page.problems, [], 'no page errors');
  await page.context().close();
}

/** Collects (and dismisses) any alert()/confirm() dialog, so a test can assert there was none. */
export function noDialogs(page) {
  const seen = [];
  page.on('dialog', (d) => { seen.push(d.message()); d.dismiss(); });
  return seen;
}
