// Lock Hearth, in the real window: Sam and Alex each set a passphrase; Alex,
// writing, turns on Lock Hearth in Settings → Privacy with Sam's
// passphrase (after the page says what happens to the plain file); Hearth
// quits, and no file under the data folder holds a word of the journal nor
// opens as plain SQLite; reopened, "Who's here?" is the first screen, and
// Sam's name and passphrase open Today. Pictures of the lock screen and of
// Settings → Privacy with Lock Hearth, light and dark.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe } from "node:test";

import { buttonByText, inputByLabel, mainShows, navItem, startHarness, story, switchTo, visibleText } from "./harness.mjs";
import { waitUntil } from "./webdriver.mjs";

const SAMS = "a long walk to the river";
const ALEXS = "a kettle on the stove";
const CANARY = "saffron-lighthouse-5820";

let harness;
let app = null;
let profile = null;

before(async () => {
  harness = await startHarness("lock-hearth");
});

after(async () => {
  await harness?.stop();
});

/** The files under `dir` holding `word` in UTF-8 or UTF-16 (LE or BE). */
function filesHolding(dir, word) {
  const forms = [Buffer.from(word, "utf8"), Buffer.from(word, "utf16le"), Buffer.from(word, "utf16le").swap16()];
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (forms.some((form) => fs.readFileSync(file).includes(form))) found.push(file);
  }
  return found;
}

/** Sets the writer's first passphrase in Settings → Privacy. */
async function setPassphrase(session, passphrase) {
  await (await navItem(session, "Settings")).click();
  await (await buttonByText(session, "Set a passphrase")).click();
  await (await inputByLabel(session, "New passphrase")).sendKeys(passphrase);
  await (await inputByLabel(session, "Repeat the passphrase")).sendKeys(passphrase);
  await (await buttonByText(session, "Set the passphrase")).click();
  await (await buttonByText(session, "I've written it down", { timeout: 30_000 })).click();
}

/** Scrolls Settings → Privacy's Lock Hearth group into the middle, for its photograph. */
async function showLockHearth(session) {
  await session.execute("document.querySelector('#privacy-lock-hearth').scrollIntoView({block: 'center'})");
  await new Promise((r) => setTimeout(r, 400));
}

/** Waits for "Who's here?" and checks nothing of the journal is in the window. */
async function whoIsHere(session) {
  await waitUntil(async () => (await visibleText(session).catch(() => "")).includes("Who's here?"), {
    timeout: 30_000, message: "the lock screen asks who is here",
  });
  const page = await session.execute("return document.documentElement.outerHTML + document.documentElement.textContent");
  assert.ok(!page.includes(CANARY), "nothing of the journal is in the page before a passphrase");
  assert.ok(!page.includes("Writing as"), "no header before a passphrase");
}

async function unlockAs(session, name, passphrase) {
  await (await inputByLabel(session, name)).click();
  await (await inputByLabel(session, "Passphrase")).sendKeys(passphrase);
  await (await buttonByText(session, "Unlock")).click();
  await waitUntil(async () => (await visibleText(session)).includes(`Writing as ${name}`), { timeout: 20_000, message: `unlocked as ${name}` });
}

describe("Lock Hearth: the whole journal encrypted at rest", () => {
  const step = story(() => harness, { timeout: 240_000 });

  step("Sam and Alex each set a passphrase; Alex writes", async () => {
    profile = harness.newProfile("lock-hearth");
    app = await harness.launch(profile);
    const { session } = app;
    await (await inputByLabel(session, "Your name", { timeout: 30_000 })).sendKeys("Sam");
    await (await inputByLabel(session, "Your partner's name")).sendKeys("Alex");
    await (await buttonByText(session, "Begin")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Writing as Sam"), { timeout: 20_000, message: "setup leads to the app" });
    await setPassphrase(session, SAMS);
    await switchTo(session, "Alex");
    await setPassphrase(session, ALEXS);
    await (await navItem(session, "Journal")).click();
    await (await inputByLabel(session, "What would you like to say?")).sendKeys(`For both of us: ${CANARY}.`);
    await (await buttonByText(session, "Save entry")).click();
    await mainShows(session, CANARY, "Alex sees the entry");
  });

  step("Settings → Privacy says what Lock Hearth does, and Sam's passphrase turns it on", async () => {
    const { session } = app;
    await (await navItem(session, "Settings")).click();
    const field = await inputByLabel(session, "Sam's passphrase");
    const group = await session.waitCss("#privacy-lock-hearth");
    const said = String(await group.property("innerText"));
    assert.match(said, /removes the plain file/, "before turning it on, the page says the plain file goes");
    assert.match(said, /no plain copy stays in Hearth.s folder/, "and that no plain copy stays");
    await showLockHearth(session);
    await harness.screenshot("privacy-lock-hearth");
    await field.sendKeys("not Sam's at all");
    await (await buttonByText(session, "Turn on Lock Hearth")).click();
    await waitUntil(async () => (await visibleText(session)).includes("That passphrase isn't Sam's"), { timeout: 20_000, message: "a wrong passphrase of Sam's is refused" });
    await session.execute("arguments[0].value = ''", [field]);
    await field.sendKeys(SAMS);
    await (await buttonByText(session, "Turn on Lock Hearth")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Lock Hearth is on"), { timeout: 30_000, message: "Lock Hearth turns on" });
    await buttonByText(session, "Turn off Lock Hearth");
  });

  step("after quitting, no file holds the journal's words and the file isn't plain SQLite", async () => {
    await app.quit();
    app = null;
    assert.deepEqual(filesHolding(profile.dataDir, CANARY), [],
      "with Lock Hearth on, no file under the data folder holds journal text, in UTF-8 or UTF-16");
    const head = fs.readFileSync(path.join(profile.dataDir, "hearth.sqlite3")).subarray(0, 16).toString("latin1");
    assert.notEqual(head, "SQLite format 3\0", "the journal file doesn't open as SQLite without the key");
    assert.ok(fs.existsSync(path.join(profile.dataDir, "hearth.keys")), "the key file sits beside it");
  });

  step("reopened, \"Who's here?\" comes first; Sam's passphrase opens Today", async () => {
    app = await harness.launch(profile);
    const { session } = app;
    await whoIsHere(session);
    await harness.screenshot("lock-hearth-screen");
    await unlockAs(session, "Sam", SAMS);
    await (await navItem(session, "Journal")).click();
    await mainShows(session, CANARY, "the journal opens whole");
  });

  step("in the dark: the lock screen and Settings → Privacy", async () => {
    await app.quit();
    app = await harness.launch(profile, { env: { GTK_THEME: "Adwaita:dark" } });
    const { session } = app;
    await whoIsHere(session);
    await harness.screenshot("lock-hearth-screen-dark");
    await unlockAs(session, "Alex", ALEXS);
    await (await navItem(session, "Settings")).click();
    await inputByLabel(session, "Sam's passphrase");
    await showLockHearth(session);
    await harness.screenshot("privacy-lock-hearth-dark");
    await app.quit();
    app = null;
  });
});
