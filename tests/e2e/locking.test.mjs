// Locking, in the real window: Sam (with a passphrase) writes a private page;
// Ctrl+L, idle time, the session's screensaver (GNOME's, from python3-dbusmock)
// and logind's PrepareForSleep (dbusmock on a private system bus) each lock
// Hearth, and after each the page holds nothing of that page (the DOM's whole
// text and markup are searched). A reminder due while locked still arrives on
// the bus, worded "A Hearth reminder", and "We did it" pressed on it records
// the ritual once.
//
// One story; later steps are skipped when one fails. About three minutes,
// most of it waiting for a reminder's minute.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe } from "node:test";

import { buttonByText, inputByLabel, invoke, logDir, mainShows, navItem, startHarness, story, visibleText } from "./harness.mjs";
import { waitUntil } from "./webdriver.mjs";

const PASSPHRASE = "a long walk to the river";
const CANARY = "marigold-lantern-4471";
const TITLE = "Only for me";
const RITUAL = "Tea on the balcony";

let harness;
let app = null;
let profile = null;
let systemBus = null; // a private bus standing in for the system bus (logind)
const mocks = [];
let notifyLog;

before(async () => {
  harness = await startHarness("locking");
  systemBus = await privateBus();
  await mock(["--system", "-t", "logind"], "org.freedesktop.login1", { DBUS_SYSTEM_BUS_ADDRESS: systemBus }, true);
  await mock(["--session", "-t", "gnome_screensaver"], "org.gnome.ScreenSaver");
  notifyLog = path.join(logDir, "locking-notifications.log");
  fs.writeFileSync(notifyLog, "");
  await mock(["--session", "-t", "notification_daemon", "-l", notifyLog, "-p", JSON.stringify({ capabilities: "body actions" })],
    "org.freedesktop.Notifications");
});

after(async () => {
  await harness?.stop();
});

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { env: { ...harness.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout.on("data", (d) => { out += d; });
    p.stderr.on("data", (d) => { out += d; });
    p.on("exit", (code) => resolve({ code, out }));
  });
}

/** A second dbus-daemon, its address standing in for the system bus's. */
async function privateBus() {
  const dir = fs.mkdtempSync(path.join(harness.root, "system-bus-"));
  const bus = spawn("dbus-daemon", ["--session", "--nofork", "--nopidfile", `--address=unix:path=${path.join(dir, "bus")}`, "--print-address=1"], {
    env: harness.env, stdio: ["ignore", "pipe", "ignore"], detached: true,
  });
  bus.unref();
  return new Promise((resolve, reject) => {
    let out = "";
    bus.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve(out.split("\n")[0].trim());
    });
    bus.once("exit", (code) => reject(new Error(`dbus-daemon exited (${code})`)));
  });
}

/** A python3-dbusmock service on one of the buses, waited for by name. */
async function mock(args, name, env = {}, system = false) {
  const child = spawn("/usr/bin/python3", ["-m", "dbusmock", ...args], {
    env: { ...harness.env, ...env },
    stdio: ["ignore", "ignore", fs.openSync(path.join(logDir, `locking-dbusmock-${mocks.length + 1}.log`), "w")],
    detached: true,
  });
  child.unref();
  mocks.push(child);
  const bus = system ? ["--address", systemBus] : ["--session"];
  await waitUntil(async () => /true/.test((await run("gdbus", ["call", ...bus, "--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus",
    "--method", "org.freedesktop.DBus.NameHasOwner", name])).out), { timeout: 15_000, message: `${name} came up` });
}

/** Launches the app on the profile with the private system bus (and `env`). */
function launch(env = {}) {
  return harness.launch(profile, { env: { DBUS_SYSTEM_BUS_ADDRESS: systemBus, ...env } });
}

