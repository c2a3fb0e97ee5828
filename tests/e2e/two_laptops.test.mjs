// Two laptops, one journal (issue 16): two Hearth windows on one X display
// and one private D-Bus, each with its own data folder, and two real
// Syncthing daemons on 127.0.0.1 keeping the couple's sync folder in step.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe } from "node:test";

import { startHarness, story, visibleText } from "./harness.mjs";
import { syncthingPair } from "./syncthing.mjs";
import { waitUntil } from "./webdriver.mjs";

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

describe("two laptops: the folder between them", () => {
  const step = story(() => harness, { timeout: 240_000 });
  let dirA;
  let dirB;

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
  });

  step("two Hearth windows run side by side on one display and one bus, each on its own data folder", async () => {
    const laptopA = await harness.launch(harness.newProfile("laptop-A"), { alongside: true, env: { HEARTH_SYNC_DIR: dirA } });
    const laptopB = await harness.launch(harness.newProfile("laptop-B"), { alongside: true, env: { HEARTH_SYNC_DIR: dirB } });
    for (const [name, app] of [["A", laptopA], ["B", laptopB]]) {
      await waitUntil(async () => /Welcome to Hearth/.test(await visibleText(app.session)), {
        timeout: 30_000, message: `laptop ${name} should open on its own welcome`,
      });
      assert.ok(app.appAlive(), `laptop ${name}'s app is running (the single-instance guard is per data folder)`);
    }
  });
});
