// Answering a reminder from its notification, on the real bus: the release
// app on the harness's private bus with python3-dbusmock's notification
// daemon. With a daemon that announces `actions`, the reminder carries "We
// did it", "Snooze 10 min" and "Skip this time"; pressing "We did it" (the
// mock emits ActionInvoked) marks the ritual done, seen in the window, and
// pressing again (or Skip, or Snooze) changes nothing. With a daemon that
// has no actions, the notification carries only the click, and that click
// brings the window to the ritual; the same signal from another program on
// the bus is not heard.
//
// One story on one fresh data directory; later steps are skipped when an
// earlier one fails. It waits for the clock: about three minutes.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe } from "node:test";

import { buttonByText, inputByLabel, invoke, logDir, mainShows, startHarness, story, visibleText } from "./harness.mjs";
import { waitUntil } from "./webdriver.mjs";

const TEA = "Tea on the balcony";
const WALK = "Evening walk";
const ANSWERS = ["done", "We did it", "snooze", "Snooze 10 min", "skip", "Skip this time"];
const OPEN = ["default", "Open Hearth"];

let harness;
let app = null;
let daemon = null;
let daemonLog;
let daemons = 0;
const rituals = {}; // title -> { id, due (ms) }

before(async () => {
  harness = await startHarness("notification-answers");
  await startDaemon("body actions");
});

after(async () => {
  await harness?.stop();
});

/** A fake notification daemon on the harness's bus; `capabilities` as dbusmock takes them, or its defaults (no actions). */
async function startDaemon(capabilities) {
  daemonLog = path.join(logDir, `notification-answers-daemon-${++daemons}.log`);
  fs.writeFileSync(daemonLog, "");
  const args = ["-m", "dbusmock", "--session", "-t", "notification_daemon", "-l", daemonLog];
  if (capabilities) args.push("-p", JSON.stringify({ capabilities }));
  daemon = spawn("/usr/bin/python3", args, {
    env: harness.env,
    stdio: ["ignore", "ignore", fs.openSync(path.join(logDir, `notification-answers-dbusmock-${daemons}.log`), "w")],
    detached: true,
  });
  daemon.unref();
  await waitUntil(() => busHasName("org.freedesktop.Notifications"), {
    timeout: 15_000,
    message: "the fake notification daemon did not come up on the bus",
  });
}

async function stopDaemon() {
  const exited = new Promise((resolve) => daemon.once("exit", resolve));
  daemon.kill("SIGTERM");
  await exited;
  await waitUntil(async () => !(await busHasName("org.freedesktop.Notifications")), { timeout: 10_000, message: "the daemon left the bus" });
}

function run(cmd, args) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { env: harness.env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout.on("data", (d) => { out += d; });
    p.stderr.on("data", (d) => { out += d; });
    p.on("exit", (code) => resolve({ code, out }));
  });
}

async function busHasName(name) {
  const { out } = await run("dbus-send", ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
    "org.freedesktop.DBus.NameHasOwner", `string:${name}`]);
  return /boolean true/.test(out);
}

/** The mock emits ActionInvoked(id, action), as a daemon does when a button (or the notification) is clicked. */
async function press(id, action) {
  const { code, out } = await run("gdbus", ["call", "--session", "--dest", "org.freedesktop.Notifications",
    "--object-path", "/org/freedesktop/Notifications", "--method", "org.freedesktop.DBus.Mock.EmitSignal",
    "org.freedesktop.Notifications", "ActionInvoked", "us", `[<uint32 ${id}>, <'${action}'>]`]);
  assert.equal(code, 0, `the mock emitted ActionInvoked: ${out}`);
}

