// Backups in the real window: a damaged journal is brought back from its
// newest good snapshot with one button, the damaged file is kept aside byte
// for byte, and Settings restores a listed snapshot after a preview and a
// confirmation; a snapshot can be taken by hand; Try again really reopens.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe } from "node:test";

import {
  buttonByText,
  invoke,
  navItem,
  startHarness,
  story,
  visibleText,
} from "./harness.mjs";
import { waitUntil } from "./webdriver.mjs";

let harness;
let app = null;
let profile = null;
let damaged = null; // the damaged file's bytes

before(async () => {
  harness = await startHarness("backups");
});
after(async () => {
  await app?.quit().catch(() => {});
  await harness?.stop();
});

async function shows(session, text, message) {
  let shown = "";
  return waitUntil(async () => ((shown = await visibleText(session)).includes(text) ? shown : null), { timeout: 20_000 })
    .catch(() => assert.fail(`${message}; the window shows:\n${shown.slice(0, 1200)}`));
}

/** Runs Python's sqlite3 on the database (Debian's python3 has it). */
function sqlite(script, ...args) {
  return execFileSync("/usr/bin/python3", ["-c", `import sqlite3,sys\n${script}`, ...args], { encoding: "utf8" });
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");

describe("a damaged journal comes back; a backup is restored from Settings", () => {
  const step = story(() => harness);

  step("a couple writes, and the only backup holds their entry", async () => {
    profile = harness.newProfile("backups");
    app = await harness.launch(profile);
    const { session } = app;
    await waitUntil(async () => (await invoke(session, "get_state")).ok, { timeout: 30_000 });
    assert.ok((await invoke(session, "setup_couple", { partners: [{ name: "Sam" }, { name: "Alex" }] })).ok);
    const saved = await invoke(session, "create_entry", { input: { body: "Before the damage: the walk by the river." }, offsetMinutes: 0 });
    assert.ok(saved.ok, JSON.stringify(saved.error));
    await app.quit();
    app = null;

    const db = path.join(profile.dataDir, "hearth.sqlite3");
    const backups = path.join(profile.dataDir, "backups");
    // Only this backup, named as Hearth names them and taken now.
    fs.mkdirSync(backups, { recursive: true });
    for (const f of fs.readdirSync(backups)) fs.rmSync(path.join(backups, f));
    sqlite("c=sqlite3.connect(sys.argv[1]); c.execute('VACUUM INTO ?', (sys.argv[2],)); c.close()",
      db, path.join(backups, `hearth-${stamp()}-daily.sqlite3`));
    // Fold the -wal in, then overwrite a page in the middle with junk.
    sqlite("c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA journal_mode=DELETE'); c.close()", db);
    const bytes = fs.readFileSync(db);
    const page = 4096;
    const middle = Math.floor(bytes.length / page / 2) * page;
    assert.ok(middle >= page, `the file has pages to damage (${bytes.length} bytes)`);
    bytes.fill(0xa5, middle, middle + page);
    fs.writeFileSync(db, bytes);
    damaged = bytes;
  });

  step("the damaged file gets a calm screen offering the newest good snapshot", async () => {
    app = await harness.launch(profile);
    const { session } = app;
    const text = await shows(session, "A good backup is here", "a damaged file with a good backup offers it");
    assert.ok(text.includes(path.join(profile.dataDir, "hearth.sqlite3")), "the screen says where the damaged file is");
    assert.match(text, /moves the damaged file to .*set-aside.*never deleted/, "and that it is moved aside, never deleted");
    await harness.screenshot("backups-damaged");
    assert.deepEqual(fs.readFileSync(path.join(profile.dataDir, "hearth.sqlite3")), damaged, "nothing touched the damaged file yet");
  });

  step("one button brings the journal back; the damaged file is kept aside byte for byte", async () => {
    const { session } = app;
    await (await buttonByText(session, "Restore the newest good snapshot")).click();
    await shows(session, "Writing as Sam", "after recovery the app opens");
    await shows(session, "The damaged file is kept at", "a note says where the damaged file went");
    await (await navItem(session, "Journal")).click();
    await shows(session, "Before the damage", "the entry from the backup is back");
    const aside = path.join(profile.dataDir, "set-aside");
    const kept = fs.readdirSync(aside).filter((f) => f.endsWith(".sqlite3"));
    assert.equal(kept.length, 1, `one file set aside: ${kept}`);
    assert.deepEqual(fs.readFileSync(path.join(aside, kept[0])), damaged, "the damaged file is kept exactly as it was");
  });

  step("Settings lists the backups and restores one after a preview and a confirmation", async () => {
    const { session } = app;
    assert.ok((await invoke(session, "create_entry", { input: { body: "Written after the backup." }, offsetMinutes: 0 })).ok);
    await (await navItem(session, "Settings")).click();
    await shows(session, path.join(profile.dataDir, "backups"), "Settings shows the backup folder");
    await session.waitCss("#backup-list .backup-restore", { timeout: 15_000 });
    await session.execute("document.querySelector('.toast-close')?.click(); document.getElementById('settings-backups').scrollIntoView({ block: 'start' })");
    await new Promise((r) => setTimeout(r, 300));
    await harness.screenshot("backups-settings");
    const before = fs.readdirSync(path.join(profile.dataDir, "set-aside")).length;
    await (await session.findCss("#backup-list .backup-restore")).click();
    const dialog = await shows(session, "Bring back the backup from", "a confirmation opens");
    assert.match(dialog, /It holds 1 journal entry/, "the preview says what the backup holds");
    assert.match(dialog, /kept aside in .*set-aside, never overwritten or deleted/);
    await harness.screenshot("backups-confirm");
    // The reload after a restore builds a new frame; mark the old one's <main>
    // so the step can tell when it has gone.
    await session.execute("document.getElementById('main').dataset.e2eBeforeRestore = '1';");
    await (await buttonByText(session, "Restore this backup")).click();
    await shows(session, "Your journal is back as it was on", "a note says the backup is back");
    // The note can show before the reload is done, and a link clicked in
    // between belongs to the frame being replaced: wait for the new frame.
    await waitUntil(async () => session.execute("return !document.querySelector('main[data-e2e-before-restore]');"),
      { timeout: 15_000, message: "the page reloads after the restore" });
    await (await navItem(session, "Journal")).click();
    await shows(session, "Before the damage", "the restored journal shows the backup's entry");
    const text = await visibleText(session);
    assert.ok(!text.includes("Written after the backup."), "the page reloaded: the newer entry is not shown");
    assert.equal(fs.readdirSync(path.join(profile.dataDir, "set-aside")).filter((f) => f.endsWith(".sqlite3")).length, before + 1,
      "the journal it replaced is set aside too");
  });

  step("\"Take a snapshot now\" adds a checked snapshot to the folder and the list", async () => {
    const { session } = app;
    await (await navItem(session, "Settings")).click();
    await session.waitCss("#backup-list .backup-restore", { timeout: 15_000 });
    const backups = path.join(profile.dataDir, "backups");
    const before = fs.readdirSync(backups).filter((f) => f.endsWith("-manual.sqlite3")).length;
    await (await buttonByText(session, "Take a snapshot now")).click();
    await shows(session, "Snapshot taken and checked", "Settings says the snapshot was taken");
    await shows(session, "Taken by hand", "the list shows it in plain words");
    const manual = fs.readdirSync(backups).filter((f) => f.endsWith("-manual.sqlite3"));
    assert.equal(manual.length, before + 1, `one more manual snapshot in ${backups}`);
    const check = sqlite("c=sqlite3.connect(sys.argv[1]); print(c.execute('PRAGMA integrity_check').fetchone()[0])",
      path.join(backups, manual.at(-1)));
    assert.equal(check.trim(), "ok", "the snapshot passes integrity_check");
  });

  step("Try again opens a journal put back in place while the screen was up", async () => {
    const snapshot = path.join(profile.dataDir, "backups",
      fs.readdirSync(path.join(profile.dataDir, "backups")).find((f) => f.endsWith("-manual.sqlite3")));
    const other = harness.newProfile("try-again");
    const db = path.join(other.dataDir, "hearth.sqlite3");
    fs.writeFileSync(db, "Not a journal, yet.\n".repeat(50));
    app = await harness.launch(other);
    const { session } = app;
    await shows(session, "Nothing was changed", "a file that isn't a journal gets the calm screen");
    await (await buttonByText(session, "Try again")).click();
    await shows(session, "Still not able to open it", "trying again before anything changed says so");
    // The person puts their journal back, then tries again.
    fs.renameSync(db, `${db}.not-a-journal`);
    fs.copyFileSync(snapshot, db);
    await (await buttonByText(session, "Try again")).click();
    await shows(session, "Writing as Sam", "the journal opens without restarting Hearth");
  });
});
