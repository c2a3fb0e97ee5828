// First run, as a couple meets it: two names, Begin, who is writing, the
// switch between them, and what a restart keeps (and does not keep).
//
// Each `describe` is one story on one fresh data directory; its tests run in
// order and later ones are skipped when an earlier one fails.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  buttonByText,
  buttonStartingWith,
  fieldValues,
  inputByLabel,
  inputsByLabel,
  invoke,
  mainContent,
  navItem,
  startHarness,
  story,
  textOf,
  visibleText,
} from "./harness.mjs";
import { waitUntil } from "./webdriver.mjs";

let harness;
let app = null; // the app running now

before(async () => {
  harness = await startHarness("first_run");
});

after(async () => {
  await harness?.stop();
});

/** A test in a story: skipped after a failure, captures the screen when it fails. */

async function launch(profile, options) {
  app = await harness.launch(profile, options);
  return app;
}

/** The page's own view of whether its window is on screen ("visible" or "hidden"). */
async function windowVisibility(session) {
  return session.execute("return document.visibilityState;");
}

/** Quits the app; resolves once it and its helpers are gone from the process table. */
async function quit() {
  await app.quit();
  app = null;
}

/** Which screen the app shows once it has loaded: "setup" or "frame" (the header with who is writing). */
async function screenShown(session) {
  return waitUntil(
    async () => {
      const text = await visibleText(session);
      if (/Writing as /.test(text)) return "frame";
      if (text.includes("Your name") && /\bBegin\b/.test(text)) return "setup";
      return null;
    },
    { timeout: 30_000, message: "the app showed neither the setup screen nor the header saying who is writing" },
  );
}

/** The name after "Writing as" in the header, as shown (null when absent). */
async function writerShown(session) {
  const els = await session.findAllXpath(
    '//*[starts-with(normalize-space(.), "Writing as ")][not(*[starts-with(normalize-space(.), "Writing as ")])]',
  );
  for (const el of els) {
    if (!(await el.displayed())) continue;
    return (await textOf(el)).replace(/^Writing as /, "");
  }
  return null;
}

async function expectWriter(session, name, rule) {
  let seen = null;
  try {
    await waitUntil(async () => (seen = await writerShown(session)) === name, { timeout: 15_000 });
  } catch {
    assert.fail(`${rule}: the header should say "Writing as ${name}", but it says ${seen === null ? "nothing about who is writing" : `"Writing as ${seen}"`}`);
  }
}

/** Opens Settings and waits for its heading. */
async function openSettings(session) {
  await (await navItem(session, "Settings")).click();
  await session.waitXpath('//main//h1[normalize-space(.)="Settings"]', { what: "the Settings heading, after pressing Settings" });
}

/** Settings shows one "Name" field per partner, holding `names` in order. */
async function expectSettingsNames(session, names, rule) {
  let shown = [];
  try {
    await waitUntil(async () => {
      shown = await Promise.all((await inputsByLabel(session, "Name")).map((el) => el.property("value")));
      return JSON.stringify(shown) === JSON.stringify(names);
    });
  } catch {
    assert.fail(`${rule}: Settings should show the names ${JSON.stringify(names)}, but its "Name" fields hold ${JSON.stringify(shown)}`);
  }
}

describe("first run: setting up the couple", () => {
  const step = story(() => harness);
  let profile;

  step("two names and Begin set up the couple, and the first name is the one writing", async () => {
    profile = harness.newProfile("couple");
    const { session } = await launch(profile);
    assert.equal(await screenShown(session), "setup", "a new data directory opens on the setup screen");

    await (await inputByLabel(session, "Your name")).sendKeys("Sam");
    await (await inputByLabel(session, "Your partner's name")).sendKeys("Alex");
    await harness.screenshot("setup");
    await (await buttonByText(session, "Begin")).click();

    await expectWriter(session, "Sam", "after setup, the partner who named themself first is writing");
    const text = await visibleText(session);
    assert.ok(!/\bBegin\b/.test(text), "after setup, the setup form is gone");
    await harness.screenshot("today");
  });

  step("Settings shows both partners", async () => {
    const { session } = app;
    await openSettings(session);
    await expectSettingsNames(session, ["Sam", "Alex"], "Settings shows the names both partners gave at setup");
    const { text } = await mainContent(session);
    assert.ok(
      text.includes(profile.dataDir),
      `Settings says where the journal is kept, and it is the folder given in HEARTH_DATA_DIR (${profile.dataDir}); it shows:\n${text}`,
    );
    await harness.screenshot("settings");
  });

  step("the switch button hands writing to the other partner", async () => {
    const { session } = app;
    const button = await buttonStartingWith(session, "Switch to");
    assert.equal(await textOf(button), "Switch to Alex", "the switch button names the partner it switches to");
    await button.click();
    await expectWriter(session, "Alex", "pressing the switch button makes the other partner the writer");
    await waitUntil(async () => (await textOf(await buttonStartingWith(session, "Switch to"))) === "Switch to Sam", {
      message: 'after switching to Alex, the switch button offers "Switch to Sam"',
    });
  });

  step("the couple and the writer chosen before quitting come back after a restart", async () => {
    await quit();
    const { session } = await launch(profile);
    assert.equal(await screenShown(session), "frame", "a couple that was set up is not asked to set up again after a restart");
    await expectWriter(session, "Alex", "the writer chosen before quitting comes back after a restart");
    await openSettings(session);
    await expectSettingsNames(session, ["Sam", "Alex"], "both partners' names come back after a restart");
    await harness.screenshot("settings-after-restart");
    await quit();
  });
});

