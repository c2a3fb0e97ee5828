// Moving Hearth to a new laptop, in the real window (issue 17, item 3): one
// "Export everything" on the old laptop, and the welcome screen of a fresh
// Hearth brings the whole journal back instead of starting afresh.

import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe } from "node:test";

import { buttonByText, inputByLabel, invoke, mainShows, navItem, startHarness, story, textOf, visibleText } from "./harness.mjs";
import { waitUntil } from "./webdriver.mjs";

let harness;
let app = null;
let exported = null;

before(async () => {
  harness = await startHarness("moving");
});

after(async () => {
  await harness?.stop();
});

async function must(session, command, args) {
  const answer = await invoke(session, command, args);
  assert.ok(answer.ok, `${command} works: ${JSON.stringify(answer.error)}`);
  return answer.value;
}

describe("moving to a new laptop", () => {
  const step = story(() => harness);

  step("on the old laptop, Sam and Alex keep a journal and a ritual, and Sam exports everything", async () => {
    app = await harness.launch(harness.newProfile("old-laptop"));
    const { session } = app;
    await (await inputByLabel(session, "Your name", { timeout: 30_000 })).sendKeys("Sam");
    await (await inputByLabel(session, "Your partner's name")).sendKeys("Alex");
    await (await buttonByText(session, "Begin")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Writing as Sam"), { timeout: 20_000, message: "setup leads to the app" });
    await must(session, "create_entry", { input: { body: "We planted the lavender by the door." }, offsetMinutes: 0 });
    const today = new Date().toISOString().slice(0, 10);
    await must(session, "create_ritual", {
      input: { title: "Sunday walk", intention: "Phones stay home.", schedule: "FREQ=DAILY", time: "07:30", zone: "UTC", durationMinutes: 20, startDate: today },
    });
    await (await navItem(session, "Settings")).click();
    await (await buttonByText(session, "Export everything")).click();
    exported = await textOf(await session.waitCss("#export-path"));
    assert.ok(fs.existsSync(exported), `the export was saved: ${exported}`);
    await app.quit();
    app = null;
  });

  step("on the new laptop, the welcome brings it all back, and Hearth opens on the journal it brought", async () => {
    app = await harness.launch(harness.newProfile("new-laptop"));
    const { session } = app;
    await session.waitXpath('//h3[normalize-space(.)="Moving Hearth to this laptop?"]', { timeout: 30_000, what: "the welcome's offer to bring an export" });
    await harness.screenshot("moving-welcome");
    await (await inputByLabel(session, "Hearth export (.json)")).sendKeys(exported);
    await (await buttonByText(session, "Import this file")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Writing as Sam"), {
      timeout: 20_000,
      message: "after the import, the welcome gives way to the couple's journal",
    });
    await (await navItem(session, "Journal")).click();
    await mainShows(session, "We planted the lavender by the door.", "the entries came with the file");
    await (await navItem(session, "Rituals")).click();
    await mainShows(session, "Sunday walk", "the rituals came with the file");
    await harness.screenshot("moving-imported");
    await app.quit();
    app = null;
  });
});
