// A journal from another app, in the real window (issue 17, item 4): the
// file's bytes travel as the raw body of the call, the way the page sends
// them, and the entries appear in the journal as the writer's own.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe } from "node:test";

import { buttonByText, inputByLabel, mainShows, navItem, repoRoot, startHarness, story, visibleText } from "./harness.mjs";
import { waitUntil } from "./webdriver.mjs";

let harness;
let app = null;

before(async () => {
  harness = await startHarness("import-journal");
});

after(async () => {
  await harness?.stop();
});

describe("a journal brought from another app", () => {
  const step = story(() => harness);

  step("Sam and Alex set up", async () => {
    app = await harness.launch(harness.newProfile("import-journal"));
    const { session } = app;
    await (await inputByLabel(session, "Your name", { timeout: 30_000 })).sendKeys("Sam");
    await (await inputByLabel(session, "Your partner's name")).sendKeys("Alex");
    await (await buttonByText(session, "Begin")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Writing as Sam"), { timeout: 20_000, message: "setup leads to the app" });
  });

  step("a jrnl export sent as the page sends it lands as Sam's entries, and a second time adds nothing", async () => {
    const { session } = app;
    const bytes = [...fs.readFileSync(path.join(repoRoot, "tests/fixtures/journals/jrnl.json"))];
    const send = () => session.executeAsync(
      `const [bytes, done] = arguments;
       window.__TAURI__.core.invoke("import_journal", new Uint8Array(bytes), { headers: { "hearth-visibility": "shared", "hearth-zone": "UTC" } })
         .then((value) => done({ ok: true, value }), (error) => done({ ok: false, error }));`,
      [bytes],
    );
    const first = await send();
    assert.ok(first.ok, `the raw body is read by the app: ${JSON.stringify(first.error)}`);
    assert.ok(first.value.entriesAdded > 0, `entries were added: ${JSON.stringify(first.value)}`);
    const again = await send();
    assert.ok(again.ok, JSON.stringify(again.error));
    assert.equal(again.value.entriesAdded, 0, "importing the same file again adds nothing");
    await session.execute("location.reload()");
    await (await navItem(session, "Journal", { timeout: 30_000 })).click();
    await mainShows(session, "Planted the tomatoes together.", "the imported entry is in the journal");
    await app.quit();
    app = null;
  });
});