describe("first run: a name of only spaces", () => {
  const step = story(() => harness);
  let profile;

  step("is refused with a message, and the setup screen stays", async () => {
    profile = harness.newProfile("blank-name");
    const { session } = await launch(profile);
    assert.equal(await screenShown(session), "setup", "a new data directory opens on the setup screen");

    await (await inputByLabel(session, "Your name")).sendKeys("   ");
    await (await inputByLabel(session, "Your partner's name")).sendKeys("Alex");
    await (await buttonByText(session, "Begin")).click();

    const alert = await session.waitCss('[role="alert"]', { timeout: 10_000 }).catch(() => null);
    const message = alert ? await textOf(alert) : "";
    assert.ok(message, 'a name of only spaces is refused with a visible message (role="alert")');
    await harness.screenshot("setup-blank-name");
    assert.equal(await writerShown(session), null, "a refused name does not set up the couple");
    await buttonByText(session, "Begin", { timeout: 2_000 });
  });

  step("the app itself refuses it too, when a page skips its own check", async () => {
    const { session } = app;
    const result = await invoke(session, "setup_couple", { partners: [{ name: "   " }, { name: "Alex" }] });
    assert.equal(result.ok, false, "the core refuses a name of only spaces, whatever the page lets through");
    assert.equal(result.error?.kind, "invalid_input", `a refused name is an invalid_input error; got ${JSON.stringify(result.error)}`);
    assert.ok(result.error?.message?.trim(), "a refused name comes with a sentence for people");
    const state = await invoke(session, "get_state");
    assert.equal(state.value?.phase, "setup", "after a refused setup the app is still waiting to be set up");
  });

  step("nothing is saved: after a restart the setup screen comes back", async () => {
    await quit();
    const { session } = await launch(profile);
    assert.equal(await screenShown(session), "setup", "a refused setup saves nothing, so a restart shows the setup screen again");
    const values = await fieldValues(session);
    assert.ok(!values.includes("Alex"), "a refused setup saves nothing, not even the valid name");
    await quit();
  });
});

describe("when the window appears", () => {
  const step = story(() => harness);
  let profile;

  step("a normal start shows the window once its page has loaded", async () => {
    profile = harness.newProfile("window");
    const { session } = await launch(profile);
    assert.equal(await screenShown(session), "setup", "a new data directory opens on the setup screen");
    await waitUntil(async () => (await windowVisibility(session)) === "visible", {
      timeout: 10_000,
      message: "the window, created hidden, is shown once the page has loaded",
    });
  });

  step("started at login (--hidden) with a tray, the window waits in the tray", async () => {
    await quit();
    // HEARTH_TRAY=on: this test display has no tray host, so say there is one.
    const { session } = await launch(profile, { args: ["--hidden"], env: { HEARTH_TRAY: "on" } });
    assert.equal(await screenShown(session), "setup", "the page loads behind the hidden window");
    // Past the moment a page that never loads would have its window shown anyway (3 s).
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    assert.equal(await windowVisibility(session), "hidden", "a login start with a tray keeps the window hidden");
  });

  step("started with --hidden but no tray to live in, the window shows anyway", async () => {
    await quit();
    const { session } = await launch(profile, { args: ["--hidden"], env: { HEARTH_TRAY: "off" } });
    await waitUntil(async () => (await windowVisibility(session)) === "visible", {
      timeout: 10_000,
      message: "without a tray, a hidden window could never be reached, so it is shown",
    });
  });
});
