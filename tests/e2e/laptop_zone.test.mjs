// The laptop's zone follows the laptop, in the real window: Hearth reads its
// zone from a localtime link (HEARTH_LOCALTIME, the test's own link in place
// of /etc/localtime). The couple pauses reminders "for today" in Paris; the
// link is re-pointed to New York, as the system does after a flight; within
// one reminder tick (30 s) Settings names the new zone and the pause ends at
// midnight in New York instead of Paris.
//
// One story on one fresh data directory; later steps are skipped when an
// earlier one fails.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe } from "node:test";

import { buttonByText, inputByLabel, invoke, mainShows, navItem, startHarness, story, visibleText } from "./harness.mjs";
import { waitUntil } from "./webdriver.mjs";

const PARIS = "Europe/Paris";
const NEW_YORK = "America/New_York";
/** One reminder tick, and a little for the page. */
const TICK_MS = 30_000;

let harness;
let app = null;
let link;
let pausedDay; // the Paris date "for today" was pressed on

before(async () => {
  harness = await startHarness("laptop-zone");
  link = path.join(harness.root, "localtime");
  pointTo(PARIS);
});

after(async () => {
  await harness?.stop();
});

/** Points the link at `zone` at once (a new link renamed over the old, as `timedatectl` does). */
function pointTo(zone) {
  const next = `${link}.next`;
  fs.rmSync(next, { force: true });
  fs.symlinkSync(`/usr/share/zoneinfo/${zone}`, next);
  fs.renameSync(next, link);
}

/** The UTC instant of 00:00 on `date` (YYYY-MM-DD) in `zone`, in ms. */
function midnight(zone, date) {
  const [y, m, d] = date.split("-").map(Number);
  const guess = Date.UTC(y, m - 1, d);
  // The zone's offset at that instant (no DST change happens at midnight in these zones).
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-CA", {
    timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
  }).formatToParts(new Date(guess)).map((p) => [p.type, p.value]));
  const asLocal = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute);
  return guess - (asLocal - guess);
}

function nextDay(date) {
  const t = new Date(`${date}T12:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

async function reminderPanel(session) {
  const panel = await invoke(session, "reminder_settings");
  assert.ok(panel.ok, JSON.stringify(panel.error));
  return panel.value;
}

async function openSettings(session) {
  await (await navItem(session, "Today")).click();
  await mainShows(session, /./, "Today opens");
  await (await navItem(session, "Settings")).click();
  // The zone's line is filled when the settings arrive, after the section is
  // drawn: wait for it, not for the section's fixed labels.
  return mainShows(session, /follow this computer.s clock \(\S+\)/, "Settings shows Reminders with the zone");
}

describe("the laptop's zone follows the laptop", () => {
  const step = story(() => harness);

  step("in Paris, Settings follows Paris and 'Pause for today' lasts until midnight there", async () => {
    // TZ would pin the zone for the whole process; the link is what moves.
    app = await harness.launch(harness.newProfile("zone"), { env: { HEARTH_LOCALTIME: link, TZ: "" } });
    const { session } = app;
    await (await inputByLabel(session, "Your name", { timeout: 30_000 })).sendKeys("Sam");
    await (await inputByLabel(session, "Your partner's name")).sendKeys("Alex");
    await (await buttonByText(session, "Begin")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Writing as Sam"), { timeout: 20_000, message: "setup leads to the app" });
    const shown = await openSettings(session);
    assert.match(shown, /follow this computer.s clock \(Europe\/Paris\)/, "Settings names the laptop's zone, read from the link");
    pausedDay = new Intl.DateTimeFormat("en-CA", { timeZone: PARIS }).format(new Date());
    await (await buttonByText(session, "Pause for today")).click();
    await mainShows(session, "Paused for the rest of today.", "the pause is confirmed");
    const panel = await reminderPanel(session);
    assert.equal(Date.parse(panel.pausedUntil), midnight(PARIS, nextDay(pausedDay)), "paused until midnight in Paris");
  });

  step("after the link moves to New York, within one tick the pause ends at midnight there and Settings says so", async () => {
    const { session } = app;
    const before = await reminderPanel(session);
    const moved = Date.now();
    pointTo(NEW_YORK);
    const after = await waitUntil(async () => {
      const p = await reminderPanel(session);
      return p.zone === NEW_YORK ? p : null;
    }, { timeout: TICK_MS + 5_000, interval: 500, message: "the reminder loop notices the new zone within one tick" });
    console.log(`# e2e: the new zone was followed ${Date.now() - moved} ms after the link moved`);
    assert.equal(Date.parse(after.pausedUntil), midnight(NEW_YORK, nextDay(pausedDay)),
      "\"for today\" now lasts until midnight in New York");
    assert.notEqual(after.pausedUntil, before.pausedUntil, "the pause's end moved with the zone");
    const shown = await openSettings(session);
    assert.match(shown, /follow this computer.s clock \(America\/New_York\)/, "Settings names the new zone");
    const until = await session.execute(
      "const d = new Date(arguments[0]); return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });",
      [after.pausedUntil]);
    assert.ok(shown.includes(`Reminders are paused until ${until}`), `the pause shows its new end (${until}): ${shown.slice(0, 400)}`);
    await session.execute("document.getElementById('settings-reminders')?.scrollIntoView({block: 'start'})");
    await harness.screenshot("laptop-zone-new-york");
    await app.quit();
    app = null;
  });
});
