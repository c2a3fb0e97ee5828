// Rituals and the weekly check-in in the real window, as a couple uses them:
// Sam adds two rituals from ideas, marks today's done and sees the run grow;
// a ritual's page and the next seven days; the calendar file is written and
// reads as iCalendar; then Sam and Alex each check in, Alex can't see Sam's
// answers until sharing too, and the reveal and the chart appear.
//
// One story on one fresh data directory; later steps are skipped when an
// earlier one fails, and a failure saves a screenshot and the page's text.

import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, describe } from "node:test";

import {
  buttonByText,
  earlyMorningZone,
  inputByLabel,
  invoke,
  mainShows,
  navItem,
  startHarness,
  story,
  switchTo,
  visibleText,
} from "./harness.mjs";
import { waitUntil, xpathLiteral } from "./webdriver.mjs";

let harness;
let app = null;

before(async () => {
  harness = await startHarness("rituals");
});

after(async () => {
  await harness?.stop();
});

async function scrollTo(session, css) {
  await session.execute("document.querySelector(arguments[0])?.scrollIntoView({block: 'start'})", [css]);
  await new Promise((r) => setTimeout(r, 300));
}

async function addIdea(session, title) {
  await (await navItem(session, "Rituals")).click();
  await (await navItem(session, "Add a ritual")).click();
  const add = await session.waitXpath(`//button[@aria-label=${xpathLiteral(`Add “${title}”`)}]`, { what: `the Add button of "${title}"` });
  await add.click();
  await session.waitXpath(`//h2[@id="ritual-page-title" and normalize-space(.)=${xpathLiteral(title)}]`, { what: `the page of "${title}"` });
}

/** Marks the ritual `title` done on Today. */
async function markDoneToday(session, title) {
  const button = await session.waitXpath(
    `//ul[@id="today-ritual-list"]/li[.//h3[normalize-space(.)=${xpathLiteral(title)}]]//button[normalize-space(.)="We did it"]`,
    { what: `"We did it" for "${title}" on Today` },
  );
  await button.click();
  await session.waitXpath(
    `//ul[@id="today-ritual-list"]/li[.//h3[normalize-space(.)=${xpathLiteral(title)}]]//*[contains(@class,"occurrence-state--done")]`,
    { what: `"${title}" shown as done` },
  );
}

async function rate(session, values) {
  for (const [legend, value] of Object.entries(values)) {
    const label = await session.waitXpath(
      `//fieldset[legend[normalize-space(.)=${xpathLiteral(legend)}]]//label[normalize-space(.)=${xpathLiteral(String(value))}]`,
      { what: `${value} for "${legend}"` },
    );
    await label.click();
  }
}

/** The page's local date `weeksAgo` weeks back, YYYY-MM-DD. */
function weeksBack(session, weeksAgo) {
  return session.execute(`const d = new Date(); d.setDate(d.getDate() - 7 * arguments[0]);
    const p = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());`, [weeksAgo]);
}

/**
 * Earlier weeks' check-ins for the partner writing now, through the same
 * command the page uses (a check-in may be written for an earlier week), so
 * the chart has weeks to draw.
 */
async function earlierCheckins(session, values) {
  for (const [i, [trust, safety, closeness, communication]] of values.entries()) {
    const date = await weeksBack(session, values.length - i);
    const r = await invoke(session, "submit_checkin", { date, input: { trust, safety, closeness, communication }, offsetMinutes: 0 });
    assert.ok(r.ok, `an earlier week's check-in is accepted: ${JSON.stringify(r.error)}`);
  }
}

