// Privacy that holds, in the real window: Sam sets a passphrase and writes a
// private entry; Alex presses "Switch to Sam" and meets a passphrase field
// and nothing of Sam's private page; a wrong passphrase is refused, the
// right one shows it; Hearth reopened while Sam was writing asks first;
// and the private words are in no file under the data folder (sealed).

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe } from "node:test";

import { buttonByText, inputByLabel, mainShows, navItem, startHarness, story, switchTo, visibleText } from "./harness.mjs";
import { waitUntil } from "./webdriver.mjs";

const PASSPHRASE = "a long walk to the river";
const CANARY = "periwinkle-harbour-7113";

let harness;
let app = null;
let profile = null;

before(async () => {
  harness = await startHarness("privacy");
});

after(async () => {
  await harness?.stop();
});

/** Everything the window shows, text and field values, for "nothing of it". */
async function everythingShown(session) {
  return session.execute(`
    const values = Array.from(document.querySelectorAll("input, textarea")).map((el) => el.value);
    return document.body.innerText + "\\n" + values.join("\\n");
  `);
}

/** The files under `dir` holding `word` in UTF-8 or UTF-16 (LE or BE). */
function filesHolding(dir, word) {
  const forms = [Buffer.from(word, "utf8"), Buffer.from(word, "utf16le"), Buffer.from(word, "utf16le").swap16()];
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    const bytes = fs.readFileSync(file);
    if (forms.some((form) => bytes.includes(form))) found.push(file);
  }
  return found;
}

/** Scrolls Settings → Privacy to the middle of the window for its photograph. */
async function showPrivacySection(session) {
  await session.execute("document.querySelector('#settings-privacy').scrollIntoView({block: 'center'})");
  await new Promise((r) => setTimeout(r, 400));
}

describe("a passphrase keeps a private page its author's", () => {
  const step = story(() => harness);

  step("Sam sets a passphrase in Settings → Privacy and sees the recovery key once", async () => {
    profile = harness.newProfile("privacy");
    app = await harness.launch(profile);
    const { session } = app;
    await (await inputByLabel(session, "Your name", { timeout: 30_000 })).sendKeys("Sam");
    await (await inputByLabel(session, "Your partner's name")).sendKeys("Alex");
    await (await buttonByText(session, "Begin")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Writing as Sam"), { timeout: 20_000, message: "setup leads to the app" });

    await (await navItem(session, "Settings")).click();
    await mainShows(session, "can't be recovered by anyone", "before a passphrase is set, Settings says plainly what forgetting it means");
    await showPrivacySection(session);
    await harness.screenshot("privacy-settings");
    await (await buttonByText(session, "Set a passphrase")).click();
    await (await inputByLabel(session, "New passphrase")).sendKeys(PASSPHRASE);
    await (await inputByLabel(session, "Repeat the passphrase")).sendKeys(PASSPHRASE);
    await (await buttonByText(session, "Set the passphrase")).click();
    const shown = await mainShows(session, "Your recovery key", "the recovery key is shown after setting");
    assert.match(shown, /([0-9A-Z]{4}-){7}[0-9A-Z]{4}/, "the key is eight groups of four");
    await showPrivacySection(session);
    await harness.screenshot("privacy-recovery-key");
    await (await buttonByText(session, "I've written it down")).click();
    await mainShows(session, "Sam has a passphrase", "Settings then says Sam has one");
  });

  step("Sam writes a private entry; Alex, switched to, doesn't see it", async () => {
    const { session } = app;
    await (await navItem(session, "Journal")).click();
    await (await inputByLabel(session, "Title")).sendKeys("Only mine");
    await (await inputByLabel(session, "What would you like to say?")).sendKeys(`Something I am not ready to share: ${CANARY}.`);
    await (await inputByLabel(session, "Private")).click();
    await (await buttonByText(session, "Save entry")).click();
    await mainShows(session, CANARY, "Sam sees the private entry");
    await switchTo(session, "Alex");
    await waitUntil(async () => !(await everythingShown(session)).includes(CANARY), { message: "Alex is not shown Sam's private entry" });
  });

  step("Alex presses \"Switch to Sam\": a passphrase field, and nothing of Sam's page", async () => {
    const { session } = app;
    await (await buttonByText(session, "Switch to Sam")).click();
    const field = await inputByLabel(session, "Passphrase");
    assert.equal(await field.attribute("type"), "password", "the passphrase is typed hidden");
    await buttonByText(session, "Unlock");
    assert.ok(!(await everythingShown(session)).includes(CANARY), "nothing of Sam's private page is in the window");
    assert.match(await visibleText(session), /Writing as Alex/, "Alex is still the one writing");

    await field.sendKeys("a long walk to the sea");
    await (await buttonByText(session, "Unlock")).click();
    await waitUntil(async () => (await visibleText(session)).includes("That passphrase didn't open Sam's pages"), {
      timeout: 20_000, message: "a wrong passphrase is refused with a calm message",
    });
    assert.ok(!(await everythingShown(session)).includes(CANARY), "a wrong passphrase shows nothing");
    assert.match(await visibleText(session), /Writing as Alex/);
    await harness.screenshot("privacy-passphrase-dialog");
  });

  step("the right passphrase switches to Sam and shows the private entry", async () => {
    const { session } = app;
    const field = await inputByLabel(session, "Passphrase");
    await session.execute("arguments[0].value = ''", [field]);
    await field.sendKeys(PASSPHRASE);
    await (await buttonByText(session, "Unlock")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Writing as Sam"), { timeout: 20_000, message: "the right passphrase switches to Sam" });
    await (await navItem(session, "Journal")).click();
    await mainShows(session, CANARY, "Sam's private entry is shown to Sam again");
  });

  step("reopened while Sam was writing, Hearth asks for Sam's passphrase before anything", async () => {
    await app.quit();
    assert.deepEqual(filesHolding(profile.dataDir, CANARY), [],
      "Sam's private words are sealed: no file under the data folder holds them, in UTF-8 or UTF-16");
    assert.ok(filesHolding(profile.dataDir, "Sam").length > 0, "the scan reads the files (Sam's name is plain)");
    app = await harness.launch(profile);
    const { session } = app;
    const field = await inputByLabel(session, "Passphrase", { timeout: 30_000 });
    const text = await visibleText(session);
    assert.match(text, /Sam's pages are locked/, "the locked screen says whose pages wait");
    assert.ok(!text.includes("Writing as"), "no header, no journal before the passphrase");
    assert.ok(!(await everythingShown(session)).includes(CANARY));
    await field.sendKeys(PASSPHRASE);
    await (await buttonByText(session, "Unlock")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Writing as Sam"), { timeout: 20_000, message: "unlocking opens Hearth as Sam" });
    await app.quit();
    app = null;
  });
});
