// Two laptops, one journal (issue 16): two Hearth windows on one X display
// and one private D-Bus, each with its own data folder, and two real
// Syncthing daemons on 127.0.0.1 keeping the couple's sync folder in step.
// Laptop A sets up and pairs; laptop B joins with the code from its own
// Syncthing-synced copy of the folder; an entry written on A shows on B; a
// ritual marked "We did it" on B shows done on A; with both daemons stopped
// both write, and once they run again both laptops show both entries.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe } from "node:test";

import {
  buttonByText,
  earlyMorningZone,
  inputByLabel,
  mainContent,
  navItem,
  startHarness,
  story,
  textOf,
  visibleText,
} from "./harness.mjs";
import { restartPair, syncthingPair } from "./syncthing.mjs";
import { waitUntil, xpathLiteral } from "./webdriver.mjs";

const RITUAL = "Morning coffee together";

let harness;
let daemons = null;

before(async () => {
  harness = await startHarness("two_laptops");
});

after(async () => {
  await daemons?.a.stop().catch(() => {});
  await daemons?.b.stop().catch(() => {});
  await harness?.stop();
});

/**
 * What the page shows once it has a screen: "setup" or "frame". With `want`,
 * waits for that one (a click's new screen comes a moment after the click),
 * and answers what was last shown if it never comes.
 */
async function opened(session, want = null) {
  let last = null;
  try {
    return await waitUntil(async () => {
      const text = await visibleText(session);
      last = /Writing as /.test(text) ? "frame" : /Welcome to Hearth/.test(text) ? "setup" : null;
      return want === null || last === want ? last : null;
    }, { timeout: 30_000 });
  } catch {
    return last;
  }
}

async function go(session, place) {
  await (await navItem(session, place)).click();
  await session.waitXpath(`//main//h1[normalize-space(.)=${xpathLiteral(place)}]`, { what: `the ${place} heading` });
}

/**
 * Waits until `seen()` is true on a laptop, going between places as a person
 * would so each look asks the journal afresh. The watcher (or the reminder
 * tick) should bring the change in by itself; after `patience` ms, "Sync now"
 * is pressed once, as a person would, and the log says so.
 */
async function waitToSee(laptop, what, seen, { patience = 30_000, timeout = 90_000 } = {}) {
  const started = Date.now();
  let pressed = false;
  await waitUntil(async () => {
    if (await seen()) return true;
    if (!pressed && Date.now() - started > patience) {
      pressed = true;
      console.log(`# two_laptops: ${what}: not there after ${patience} ms; pressing Sync now`);
      await go(laptop.session, "Settings");
      await (await buttonByText(laptop.session, "Sync now")).click();
    }
    return false;
  }, { timeout, interval: 1_000, message: `${what} (waited ${timeout} ms)` });
  console.log(`# two_laptops: ${what}: after ${Date.now() - started} ms${pressed ? " (with Sync now)" : ""}`);
}

/** The journal of `laptop` shows `text` (looked at afresh). */
async function journalShows(laptop, text) {
  await go(laptop.session, "Today");
  await go(laptop.session, "Journal");
  return (await mainContent(laptop.session)).text.includes(text);
}

async function writeEntry(laptop, text) {
  await go(laptop.session, "Journal");
  await (await inputByLabel(laptop.session, "What would you like to say?")).sendKeys(text);
  await (await buttonByText(laptop.session, "Save entry")).click();
  await waitUntil(async () => (await mainContent(laptop.session)).text.includes(text), {
    message: `the entry "${text}" should show in the journal it was written in`,
  });
}

const ritualRow = (title) => `//ul[@id="today-ritual-list"]/li[.//h3[normalize-space(.)=${xpathLiteral(title)}]]`;

/** A photo of one laptop's window: the other is moved off the display meanwhile. */
async function photograph(name, laptop, other) {
  await other.session.setWindowRect({ x: 3000, y: 0 });
  await laptop.session.setWindowRect({ x: 0, y: 0 });
  await new Promise((r) => setTimeout(r, 600));
  await harness.screenshot(name);
  await other.session.setWindowRect({ x: 100, y: 50 });
}