describe("rituals and the weekly check-in", () => {
  const step = story(() => harness);

  step("Sam and Alex set up; the Rituals place starts with a warm empty state", async () => {
    // Early morning, so today's 07:30 coffee is still ahead when it is added.
    app = await harness.launch(harness.newProfile("rituals"), { env: { TZ: earlyMorningZone() } });
    const { session } = app;
    await (await inputByLabel(session, "Your name", { timeout: 30_000 })).sendKeys("Sam");
    await (await inputByLabel(session, "Your partner's name")).sendKeys("Alex");
    await (await buttonByText(session, "Begin")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Writing as Sam"), { timeout: 20_000, message: "setup leads to the app, Sam writing" });
    await (await navItem(session, "Rituals")).click();
    await mainShows(session, "No rituals yet", "with no rituals, the place says what a ritual is");
  });

  step("an idea is added in two clicks, and it is due today", async () => {
    const { session } = app;
    await addIdea(session, "Morning coffee together");
    await mainShows(session, "Every day at 07:30", "the ritual's page says when it happens");
    await (await navItem(session, "Today")).click();
    await session.waitXpath('//ul[@id="today-ritual-list"]//h3[normalize-space(.)="Morning coffee together"]', { what: "the new ritual on Today" });
    await mainShows(session, "Each time you keep it counts", "before the first time, the run is put gently, with no zero");
  });

  step("Sam marks it done on Today and the run grows", async () => {
    const { session } = app;
    await markDoneToday(session, "Morning coffee together");
    await mainShows(session, "Kept the last time", "after marking, the run says it was kept the last time");
    await addIdea(session, "Phone-free hour");
    await (await navItem(session, "Today")).click();
    await markDoneToday(session, "Phone-free hour");
    await (await navItem(session, "Rituals")).click();
    await (await navItem(session, "Your rituals")).click();
    const overview = await mainShows(session, /How you are doing[\s\S]*Kept the last 2 times in a row/, "together, the run has grown to two");
    assert.doesNotMatch(overview, /\b(fail|failed|broken|lost)\b/i, "no shaming words");
    await (await navItem(session, "Today")).click();
    await session.waitCss("#today-ritual-list .occurrence-state--done");
    await scrollTo(session, "#today-rituals");
    await harness.screenshot("today-rituals");
  });

  step("a ritual's page shows how it is going and its days; the agenda shows the week", async () => {
    const { session } = app;
    await (await navItem(session, "Morning coffee together")).click();
    await session.waitXpath('//h2[@id="ritual-page-title" and normalize-space(.)="Morning coffee together"]', { what: "the ritual's page" });
    await mainShows(session, "Kept the last time", "the page shows the run");
    await session.waitCss("#history-list .occurrence-state--done");
    await scrollTo(session, "#main");
    await harness.screenshot("ritual");
    await (await navItem(session, "Next 7 days")).click();
    await session.waitCss("#agenda");
    const days = await session.findAllCss(".agenda-day");
    assert.equal(days.length, 7, "seven days");
    const agenda = await mainShows(session, /Today, [\s\S]*Morning coffee together[\s\S]*Phone-free hour/, "today lists both rituals");
    assert.ok((agenda.match(/Morning coffee together/g) ?? []).length >= 7, "a daily ritual appears on each of the seven days");
    await scrollTo(session, "#main");
    await harness.screenshot("agenda");
  });

  step("Save to calendar writes an .ics file a calendar can read", async () => {
    const { session } = app;
    await (await navItem(session, "Your rituals")).click();
    await (await buttonByText(session, "Save to calendar (.ics)")).click();
    const shown = await mainShows(session, /Saved\. Open this file with your calendar app: (\S.*\.ics)/, "the page says where the file went");
    const file = /calendar app: (.*?\.ics)/.exec(shown)[1];
    const ics = fs.readFileSync(file, "utf8");
    assert.match(ics, /^BEGIN:VCALENDAR\r\n/, "an iCalendar file");
    assert.match(ics, /\r\nSUMMARY:Morning coffee together\r\n/);
    assert.match(ics, /\r\nRRULE:FREQ=DAILY/);
    assert.match(ics, /\r\nDTSTART;TZID=[^:]+:\d{8}T073000\r\n/, "it starts at 07:30 in the ritual's zone");
    assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, 2, "one event per ritual");
  });

  step("Sam checks in; it stays hidden from Alex until Alex shares too", async () => {
    const { session } = app;
    await earlierCheckins(session, [[3, 4, 4, 5], [4, 5, 5, 5], [4, 5, 6, 6]]);
    await (await navItem(session, "Check-ins")).click();
    await mainShows(session, "Neither of you has checked in this week yet", "the week starts empty and explains the hiding");
    await rate(session, { Trust: 4, "Feeling safe": 5, Closeness: 6, Communication: 6 });
    await (await inputByLabel(session, "What went well this week (optional)")).sendKeys("Coffee every morning, even the rushed ones.");
    await (await inputByLabel(session, "What I need from you this week (optional)")).sendKeys("Tell me when you'll be late.");
    await (await buttonByText(session, "Share my check-in")).click();
    await mainShows(session, "Alex can't see it yet", "after sharing alone, Sam is told Alex can't see it yet");

    await switchTo(session, "Alex");
    await earlierCheckins(session, [[5, 5, 4, 4], [5, 6, 6, 5], [6, 6, 6, 6]]);
    await (await navItem(session, "Today")).click();
    await (await navItem(session, "Check-ins")).click();
    const alexSees = await mainShows(session, "Sam has shared their check-in. It stays hidden", "Alex is told Sam has shared, not what");
    assert.ok(!alexSees.includes("Coffee every morning"), "Sam's answers are not shown to Alex before Alex shares");
    await rate(session, { Trust: 6, "Feeling safe": 7, Closeness: 7, Communication: 5 });
    await (await inputByLabel(session, "What was hard (optional)")).sendKeys("Thursday's silence.");
    await (await buttonByText(session, "Share my check-in")).click();
    const both = await mainShows(session, "You have both shared this week's check-in", "once both shared, they appear side by side");
    assert.ok(both.includes("Coffee every morning") && both.includes("Thursday's silence"), "both check-ins are shown");
    const columns = await session.findAllCss("#checkin-reveal .checkin-column");
    assert.equal(columns.length, 2, "side by side");
  });

  step("the chart draws each rating for both, and reads as a table too", async () => {
    const { session } = app;
    const charts = await session.findAllCss("#trend-charts svg[role='img']");
    assert.equal(charts.length, 4, "one chart per rating");
    const dots = await session.findAllCss(".trend-chart[data-rating='trust'] .trend-dot");
    assert.equal(dots.length, 8, "a point for each partner in each of the four weeks");
    await mainShows(session, /Earlier weeks[\s\S]*The week of/, "the earlier weeks are listed");
    const desc = await session.execute("return document.querySelector(\".trend-chart[data-rating='trust'] desc\").textContent");
    assert.match(desc, /Alex: .* 6\. Sam: .* 4/, "the chart's description reads the values");
    await scrollTo(session, "#trend-title");
    await harness.screenshot("checkin-chart");
    await (await buttonByText(session, "Show as a table")).click();
    const table = await mainShows(session, /Trust, Alex[\s\S]*Trust, Sam/, "the table names each rating and partner");
    assert.match(table, /Week\b[\s\S]*\d\s*–\s*\S/, "the table's rows are weeks, each from its first day to its last");
    await app.quit();
    app = null;
  });
});
