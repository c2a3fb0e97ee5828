// A data file Hearth can't use (not SQLite, or from a newer Hearth) opens a
// calm screen that says what happened and where, and the file stays as it was.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { startHarness, visibleText } from "./harness.mjs";
import { waitUntil } from "./webdriver.mjs";

let harness;
before(async () => {
  harness = await startHarness("unavailable");
});
after(async () => {
  await harness?.stop();
});

/** Launches on a data folder holding `prepare`'s file and returns what the window says. */
async function launchOn(label, prepare) {
  const profile = harness.newProfile(label);
  const file = path.join(profile.dataDir, "hearth.sqlite3");
  prepare(file);
  const before = fs.readFileSync(file);
  const app = await harness.launch(profile);
  let text = "";
  try {
    text = await waitUntil(
      async () => ((text = await visibleText(app.session)).includes("Nothing was changed") ? text : null),
      { timeout: 30_000, message: `the ${label} screen never said that nothing was changed` },
    ).catch((e) => {
      throw new Error(`${e.message}; the window said: ${text.slice(0, 400)}`);
    });
    await harness.screenshot(`unavailable-${label}`);
  } finally {
    await app.quit();
  }
  assert.ok(text.includes(file), `the ${label} screen says where the file is (${file})`);
  assert.ok(!/Begin/.test(text), `the ${label} screen does not offer to set up over the file`);
  assert.deepEqual(fs.readFileSync(file), before, `a ${label} file is never modified`);
  assert.ok(!fs.existsSync(`${file}-wal`), `a ${label} file is not even switched to WAL`);
  return text;
}

test("a file that is not a database gets a clear screen and is left untouched", { timeout: 120_000 }, async () => {
  const text = await launchOn("not-a-database", (file) =>
    fs.writeFileSync(file, "These are our notes, but not a database.\n".repeat(100)),
  );
  assert.match(text, /can't be read as a Hearth journal/, "the screen says what is wrong in plain words");
});

test("a database from a newer Hearth gets a clear screen and is left untouched", { timeout: 120_000 }, async () => {
  const text = await launchOn("newer", (file) =>
    execFileSync("/usr/bin/python3", [
      "-c",
      "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table future(x)'); c.execute('pragma user_version=99'); c.commit()",
      file,
    ]),
  );
  assert.match(text, /newer version of Hearth/, "the screen asks to update Hearth");
});