/** The page's whole markup and text, field values included: "nothing of it" means none of these. */
function wholePage(session) {
  return session.execute(`
    const values = Array.from(document.querySelectorAll("input, textarea")).map((el) => el.value);
    return document.documentElement.outerHTML + "\\n" + document.documentElement.textContent + "\\n" + document.title + "\\n" + values.join("\\n");
  `);
}

/** Waits for the lock screen, then checks the page holds nothing of Sam's private page. */
async function lockedAndEmpty(session, how) {
  await waitUntil(async () => (await visibleText(session).catch(() => "")).includes("Sam's pages are locked"), {
    timeout: 30_000, message: `${how} shows the lock screen`,
  });
  const page = await wholePage(session);
  assert.ok(!page.includes(CANARY), `after ${how} the page holds none of the private entry's words`);
  assert.ok(!page.includes(TITLE), `after ${how} the page holds not even the entry's title`);
  assert.ok(!page.includes("Writing as"), `after ${how} the header is gone, not hidden`);
}

async function unlockAndSee(session) {
  const field = await inputByLabel(session, "Passphrase", { timeout: 30_000 });
  await field.sendKeys(PASSPHRASE);
  await (await buttonByText(session, "Unlock")).click();
  await waitUntil(async () => (await visibleText(session)).includes("Writing as Sam"), { timeout: 20_000, message: "unlocked as Sam" });
  await (await navItem(session, "Journal")).click();
  await mainShows(session, CANARY, "Sam's private entry is shown to Sam");
}

/** logind's mock says the laptop is about to sleep (true) or has woken (false). */
async function prepareForSleep(sleeping) {
  const { code, out } = await run("gdbus", ["call", "--address", systemBus, "--dest", "org.freedesktop.login1", "--object-path", "/org/freedesktop/login1",
    "--method", "org.freedesktop.DBus.Mock.EmitSignal", "org.freedesktop.login1.Manager", "PrepareForSleep", "b", `[<${sleeping}>]`]);
  assert.equal(code, 0, `logind's mock emitted PrepareForSleep(${sleeping}): ${out}`);
}

/** What logind's mock lists as held inhibitors. */
async function inhibitors() {
  return (await run("gdbus", ["call", "--address", systemBus, "--dest", "org.freedesktop.login1", "--object-path", "/org/freedesktop/login1",
    "--method", "org.freedesktop.login1.Manager.ListInhibitors"])).out;
}

/** Scrolls Settings → Privacy to just under the header, for its photograph. */
async function showPrivacy(session) {
  await session.execute(`
    const s = document.querySelector('#settings-privacy');
    s.scrollIntoView({ block: 'start' });
    const main = document.querySelector('#main');
    const header = document.querySelector('.app-header').getBoundingClientRect().bottom;
    const below = s.getBoundingClientRect().top - header - 24;
    (main.scrollHeight > main.clientHeight ? main : document.scrollingElement).scrollBy(0, below);`);
  await new Promise((r) => setTimeout(r, 400));
}

/** Ctrl+L, as the keyboard gives it to the focused element. */
function pressCtrlL(session) {
  const keys = [{ type: "keyDown", value: "\uE009" }, { type: "keyDown", value: "l" }, { type: "keyUp", value: "l" }, { type: "keyUp", value: "\uE009" }];
  return session.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: keys }] });
}

