// The joint journal in the real window, as a couple uses it: Sam writes,
// Alex opens it, replies and says "I read this"; both answer the prompt of
// the day and only then see each other's answer; search highlights a word;
// a delete can be undone; markup in an entry stays text.
//
// One story on one fresh data directory; later steps are skipped when an
// earlier one fails, and a failure saves a screenshot and the page's text.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import {
  buttonByText,
  buttonStartingWith,
  inputByLabel,
  mainContent,
  mainShows,
  navItem,
  startHarness,
  story,
  switchTo,
  textOf,
  visibleText,
} from "./harness.mjs";
import { waitUntil, xpathLiteral } from "./webdriver.mjs";

const XSS = "<img src=x onerror=alert(1)> and <script>alert(2)</script> stay words";

let harness;
let app = null; // the app running now
let profile = null; // the couple's data folder, shared by the stories in order

before(async () => {
  harness = await startHarness("journal");
});

after(async () => {
  await harness?.stop();
});

async function openJournal(session) {
  await (await navItem(session, "Journal")).click();
  await session.waitXpath('//main//h1[normalize-space(.)="Journal"]', { what: "the Journal heading" });
  await session.waitCss("#timeline-list > li", { timeout: 15_000 });
}

/** The entry link in the timeline whose text is `title`. */
function entryLink(session, title) {
  return session.waitXpath(`//ol[@id="timeline-list"]//a[normalize-space(.)=${xpathLiteral(title)}]`, {
    what: `an entry titled "${title}" in the timeline`,
  });
}

/** How many elements of these tags <main> holds (for "no <img> was made"). */
function countInMain(session, tags) {
  return session.execute("return document.querySelectorAll(arguments[0]).length", [tags.map((t) => `main ${t}`).join(", ")]);
}

async function scrollTo(session, css) {
  await session.execute("document.querySelector(arguments[0])?.scrollIntoView({block: 'start'})", [css]);
  await new Promise((r) => setTimeout(r, 300));
}