/** Every Notify this daemon saw: { id, title, actions }. The mock numbers them from 1. */
function notifies() {
  const lines = fs.readFileSync(daemonLog, "utf8").split("\n").filter((l) => / Notify /.test(l));
  return lines.map((line, i) => {
    // 1764540000.123 Notify "Hearth" 0 "" "title" "body" ["done", "We did it", ...] {} -1
    const strings = (s) => [...s.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
    const list = /\[(.*)\] \{/.exec(line)?.[1] ?? "";
    return { id: i + 1, title: strings(line)[2], actions: strings(list), line };
  });
}

async function notified(title, dueMs) {
  return waitUntil(() => notifies().find((n) => n.title === title), {
    timeout: Math.max(0, dueMs - Date.now()) + 15_000,
    interval: 250,
    message: `a Notify for "${title}" (the daemon saw: ${notifies().map((n) => n.line).join("\n") || "nothing"})`,
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The whole minute `ahead` minutes after the first one at least 20 s away, as the page's local time. */
function minuteAhead(session, ahead) {
  return session.execute(`
    const t = new Date(Date.now() + 20_000);
    t.setSeconds(0, 0);
    t.setMinutes(t.getMinutes() + 1 + arguments[0]);
    const pad = (n) => String(n).padStart(2, '0');
    return {
      ms: t.getTime(),
      time: pad(t.getHours()) + ':' + pad(t.getMinutes()),
      date: t.getFullYear() + '-' + pad(t.getMonth() + 1) + '-' + pad(t.getDate()),
      zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    };`, [ahead]);
}

async function addRitual(session, title, ahead) {
  const at = await minuteAhead(session, ahead);
  const made = await invoke(session, "create_ritual", {
    input: { title, schedule: "FREQ=DAILY", time: at.time, zone: at.zone, durationMinutes: 15, startDate: at.date, reminderLeadMinutes: 0 },
  });
  assert.ok(made.ok, `create_ritual: ${JSON.stringify(made.error)}`);
  rituals[title] = { id: made.value.id, due: at.ms, date: at.date };
  console.log(`# e2e: "${title}" is due at ${at.time} ${at.zone}`);
}

async function openRitual(session, title) {
  await session.execute("window.location.hash = '#/today'");
  await mainShows(session, /Today|today/, "Today opens");
  await session.execute(`window.location.hash = '#/rituals/ritual/${rituals[title].id}'`);
  return mainShows(session, title, `the page of "${title}" opens`);
}

/** How many times the app said a reminder was already answered. */
function alreadyAnswered() {
  return (fs.readFileSync(app.log, "utf8").match(/was already answered, so nothing changed/g) ?? []).length;
}

describe("answering a reminder from its notification, on the real bus", () => {
  const step = story(() => harness, { timeout: 240_000 });

  step("Sam and Alex set up and add two rituals due two minutes apart", async () => {
    app = await harness.launch(harness.newProfile("answers"));
    const { session } = app;
    await (await inputByLabel(session, "Your name", { timeout: 30_000 })).sendKeys("Sam");
    await (await inputByLabel(session, "Your partner's name")).sendKeys("Alex");
    await (await buttonByText(session, "Begin")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Writing as Sam"), { timeout: 20_000, message: "setup leads to the app" });
    await addRitual(session, TEA, 0);
    await addRitual(session, WALK, 2);
  });

  step("where the desktop has buttons, the reminder offers We did it, Snooze 10 min and Skip this time", async () => {
    const tea = await notified(TEA, rituals[TEA].due);
    assert.deepEqual(tea.actions, [...ANSWERS, ...OPEN], `the three answers and the click, by their labels: ${tea.line}`);
    rituals[TEA].notification = tea.id;
  });

  step("pressing We did it on the bus marks the ritual done, as seen in the window", async () => {
    const { session } = app;
    // The window is open, so the banner shows the reminder too; the answer from the notification takes it away.
    await waitUntil(async () => (await session.execute("const b = document.getElementById('reminder-banner'); return b && !b.hidden ? b.innerText : ''")).includes(TEA),
      { timeout: 10_000, message: "the banner shows the reminder" });
    await press(rituals[TEA].notification, "done");
    await waitUntil(async () => !(await session.execute("const b = document.getElementById('reminder-banner'); return b && !b.hidden ? b.innerText : ''")).includes(TEA),
      { timeout: 10_000, message: "answered from the notification, the reminder leaves the banner" });
    await openRitual(session, TEA);
    await mainShows(session, "Done · marked by Sam", "today's tea is marked done, by the partner writing now");
    await session.execute("document.querySelector('.history-item--done')?.scrollIntoView({block: 'center'})");
    await sleep(300);
    await harness.screenshot("notification-answers-done");
  });

  step("a second press, or Skip or Snooze after it, changes nothing", async () => {
    const { session } = app;
    const before = alreadyAnswered();
    const notices = notifies().length;
    for (const action of ["done", "skip", "snooze"]) await press(rituals[TEA].notification, action);
    await waitUntil(() => alreadyAnswered() >= before + 3, { timeout: 10_000, message: "the app heard each press and said it was already answered" });
    const shown = await openRitual(session, TEA);
    assert.match(shown, /Done · marked by Sam/, "still done");
    assert.doesNotMatch(shown, /Skipped this time/, "a later Skip did not change the answer");
    const history = await invoke(session, "ritual_history", { ritualId: rituals[TEA].id, from: rituals[TEA].date, to: rituals[TEA].date });
    assert.ok(history.ok, JSON.stringify(history.error));
    assert.deepEqual(history.value.map((o) => o.outcome?.status), ["done"], "one outcome for the day: done");
    await sleep(1_000);
    assert.equal(notifies().length, notices, "nothing new was shown on the desktop (no refusal, no snooze)");
  });

  step("where the desktop has no buttons, the notification's click brings the window to the ritual", async () => {
    const { session } = app;
    await stopDaemon();
    await startDaemon(null); // dbusmock's default capabilities: no "actions"
    await session.execute("window.location.hash = '#/settings'");
    await mainShows(session, "Reminders", "Settings is open, away from the ritual");
    const walk = await notified(WALK, rituals[WALK].due);
    assert.deepEqual(walk.actions, OPEN, `only the click that opens Hearth: ${walk.line}`);
    // Another program on the bus claiming to be the service is not heard.
    const forged = await run("gdbus", ["emit", "--session", "--object-path", "/org/freedesktop/Notifications",
      "--signal", "org.freedesktop.Notifications.ActionInvoked", `uint32 ${walk.id}`, "'done'"]);
    assert.equal(forged.code, 0, `gdbus emitted the forged signal: ${forged.out}`);
    await sleep(1_500);
    const history = await invoke(session, "ritual_history", { ritualId: rituals[WALK].id, from: rituals[WALK].date, to: rituals[WALK].date });
    assert.ok(history.ok, JSON.stringify(history.error));
    assert.deepEqual(history.value.map((o) => o.outcome), [null], "a signal from anyone but the notification service answers nothing");
    await press(walk.id, "default");
    await waitUntil(async () => (await session.execute("return window.location.hash")) === `#/rituals/ritual/${rituals[WALK].id}`,
      { timeout: 10_000, message: "the click opened the ritual's page" });
    await mainShows(session, WALK, "the window shows the ritual the notification was about");
    await harness.screenshot("notification-answers-opened");
    await app.quit();
    app = null;
  });
});