/** Every Notify the fake daemon saw: { id, title, body, actions, line }. */
function notifies() {
  const strings = (s) => [...s.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
  return fs.readFileSync(notifyLog, "utf8").split("\n").filter((l) => / Notify /.test(l)).map((line, i) => {
    const list = /\[(.*)\] \{/.exec(line)?.[1] ?? "";
    const s = strings(line);
    return { id: i + 1, title: s[2], body: s[3], actions: strings(list), line };
  });
}

describe("Hearth locks, and then holds nothing private", () => {
  const step = story(() => harness, { timeout: 240_000 });
  const ritual = {};

  step("Sam sets a passphrase and writes a private page; Settings → Privacy offers Lock after", async () => {
    profile = harness.newProfile("locking");
    app = await launch();
    const { session } = app;
    await (await inputByLabel(session, "Your name", { timeout: 30_000 })).sendKeys("Sam");
    await (await inputByLabel(session, "Your partner's name")).sendKeys("Alex");
    await (await buttonByText(session, "Begin")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Writing as Sam"), { timeout: 20_000, message: "setup leads to the app" });
    await (await navItem(session, "Settings")).click();
    await (await buttonByText(session, "Set a passphrase")).click();
    await (await inputByLabel(session, "New passphrase")).sendKeys(PASSPHRASE);
    await (await inputByLabel(session, "Repeat the passphrase")).sendKeys(PASSPHRASE);
    await (await buttonByText(session, "Set the passphrase")).click();
    const key = (await (await session.waitCss("#privacy-recovery-key", { timeout: 20_000 })).property("textContent")).trim();
    await (await buttonByText(session, "Save it as a file")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Saved in"), { message: "the recovery key is saved as a file" });
    const file = path.join(profile.dir, "exports", "Hearth recovery key.txt");
    assert.ok(fs.readFileSync(file, "utf8").includes(key), "the saved file holds the key that was shown");
    await (await buttonByText(session, "I've written it down")).click();
    const after = await inputByLabel(session, "Lock after");
    assert.equal(await after.property("value"), "10", "ten minutes until Sam chooses");
    const notice = await inputByLabel(session, "While locked, reminders show");
    assert.equal(await notice.property("value"), "private", "reminders say only \"A Hearth reminder\" while locked, until chosen");
    await showPrivacy(session);
    await harness.screenshot("privacy-locking");

    await (await navItem(session, "Journal")).click();
    await (await inputByLabel(session, "Title")).sendKeys(TITLE);
    await (await inputByLabel(session, "What would you like to say?")).sendKeys(`Not ready to share: ${CANARY}.`);
    await (await inputByLabel(session, "Private")).click();
    await (await buttonByText(session, "Save entry")).click();
    await mainShows(session, CANARY, "Sam sees the private entry");
    await buttonByText(session, "Lock");
  });

  step("Ctrl+L locks, and the page is rebuilt from the lock screen", async () => {
    const { session } = app;
    await pressCtrlL(session);
    await lockedAndEmpty(session, "Ctrl+L");
    await harness.screenshot("lock-screen");
  });

  step("the screensaver turning on locks (GNOME's ActiveChanged on the session bus)", async () => {
    const { session } = app;
    await unlockAndSee(session);
    const { code, out } = await run("gdbus", ["call", "--session", "--dest", "org.gnome.ScreenSaver", "--object-path", "/org/gnome/ScreenSaver",
      "--method", "org.gnome.ScreenSaver.SetActive", "true"]);
    assert.equal(code, 0, `the mock screensaver turned on: ${out}`);
    await lockedAndEmpty(session, "the screen locking");
    await run("gdbus", ["call", "--session", "--dest", "org.gnome.ScreenSaver", "--object-path", "/org/gnome/ScreenSaver",
      "--method", "org.gnome.ScreenSaver.SetActive", "false"]);
  });

  step("the laptop about to sleep locks (logind's PrepareForSleep on the system bus), and sleep waits for it", async () => {
    const { session } = app;
    await unlockAndSee(session);
    await waitUntil(async () => (await inhibitors()).includes("Hearth"), { message: "Hearth asks logind to wait for it before sleep" });
    assert.match(await inhibitors(), /'sleep', 'Hearth', '[^']*', 'delay'/, "a delay inhibitor for sleep, never a block");
    await prepareForSleep(true);
    await lockedAndEmpty(session, "a suspend");
    await waitUntil(async () => !(await inhibitors()).includes("Hearth"), { message: "once locked, Hearth lets the laptop sleep" });
    await prepareForSleep(false);
    await waitUntil(async () => (await inhibitors()).includes("Hearth"), { message: "awake again, Hearth asks to be waited for again" });
  });

  step("a reminder due while locked arrives on the bus as \"A Hearth reminder\", and We did it records once", async () => {
    const { session } = app;
    await unlockAndSee(session);
    const at = await session.execute(`
      const t = new Date(Date.now() + 20_000); t.setSeconds(0, 0); t.setMinutes(t.getMinutes() + 1);
      const pad = (n) => String(n).padStart(2, '0');
      return { ms: t.getTime(), time: pad(t.getHours()) + ':' + pad(t.getMinutes()),
        date: t.getFullYear() + '-' + pad(t.getMonth() + 1) + '-' + pad(t.getDate()), zone: Intl.DateTimeFormat().resolvedOptions().timeZone };`);
    const made = await invoke(session, "create_ritual", {
      input: { title: RITUAL, schedule: "FREQ=DAILY", time: at.time, zone: at.zone, durationMinutes: 15, startDate: at.date, reminderLeadMinutes: 0 },
    });
    assert.ok(made.ok, JSON.stringify(made.error));
    Object.assign(ritual, { id: made.value.id, date: at.date });
    await pressCtrlL(session);
    await lockedAndEmpty(session, "Ctrl+L");
    const shown = await waitUntil(() => notifies()[0], { timeout: Math.max(0, at.ms - Date.now()) + 20_000, interval: 250, message: "the reminder arrived while locked" });
    console.log(`# e2e: the locked reminder came ${Date.now() - at.ms} ms after its time: ${shown.line}`);
    assert.equal(shown.title, "A Hearth reminder", "while locked, the reminder names nothing");
    assert.ok(!shown.line.includes(RITUAL), `nothing of the ritual is on the bus: ${shown.line}`);
    assert.ok(shown.actions.includes("We did it"), "it can still be answered");
    for (let i = 0; i < 2; i += 1) {
      const { code, out } = await run("gdbus", ["call", "--session", "--dest", "org.freedesktop.Notifications", "--object-path", "/org/freedesktop/Notifications",
        "--method", "org.freedesktop.DBus.Mock.EmitSignal", "org.freedesktop.Notifications", "ActionInvoked", "us", `[<uint32 ${shown.id}>, <'done'>]`]);
      assert.equal(code, 0, out);
    }
    await waitUntil(() => /already answered, so nothing changed/.test(fs.readFileSync(app.log, "utf8")), { timeout: 10_000, message: "the second press was heard and changed nothing" });
    assert.ok(!fs.readFileSync(app.log, "utf8").includes(RITUAL), "the app's log names nothing while locked");
    assert.match(await visibleText(session), /Sam's pages are locked/, "answering doesn't unlock");
    await unlockAndSee(session);
    const history = await invoke(session, "ritual_history", { ritualId: ritual.id, from: ritual.date, to: ritual.date });
    assert.ok(history.ok, JSON.stringify(history.error));
    assert.deepEqual(history.value.map((o) => [o.outcome?.status, o.outcome?.by]), [["done", 1]], "done once, by Sam, answered while locked");
  });

  step("idle time locks (the harness shortens Lock after to 5 seconds)", async () => {
    await app.quit();
    app = await launch({ HEARTH_TEST_IDLE_SECONDS: "5", GTK_THEME: "Adwaita:dark" });
    const { session } = app;
    await unlockAndSee(session);
    await lockedAndEmpty(session, "idle time");
    await harness.screenshot("lock-screen-dark");
  });

  step("Settings → Privacy in the dark", async () => {
    await app.quit();
    app = await launch({ GTK_THEME: "Adwaita:dark" });
    const { session } = app;
    await unlockAndSee(session);
    await (await navItem(session, "Settings")).click();
    await inputByLabel(session, "Lock after");
    await showPrivacy(session);
    await harness.screenshot("privacy-locking-dark");
    await app.quit();
    app = null;
  });
});