describe("the journal: two voices", () => {
  const step = story(() => harness);

  step("Sam and Alex set up; Sam writes an entry in labelled fields", async () => {
    profile = harness.newProfile("journal");
    app = await harness.launch(profile);
    const { session } = app;
    await (await inputByLabel(session, "Your name", { timeout: 30_000 })).sendKeys("Sam");
    await (await inputByLabel(session, "Your partner's name")).sendKeys("Alex");
    await (await buttonByText(session, "Begin")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Writing as Sam"), { timeout: 20_000, message: "setup leads to the app, Sam writing" });

    await openJournal(session);
    await mainShows(session, "No entries yet", "an empty journal says so warmly");
    await (await inputByLabel(session, "Title")).sendKeys("After the walk");
    await (await inputByLabel(session, "What would you like to say?")).sendKeys(
      "We walked down to the river and, for the first time in weeks, it was easy to be quiet together.",
    );
    // The feeling is one choice: a radio drawn as a chip, chosen through its label.
    await (await session.waitXpath(`//fieldset[legend[starts-with(normalize-space(.), "How are you feeling?")]]//label[normalize-space(.)="Hopeful"]`,
      { what: 'the "Hopeful" feeling' })).click();
    await (await inputByLabel(session, "Tags")).sendKeys("walks, us");
    await (await buttonByText(session, "Save entry")).click();
    await entryLink(session, "After the walk");
    const shown = await mainShows(session, "Feeling hopeful", "the new entry shows its feeling");
    assert.match(shown, /Sam/, "the entry shows who wrote it");
    assert.equal(await (await inputByLabel(session, "What would you like to say?")).property("value"), "", "the composer is empty after saving");
  });

  step("an entry holding <img> and <script> is shown as text", async () => {
    const { session } = app;
    await (await inputByLabel(session, "Title")).sendKeys("Markup test");
    await (await inputByLabel(session, "What would you like to say?")).sendKeys(XSS);
    await (await buttonByText(session, "Save entry")).click();
    await entryLink(session, "Markup test");
    await mainShows(session, "<img src=x onerror=alert(1)>", "the <img> markup is shown as the characters typed");
    await mainShows(session, "<script>alert(2)</script>", "the <script> markup is shown as the characters typed");
    assert.equal(await countInMain(session, ["img", "script"]), 0, "no <img> or <script> element was made from the entry");
  });

  step("Alex opens Sam's entry, replies, and says \"I read this\"", async () => {
    const { session } = app;
    await switchTo(session, "Alex");
    await openJournal(session);
    await (await entryLink(session, "After the walk")).click();
    await session.waitXpath('//h2[@id="thread-title" and normalize-space(.)="After the walk"]', { what: "the thread of the entry" });
    await mainShows(session, "easy to be quiet together", "the thread shows the whole entry");
    await (await inputByLabel(session, "Your reply")).sendKeys("I felt it too. Thank you for waiting at the bridge.");
    await (await buttonByText(session, "Send reply")).click();
    await session.waitXpath('//ol[contains(@class,"reply-list")]//p[contains(., "waiting at the bridge")]', { what: "the reply under the entry" });
    await (await buttonByText(session, "I read this")).click();
    await mainShows(session, "You said you read this on", "after \"I read this\" the thread says when");
    await scrollTo(session, ".back");
    await harness.screenshot("journal-thread");
  });

  step("Alex writes a shared entry and a private one", async () => {
    const { session } = app;
    await (await navItem(session, "Journal")).click();
    await openJournal(session);
    await (await inputByLabel(session, "Title")).sendKeys("Sunday dinner");
    await (await inputByLabel(session, "What would you like to say?")).sendKeys("You put your phone away at dinner without me asking. I noticed, and it mattered.");
    await (await session.waitXpath(`//fieldset[legend[starts-with(normalize-space(.), "How are you feeling?")]]//label[normalize-space(.)="Grateful"]`,
      { what: 'the "Grateful" feeling' })).click();
    await (await buttonByText(session, "Save entry")).click();
    await entryLink(session, "Sunday dinner");

    await (await inputByLabel(session, "Title")).sendKeys("Only mine");
    await (await inputByLabel(session, "What would you like to say?")).sendKeys("Some days I still check your phone in my head.");
    await (await inputByLabel(session, "Private")).click();
    await mainShows(session, "Private: Hearth keeps this out of Sam's view. Without a passphrase (Settings → Privacy), anyone using this laptop could switch to you and read it, and it isn't encrypted. With one, it is sealed with your passphrase in the journal file.",
      "choosing Private says plainly what it means, and promises no more than the build keeps");
    await (await buttonByText(session, "Save entry")).click();
    await entryLink(session, "Only mine");
  });

  step("Alex answers the prompt of the day and waits for Sam", async () => {
    const { session } = app;
    await (await navItem(session, "Today")).click();
    await session.waitCss("#prompt-text");
    await mainShows(session, "Neither of you has answered yet", "before anyone answers, Today says so");
    await (await inputByLabel(session, "Your answer")).sendKeys("Alex: the walk, and you asking how my day really was.");
    await (await buttonByText(session, "Answer")).click();
    await mainShows(session, "Waiting for Sam", "after answering alone, Alex is told the answers wait for Sam");
  });

  step("Sam sees that Alex answered, not what; answering reveals both side by side", async () => {
    const { session } = app;
    await switchTo(session, "Sam");
    const before = await mainShows(session, "Alex has answered; their answer will appear once you've written yours",
      "Sam is told Alex has answered");
    assert.ok(!before.includes("asking how my day"), "Alex's answer is not shown to Sam before Sam answers");
    await (await inputByLabel(session, "Your answer")).sendKeys("Sam: that you laughed at dinner again.");
    await (await buttonByText(session, "Answer")).click();
    const after = await mainShows(session, "You have both answered", "once both answered, Today says so");
    assert.ok(after.includes("asking how my day") && after.includes("laughed at dinner"), "both answers are shown");
    const columns = await session.findAllCss("#prompt-answers .answer");
    assert.equal(columns.length, 2, "the two answers are side by side");
    await scrollTo(session, "#prompt-of-the-day");
    await harness.screenshot("journal-reveal");
  });

  step("search highlights the word, and snippets keep markup as text", async () => {
    const { session } = app;
    await openJournal(session);
    await (await inputByLabel(session, "Search the journal")).sendKeys("river");
    await (await buttonByText(session, "Search")).click();
    const mark = await session.waitCss("#search-results mark");
    assert.equal((await textOf(mark)).toLowerCase(), "river", "the word found is highlighted");
    await (await buttonByText(session, "Clear search")).click();
    await (await inputByLabel(session, "Search the journal")).sendKeys("onerror");
    await (await buttonByText(session, "Search")).click();
    await session.waitCss("#search-results mark");
    await mainShows(session, /<img src=x onerror=alert\(1\)>|onerror=alert\(1\)>/, "the snippet shows the markup as text");
    assert.equal(await countInMain(session, ["img", "script"]), 0, "no element was made from a snippet");
    await (await buttonByText(session, "Clear search")).click();
  });

  step("Sam sees Alex's reply and read mark; delete moves to the trash and Undo brings it back", async () => {
    const { session } = app;
    await (await entryLink(session, "After the walk")).click();
    await mainShows(session, "Alex read this on", "the author sees when the partner read it");
    await mainShows(session, "waiting at the bridge", "the author sees the reply");
    await (await buttonByText(session, "Move to trash")).click();
    const undo = await buttonByText(session, "Undo");
    await session.waitXpath('//ol[@id="timeline-list"]//a[normalize-space(.)="Markup test"]', { what: "the timeline after the delete" });
    const without = (await mainContent(session)).text;
    assert.ok(!without.includes("After the walk"), "the deleted entry is gone from the timeline");
    await undo.click();
    await entryLink(session, "After the walk");
    await buttonStartingWith(session, "Switch to");
  });

  step("Sam's timeline holds both voices but not Alex's private entry", async () => {
    const { session } = app;
    await entryLink(session, "Sunday dinner");
    const text = (await mainContent(session)).text;
    assert.ok(!text.includes("Only mine") && !text.includes("check your phone"), "Alex's private entry is never shown to Sam");
    assert.match(text, /1 reply/, "the timeline shows how many replies an entry has");
    assert.match(text, /Alex read this/, "the timeline shows that Alex read Sam's entry");
    await scrollTo(session, "#timeline-title");
    await harness.screenshot("journal-timeline");
  });

  step("Sam narrows the timeline by author, feeling and tag, and jumps to a date", async () => {
    const { session } = app;
    /** Sets a select or date field as a person would and lets the page hear it. */
    const choose = (css, value) => session.execute(
      "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('change', {bubbles: true}));",
      [css, value]);
    const titles = async () => {
      await new Promise((r) => setTimeout(r, 400));
      await waitUntil(async () => (await session.execute("return document.querySelectorAll('#timeline-list > li').length")) > 0);
      return session.execute("return [...document.querySelectorAll('#timeline-list .entry-link')].map((a) => a.textContent)");
    };
    const clear = async () => { await (await buttonByText(session, "Clear")).click(); await titles(); };

    await choose("#filter-author", "2");
    let shown = await titles();
    assert.ok(shown.includes("Sunday dinner") && !shown.includes("After the walk"), `by Alex: only Alex's entries (${shown})`);
    await clear();
    await choose("#filter-feeling", "hopeful");
    shown = await titles();
    assert.deepEqual(shown, ["After the walk"], "by feeling: only the hopeful entry");
    await clear();
    await (await inputByLabel(session, "Tag")).sendKeys("Walks");
    await (await buttonByText(session, "Show")).click();
    await waitUntil(async () => JSON.stringify(await titles()) === JSON.stringify(["After the walk"]), {
      message: "by tag (any case): only the entry tagged walks",
    });
    await clear();
    const yesterday = await session.execute(
      "const d = new Date(Date.now() - 864e5); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');");
    await choose("#filter-date", yesterday);
    await mainShows(session, "Nothing here matches", "a date before everything was written shows nothing, kindly");
    await mainShows(session, "and before.", "the page says which day it starts from");
    await clear();
    assert.ok((await titles()).includes("After the walk"), "Clear brings every entry back");
  });
});

describe("the journal: export and import in the real app", () => {
  const step = story(() => harness);
  const written = [];

  after(() => {
    // Exports land in Documents when the system has one; leave nothing behind.
    for (const file of written) fs.rmSync(file, { force: true });
  });

  step("everything and a memory book are saved as new files, and the export imports back adding nothing", async () => {
    assert.ok(app, "the app from the story above is still running");
    const { session } = app;
    await (await navItem(session, "Settings")).click();
    await (await buttonByText(session, "Export everything")).click();
    const where = await session.waitCss("#export-path");
    const jsonPath = await textOf(where);
    written.push(jsonPath);
    assert.match(path.basename(jsonPath), /^Hearth export \d{4}-\d\d-\d\d\.json$/, "the export is named by the date");
    assert.equal(path.dirname(jsonPath), path.join(profile.dir, "exports"), "with no dialog, it goes to the folder HEARTH_EXPORT_DIR names");
    const file = JSON.parse(fs.readFileSync(jsonPath, "utf8"));
    assert.equal(file.format, "hearth-export", "the file is a Hearth export");
    assert.equal(file.version, 2, "of version 2: everything");
    for (const list of ["rituals", "checkins", "commitments", "settings", "reminders"]) assert.ok(Array.isArray(file[list]), `it carries ${list}`);
    assert.ok(!JSON.stringify(file).includes("check your phone"), "Sam's export never holds Alex's private entry");

    await (await buttonByText(session, "Export everything")).click();
    const second = await waitUntil(async () => {
      const p = await textOf(await session.findCss("#export-path"));
      return p !== jsonPath ? p : null;
    }, { message: "a second backup gets its own path" });
    written.push(second);
    assert.equal(path.basename(second), path.basename(jsonPath).replace(".json", " (2).json"), "a second backup the same day never replaces the first");

    await (await buttonByText(session, "Save a memory book (Markdown)")).click();
    const md = await waitUntil(async () => {
      const p = await textOf(await session.findCss("#export-path"));
      return p.endsWith(".md") ? p : null;
    }, { message: "the memory book is saved as Markdown" });
    written.push(md);
    assert.match(fs.readFileSync(md, "utf8"), /After the walk/, "the memory book holds the entries");

    await (await inputByLabel(session, "Hearth export (.json)")).sendKeys(jsonPath);
    await (await buttonByText(session, "Import this file")).click();
    const status = await session.waitCss("#import-status");
    const said = await waitUntil(async () => (await textOf(status)) || null, { message: "the import says what it did" });
    assert.match(said, /^Added 0 entries, 0 replies; \d+ were already here\.$/, `importing our own backup adds nothing; it said: ${said}`);
    await harness.screenshot("journal-settings-exchange");
  });
});

describe("the journal: a draft survives a forced quit", () => {
  const step = story(() => harness);

  step("what was typed comes back after the app is quit and started again", async () => {
    assert.ok(app && profile, "the app from the story above is still running");
    const { session } = app;
    await openJournal(session);
    await (await inputByLabel(session, "What would you like to say?")).sendKeys("Half a thought I was not ready to save");
    await session.waitXpath('//*[starts-with(normalize-space(.), "Draft kept at")]', { what: "the note that the draft was kept" });
    await app.quit(); // the draft was already kept, so this is as good as a crash
    app = await harness.launch(profile);
    await openJournal(app.session);
    const body = await inputByLabel(app.session, "What would you like to say?");
    await waitUntil(async () => (await body.property("value")) === "Half a thought I was not ready to save", {
      message: "the draft typed before the quit is back in the composer",
    });
    await mainShows(app.session, /Your draft from .* is back\./, "the page says the draft came back");
    await app.quit();
    app = null;
  });
});