describe("two laptops, one journal, two real Syncthing daemons", () => {
  const step = story(() => harness, { timeout: 240_000 });
  let dirA;
  let dirB;
  let A;
  let B;
  let code;

  step("two Syncthing daemons on 127.0.0.1 carry a file from one folder to the other, both ways", async () => {
    dirA = fs.mkdtempSync(path.join(harness.root, "folder-A-"));
    dirB = fs.mkdtempSync(path.join(harness.root, "folder-B-"));
    const started = Date.now();
    daemons = await syncthingPair(harness, dirA, dirB);
    console.log(`# two_laptops: the daemons connected in ${Date.now() - started} ms`);

    fs.writeFileSync(path.join(dirA, "from-A.txt"), "hello from A\n");
    let t0 = Date.now();
    await waitUntil(() => fs.existsSync(path.join(dirB, "from-A.txt")) && fs.readFileSync(path.join(dirB, "from-A.txt"), "utf8") === "hello from A\n", {
      timeout: 60_000, interval: 250, message: "a file written in A's folder should appear in B's",
    });
    console.log(`# two_laptops: A → B in ${Date.now() - t0} ms`);

    fs.writeFileSync(path.join(dirB, "from-B.txt"), "hello from B\n");
    t0 = Date.now();
    await waitUntil(() => fs.existsSync(path.join(dirA, "from-B.txt")), {
      timeout: 60_000, interval: 250, message: "a file written in B's folder should appear in A's",
    });
    console.log(`# two_laptops: B → A in ${Date.now() - t0} ms`);
    assert.equal(fs.readFileSync(path.join(dirA, "from-B.txt"), "utf8"), "hello from B\n", "the bytes arrive as written");
    // Foreign files in the folder are Hearth's to skip calmly, but these two have done their work.
    fs.rmSync(path.join(dirA, "from-A.txt"));
    fs.rmSync(path.join(dirA, "from-B.txt"));
  });

  step("two Hearth windows run side by side on one display and one bus, each on its own data folder", async () => {
    // One zone for both, early in the day there, so a 07:30 ritual added now is due today.
    const TZ = earlyMorningZone();
    A = await harness.launch(harness.newProfile("laptop-A"), { alongside: true, env: { HEARTH_SYNC_DIR: dirA, TZ } });
    B = await harness.launch(harness.newProfile("laptop-B"), { alongside: true, env: { HEARTH_SYNC_DIR: dirB, TZ } });
    for (const [name, app] of [["A", A], ["B", B]]) {
      assert.equal(await opened(app.session), "setup", `laptop ${name} opens on its own welcome`);
      assert.ok(app.appAlive(), `laptop ${name}'s app is running (the single-instance guard is per data folder)`);
    }
  });

  step("laptop A sets up, adds a ritual, chooses its sync folder and pairs: a code to read out", async () => {
    const { session } = A;
    await (await inputByLabel(session, "Your name")).sendKeys("Sam");
    await (await inputByLabel(session, "Your partner's name")).sendKeys("Alex");
    await (await buttonByText(session, "Begin")).click();
    assert.equal(await opened(session, "frame"), "frame", "Begin sets up laptop A");

    await go(session, "Rituals");
    await (await navItem(session, "Add a ritual")).click();
    await (await session.waitXpath(`//button[@aria-label=${xpathLiteral(`Add “${RITUAL}”`)}]`, { what: `the Add button of "${RITUAL}"` })).click();
    await session.waitXpath(`//h2[@id="ritual-page-title" and normalize-space(.)=${xpathLiteral(RITUAL)}]`, { what: `the page of "${RITUAL}"` });

    await go(session, "Settings");
    await (await buttonByText(session, "Choose a sync folder")).click();
    const folder = await textOf(await session.waitCss("#sync-folder"));
    assert.equal(path.basename(folder), path.basename(dirA), "Settings shows the folder chosen");
    await (await buttonByText(session, "Pair another laptop")).click();
    code = await textOf(await session.waitCss("#sync-code"));
    assert.match(code, /^[A-Z0-9 -]{8,}$/, "a code of letters and digits, readable aloud");
    await mainContent(session).then(({ text }) => assert.match(text, /This laptop/, "the list marks this laptop"));
    await session.execute("document.getElementById('settings-sync').scrollIntoView({block: 'start'})");
    await photograph("two-laptops-settings", A, B);
  });

  step("laptop B joins with that code, from its own copy of the folder that Syncthing filled", async () => {
    await waitUntil(() => fs.existsSync(path.join(dirB, "pairing.hsync")), {
      timeout: 60_000, interval: 250, message: "Syncthing should carry A's pairing file to B's folder",
    });
    const { session } = B;
    await (await buttonByText(session, "Join a journal from another laptop")).click();
    await (await buttonByText(session, "Choose a sync folder")).click();
    await session.waitCss("#join-folder");
    await (await inputByLabel(session, "Pairing code")).sendKeys(code.split("").reverse().join(""));
    await (await buttonByText(session, "Join")).click();
    const refused = await textOf(await session.waitCss("#join-error"));
    assert.ok(refused.length > 10, `a wrong code is refused in words: "${refused}"`);
    const field = await inputByLabel(session, "Pairing code");
    await field.clear();
    await field.sendKeys(code);
    await session.execute("document.getElementById('setup-join').scrollIntoView({block: 'start'})");
    await photograph("two-laptops-join", B, A);
    await (await buttonByText(session, "Join")).click();
    assert.equal(await opened(session, "frame"), "frame", "after joining, laptop B shows the journal");
    assert.match(await visibleText(session), /Writing as Sam/, "with the couple laptop A set up");
    await go(session, "Rituals");
    await mainContent(session).then(({ text }) => assert.ok(text.includes(RITUAL), "and A's ritual"));
  });

  step("an entry written on laptop A shows on laptop B, on the page B has open", async () => {
    const words = "Written on laptop A, read on laptop B.";
    await go(B.session, "Journal");
    await writeEntry(A, words);
    // B goes nowhere: the page draws what arrived by itself.
    const started = Date.now();
    const inPlace = await waitUntil(async () => (await mainContent(B.session)).text.includes(words), { timeout: 60_000 })
      .then(() => true, () => false);
    console.log(`# two_laptops: A's entry on B's open journal page: ${inPlace ? `after ${Date.now() - started} ms` : "not within 60 s"}`);
    assert.ok(inPlace, "what laptop A wrote shows on the journal page laptop B has open, without going elsewhere and back");
    await waitToSee(B, "A's entry on B", () => journalShows(B, words));
  });

  step("a ritual marked “We did it” on laptop B shows done on laptop A", async () => {
    await go(B.session, "Today");
    await (await B.session.waitXpath(`${ritualRow(RITUAL)}//button[normalize-space(.)="We did it"]`, { what: `"We did it" for "${RITUAL}" on B` })).click();
    await B.session.waitXpath(`${ritualRow(RITUAL)}//*[contains(@class,"occurrence-state--done")]`, { what: `"${RITUAL}" done on B` });
    await waitToSee(A, "B's “We did it” on A", async () => {
      await go(A.session, "Journal");
      await go(A.session, "Today");
      return (await A.session.findAllXpath(`${ritualRow(RITUAL)}//*[contains(@class,"occurrence-state--done")]`)).length > 0;
    });
  });

  step("with both daemons stopped, both laptops write; once they run again, both show both entries", async () => {
    const fromA = "Written on A while the folder slept.";
    const fromB = "Written on B while the folder slept.";
    await restartPair(daemons.a, daemons.b, {
      whileStopped: async () => {
        await writeEntry(A, fromA);
        await writeEntry(B, fromB);
        assert.equal(await journalShows(A, fromB), false, "with nothing carrying the folder, A has not heard B's entry");
      },
    });
    await waitToSee(A, "B's entry on A after the restart", () => journalShows(A, fromB));
    await waitToSee(B, "A's entry on B after the restart", () => journalShows(B, fromA));
    for (const [name, laptop] of [["A", A], ["B", B]]) {
      const { text } = await mainContent(laptop.session);
      assert.ok(text.includes(fromA) && text.includes(fromB), `laptop ${name} shows both entries`);
    }
  });
});
