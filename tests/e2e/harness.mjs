// Runs the release Hearth app in a real window for the end-to-end tests.
//
// One harness per test file: it starts a private X display (Xvfb) and a
// private D-Bus session bus, then each `launch(profile)` starts tauri-driver
// (which starts WebKitWebDriver, which starts the app) with the profile's data
// directory in HEARTH_DATA_DIR, and opens a WebDriver session. Every process
// the harness starts carries a marker in its environment, so cleanup finds
// them all -- the app and its WebKit helpers included, even if they were
// re-parented -- whether a test passes, fails, or the run is interrupted.
//
// Environment:
//   HEARTH_APP              the app binary (default $CARGO_TARGET_DIR/release/hearth)
//   TAURI_DRIVER            tauri-driver (default: ~/.cargo/bin/tauri-driver, then PATH)
//   WEBKIT_WEBDRIVER        the native driver (default /usr/bin/WebKitWebDriver)
//   HEARTH_E2E_SCREENSHOTS  where screenshots go (default <repo>/target/e2e-screenshots)
//   HEARTH_E2E_LOGS         where the logs of Xvfb, D-Bus and each launch go (default <repo>/target/e2e-logs)
//   HEARTH_E2E_KEEP=1       keep the temporary data directories for inspection

import { spawn, execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { Session, waitUntil, xpathLiteral } from "./webdriver.mjs";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const screenshotDir = path.resolve(process.env.HEARTH_E2E_SCREENSHOTS || path.join(repoRoot, "target", "e2e-screenshots"));
export const logDir = path.resolve(process.env.HEARTH_E2E_LOGS || path.join(repoRoot, "target", "e2e-logs"));

const MARKER = "HEARTH_E2E_HARNESS";
const SCREEN = "1280x860x24";
const execFileP = promisify(execFile);

function defaultTargetDir() {
  if (process.env.CARGO_TARGET_DIR) return path.resolve(repoRoot, process.env.CARGO_TARGET_DIR);
  const shared = path.join(os.homedir(), ".cache", "hearth-target");
  return fs.existsSync(path.join(shared, "release", "hearth")) ? shared : path.join(repoRoot, "target");
}

export function appPath() {
  return path.resolve(process.env.HEARTH_APP || path.join(defaultTargetDir(), "release", "hearth"));
}

function which(name) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {}
  }
  return null;
}

function tauriDriverPath() {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER;
  const cargoBin = path.join(process.env.CARGO_HOME || path.join(os.homedir(), ".cargo"), "bin", "tauri-driver");
  return fs.existsSync(cargoBin) ? cargoBin : which("tauri-driver");
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function portOpen(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: "127.0.0.1" });
    sock.once("connect", () => { sock.destroy(); resolve(true); });
    sock.once("error", () => resolve(false));
  });
}

// ---- processes ------------------------------------------------------------

/** Pids of live processes whose environment holds `key=value` (Linux /proc). */
function pidsWithEnv(key, value) {
  const needle = `${key}=${value}`;
  const found = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const env = fs.readFileSync(`/proc/${entry}/environ`, "latin1").split("\0");
      if (!env.includes(needle)) continue;
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "latin1");
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) continue; // zombie: already dead
      found.push(Number(entry));
    } catch {} // gone, or not ours to read
  }
  return found;
}

function signal(pids, sig) {
  for (const pid of pids) {
    try { process.kill(pid, sig); } catch {}
  }
}

/** Ends every process carrying `key=value`: SIGTERM, then SIGKILL after `graceMs`. */
async function killMarked(key, value, graceMs = 3_000) {
  let pids = pidsWithEnv(key, value);
  if (!pids.length) return;
  signal(pids, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while ((pids = pidsWithEnv(key, value)).length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!pids.length) return;
  signal(pids, "SIGKILL");
  const hardDeadline = Date.now() + 5_000;
  while ((pids = pidsWithEnv(key, value)).length && Date.now() < hardDeadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (pids.length) throw new Error(`processes ${pids.join(", ")} (${key}=${value}) survived SIGKILL`);
}

const liveHarnesses = new Set();
function killAllNow() {
  for (const id of liveHarnesses) signal(pidsWithEnv(MARKER, id), "SIGKILL");
  liveHarnesses.clear();
}
let handlersInstalled = false;
function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", killAllNow);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(sig, () => {
      killAllNow();
      process.exit(128 + os.constants.signals[sig]);
    });
  }
}

function spawnLogged(cmd, args, { env, log, extraFds = [] }) {
  const fd = fs.openSync(log, "a");
  try {
    return spawn(cmd, args, { env, stdio: ["ignore", fd, fd, ...extraFds], detached: true });
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads the first line a child writes on pipe `fd`. */
function firstLine(child, fd, what, timeoutMs) {
  return new Promise((resolve, reject) => {
    let buf = "";
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs} ms`)), timeoutMs);
    child.stdio[fd].on("data", (d) => {
      buf += d;
      const nl = buf.indexOf("\n");
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(buf.slice(0, nl).trim());
      }
    });
    child.once("exit", (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${sig ?? code}) before it was ready`));
    });
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`${what} could not be started: ${e.message}`));
    });
  });
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

// ---- the harness ------------------------------------------------------------

/**
 * Starts Xvfb and a D-Bus session bus. `name` (e.g. the test file's) prefixes
 * log files. Call `stop()` in an `after` hook.
 */
export async function startHarness(name = "e2e") {
  const app = appPath();
  if (!fs.existsSync(app)) {
    throw new Error(`no app binary at ${app}; build it with: cargo build --release -p hearth --features custom-protocol (or set HEARTH_APP)`);
  }
  const tauriDriver = tauriDriverPath();
  if (!tauriDriver) throw new Error("tauri-driver not found; run scripts/setup (cargo install tauri-driver --locked)");
  const nativeDriver = process.env.WEBKIT_WEBDRIVER || "/usr/bin/WebKitWebDriver";
  if (!fs.existsSync(nativeDriver)) throw new Error(`${nativeDriver} not found; run scripts/setup (Debian package webkit2gtk-driver)`);

  installExitHandlers();
  const id = `${process.pid}-${randomBytes(4).toString("hex")}`;
  liveHarnesses.add(id);
  const h = new Harness(id, name, app, tauriDriver, nativeDriver);
  try {
    await h.start();
  } catch (e) {
    await h.stop().catch(() => {});
    throw e;
  }
  return h;
}

class Harness {
  constructor(id, name, app, tauriDriver, nativeDriver) {
    this.id = id;
    this.name = name;
    this.app = app;
    this.tauriDriver = tauriDriver;
    this.nativeDriver = nativeDriver;
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), `hearth-e2e-${name}-`));
    this.launches = new Set();
    this.launchCount = 0;
    this.env = null;
  }

  async start() {
    fs.mkdirSync(logDir, { recursive: true });
    fs.mkdirSync(screenshotDir, { recursive: true });
    // Failure captures of an earlier run of this file would mislead.
    for (const f of fs.readdirSync(screenshotDir)) {
      if (f.startsWith(`FAILED-${this.name}-`)) fs.rmSync(path.join(screenshotDir, f), { force: true });
    }
    const runtime = path.join(this.root, "runtime");
    fs.mkdirSync(runtime, { mode: 0o700 });

    const base = { ...process.env, [MARKER]: this.id, XDG_RUNTIME_DIR: runtime };
    delete base.WAYLAND_DISPLAY;
    delete base.DBUS_SESSION_BUS_ADDRESS;
    delete base.DISPLAY;

    // A private X display; Xvfb picks a free number and tells us on fd 3.
    this.xlog = path.join(logDir, `${this.name}-xvfb.log`);
    fs.writeFileSync(this.xlog, "");
    const xvfb = spawnLogged("Xvfb", ["-displayfd", "3", "-screen", "0", SCREEN, "-nolisten", "tcp", "-noreset"], {
      env: base,
      log: this.xlog,
      extraFds: ["pipe"],
    });
    const display = `:${await firstLine(xvfb, 3, `Xvfb (log: ${this.xlog})`, 15_000)}`;

    // A private session bus, so nothing reaches the desktop of whoever runs
    // the tests, and so notification tests can put a fake daemon on it.
    this.dbuslog = path.join(logDir, `${this.name}-dbus.log`);
    fs.writeFileSync(this.dbuslog, "");
    const dbusLogFd = fs.openSync(this.dbuslog, "a");
    // Services it starts (portals) get its environment, so it needs the display.
    const dbus = spawn("dbus-daemon", ["--session", "--nofork", "--nopidfile", `--address=unix:path=${path.join(runtime, "bus")}`, "--print-address=1"], {
      env: { ...base, DISPLAY: display, GDK_BACKEND: "x11" },
      stdio: ["ignore", "pipe", dbusLogFd],
      detached: true,
    });
    fs.closeSync(dbusLogFd);
    const busAddress = await firstLine(dbus, 1, `dbus-daemon (log: ${this.dbuslog})`, 15_000);

    this.display = display;
    this.env = {
      ...base,
      DISPLAY: display,
      DBUS_SESSION_BUS_ADDRESS: busAddress,
      GDK_BACKEND: "x11",
      // WebKitGTK under Xvfb: no GPU, no compositing, no DMA-BUF.
      WEBKIT_DISABLE_COMPOSITING_MODE: "1",
      WEBKIT_DISABLE_DMABUF_RENDERER: "1",
      LIBGL_ALWAYS_SOFTWARE: "1",
      // No accessibility bus and no dconf in a throwaway session.
      NO_AT_BRIDGE: "1",
      GSETTINGS_BACKEND: "memory",
    };
    console.log(`# e2e: display ${display}, bus ${busAddress}, app ${this.app}`);
    console.log(`# e2e: screenshots in ${screenshotDir}, logs in ${logDir}`);
  }

  /**
   * A fresh, empty place for one couple's data: HEARTH_DATA_DIR plus the
   * webview's own XDG directories. Launch it as often as needed to test
   * what survives a restart.
   */
  newProfile(label) {
    const dir = fs.mkdtempSync(path.join(this.root, `${label}-`));
    const profile = { label, dir, dataDir: path.join(dir, "data") };
    for (const d of ["data", "xdg-data", "xdg-config", "xdg-cache", "exports"]) fs.mkdirSync(path.join(dir, d));
    return profile;
  }

  /** Where `spawnMarked(label, …)` writes a helper's output. */
  logFor(label) {
    return path.join(logDir, `${this.name}-${label}.log`);
  }

  /**
   * Starts a helper process (a Syncthing daemon…) on the harness's display
   * and bus, with its marker, so `stop()` ends it whatever happens. Its
   * output goes to <logDir>/<name>-<label>.log. Returns the child process.
   */
  spawnMarked(label, cmd, args, { env = this.env } = {}) {
    const log = this.logFor(label);
    fs.appendFileSync(log, `# ${new Date().toISOString()} ${cmd} ${args.join(" ")}\n`);
    return spawnLogged(cmd, args, { env: { ...env, [MARKER]: this.id }, log });
  }

  /**
   * Starts the app on `profile` and returns the running app with its
   * WebDriver session. Quits an app this harness still has running first,
   * unless `alongside` is set: two apps on two data folders (two laptops)
   * run side by side, since the single-instance guard is per data folder.
   * `args` are the app's command-line arguments, `env` extra variables.
   */
  async launch(profile, { timeout = 60_000, args = [], env: extraEnv = {}, alongside = false } = {}) {
    // The app is single-instance per data folder (over D-Bus): a second one
    // on the same folder would hand over to the first and exit. So, as on a
    // desktop, one app at a time unless asked for two laptops.
    for (const running of this.launches) {
      if (alongside && running.profile.dataDir !== profile.dataDir) continue;
      console.log(`# e2e: quitting the app still running on "${running.profile.label}" before launching another`);
      await running.quit();
    }
    const n = ++this.launchCount;
    const launchId = `${this.id}-${n}`;
    const port = await freePort();
    let nativePort = await freePort();
    while (nativePort === port) nativePort = await freePort();
    const log = path.join(logDir, `${this.name}-${n}-${profile.label}.log`);
    fs.writeFileSync(log, `# launch ${n}: ${this.app}\n# HEARTH_DATA_DIR=${profile.dataDir}\n`);

    const env = {
      ...this.env,
      HEARTH_E2E_LAUNCH: launchId,
      HEARTH_DATA_DIR: profile.dataDir,
      // No native save dialog in these stories: exports go, as new files, here.
      HEARTH_EXPORT_DIR: path.join(profile.dir, "exports"),
      XDG_DATA_HOME: path.join(profile.dir, "xdg-data"),
      XDG_CONFIG_HOME: path.join(profile.dir, "xdg-config"),
      XDG_CACHE_HOME: path.join(profile.dir, "xdg-cache"),
      ...extraEnv,
    };
    const driver = spawnLogged(
      this.tauriDriver,
      ["--port", String(port), "--native-port", String(nativePort), "--native-driver", this.nativeDriver],
      { env, log },
    );
    const running = new RunningApp(this, profile, launchId, log);
    this.launches.add(running);
    try {
      let exited = null;
      driver.once("exit", (code, sig) => { exited = sig ?? code; });
      await waitUntil(async () => {
        if (exited !== null) throw new Error(`tauri-driver exited (${exited}); log ${log}:\n${tail(log)}`);
        return (await portOpen(port)) && (await portOpen(nativePort));
      }, { timeout: 20_000, message: `tauri-driver did not listen on ports ${port}/${nativePort}` });
      running.session = await Session.create(
        `http://127.0.0.1:${port}`,
        { alwaysMatch: { "tauri:options": { application: this.app, args } } },
        { timeout },
      );
    } catch (e) {
      await running.quit().catch(() => {});
      throw new Error(`could not start the app: ${e.message}\nlast lines of ${log}:\n${tail(log)}`);
    }
    return running;
  }

  /** Photographs the whole X display into <screenshotDir>/<name>.png. */
  async screenshot(name) {
    const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, "_")}.png`);
    await execFileP("import", ["-window", "root", file], { env: this.env, timeout: 20_000 });
    console.log(`# e2e: screenshot ${file}`);
    return file;
  }

  /** Saves a screenshot, the visible text and the page source after a failure. */
  async captureFailure(name, session) {
    const base = `FAILED-${this.name}-${name}`;
    await this.screenshot(base).catch((e) => console.log(`# e2e: no failure screenshot: ${e.message}`));
    if (!session) return;
    try {
      const text = await session.execute("return document.body ? document.body.innerText : ''");
      const html = await session.source();
      const file = path.join(screenshotDir, `${base.replace(/[^\w.-]+/g, "_")}.txt`);
      fs.writeFileSync(file, `--- visible text ---\n${text}\n\n--- source ---\n${html}\n`);
      console.log(`# e2e: page text and source in ${file}`);
    } catch (e) {
      console.log(`# e2e: could not read the page after the failure: ${e.message}`);
    }
  }

  async stop() {
    for (const running of this.launches) await running.quit().catch(() => {});
    await killMarked(MARKER, this.id).catch((e) => console.log(`# e2e: cleanup: ${e.message}`));
    liveHarnesses.delete(this.id);
    if (process.env.HEARTH_E2E_KEEP) {
      console.log(`# e2e: kept ${this.root}`);
      return;
    }
    // The session bus may have started the document portal, which mounts a
    // FUSE file system at runtime/doc; it outlives the killed portal and
    // can't be removed as a folder. Unmount it first (lazily: nothing uses it).
    const doc = path.join(this.root, "runtime", "doc");
    for (const fusermount of ["fusermount3", "fusermount"]) {
      const unmounted = await promisify(execFile)(fusermount, ["-u", "-z", doc]).then(() => true, () => false);
      if (unmounted) break;
    }
    try {
      fs.rmSync(this.root, { recursive: true, force: true });
    } catch (e) {
      // Leftovers in /tmp are not the app's failure; say so and go on.
      console.log(`# e2e: could not remove ${this.root}: ${e.message}`);
    }
  }
}

class RunningApp {
  constructor(harness, profile, launchId, log) {
    this.harness = harness;
    this.profile = profile;
    this.launchId = launchId;
    this.log = log;
    this.session = null;
  }

  /**
   * Quits the app the way a WebDriver client does (deleting the session),
   * then makes sure it, its WebKit helpers and tauri-driver are all gone, so
   * the next launch on the same data directory starts from the file alone.
   */
  async quit() {
    if (!this.harness.launches.has(this)) return;
    this.harness.launches.delete(this);
    if (this.session) {
      await this.session.delete().catch((e) => console.log(`# e2e: deleting the session: ${e.message}`));
      this.session = null;
    }
    await killMarked("HEARTH_E2E_LAUNCH", this.launchId);
  }

  /** Whether the app process itself is still alive. */
  appAlive() {
    const exe = this.harness.app;
    return pidsWithEnv("HEARTH_E2E_LAUNCH", this.launchId).some((pid) => {
      try { return fs.readlinkSync(`/proc/${pid}/exe`) === exe; } catch { return false; }
    });
  }

  logTail(lines) {
    return tail(this.log, lines);
  }
}

// ---- finding things the way a person does ---------------------------------

const norm = (expr) => `translate(normalize-space(${expr}), "\u2019", "'")`;
const clean = (s) => s.replace(/\u2019/g, "'").replace(/\s+/g, " ").trim();

/**
 * The form control a visible <label> names, by the label's text: through its
 * `for` attribute, or the control inside it. Typographic apostrophes count
 * as plain ones.
 */
export async function inputByLabel(session, text, { timeout = 15_000 } = {}) {
  const label = await session.waitXpath(`//label[${norm(".")}=${xpathLiteral(clean(text))}]`, {
    timeout,
    what: `a label reading "${text}"`,
  });
  const forId = await label.attribute("for");
  if (forId) return session.findXpath(`//*[@id=${xpathLiteral(forId)}]`);
  return label.find("input, textarea, select");
}

/** Every visible form control named by a <label> reading `text`, in page order. */
export async function inputsByLabel(session, text) {
  const labels = await session.findAllXpath(`//label[${norm(".")}=${xpathLiteral(clean(text))}]`);
  const found = [];
  for (const label of labels) {
    if (!(await label.displayed())) continue;
    const forId = await label.attribute("for");
    found.push(forId ? await session.findXpath(`//*[@id=${xpathLiteral(forId)}]`) : await label.find("input, textarea, select"));
  }
  return found;
}

/** A visible button (or role=button) whose text is exactly `text`. */
export function buttonByText(session, text, { timeout = 15_000 } = {}) {
  return session.waitXpath(
    `//*[self::button or @role="button" or (self::input and (@type="submit" or @type="button"))][${norm(".")}=${xpathLiteral(clean(text))} or ${norm("@value")}=${xpathLiteral(clean(text))}]`,
    { timeout, what: `a button reading "${text}"` },
  );
}

/** A visible button whose text starts with `prefix`. */
export function buttonStartingWith(session, prefix, { timeout = 15_000 } = {}) {
  return session.waitXpath(`//*[self::button or @role="button"][starts-with(${norm(".")}, ${xpathLiteral(clean(prefix))})]`, {
    timeout,
    what: `a button whose text starts with "${prefix}"`,
  });
}

/** A visible navigation item (link, button or tab) whose text is `text`. */
export function navItem(session, text, { timeout = 15_000 } = {}) {
  return session.waitXpath(
    `//*[self::a or self::button or @role="tab" or @role="link" or @role="button" or @role="menuitem"][${norm(".")}=${xpathLiteral(clean(text))}]`,
    { timeout, what: `a navigation item reading "${text}"` },
  );
}

/**
 * An element's rendered text (innerText), whitespace collapsed. WebKitWebDriver's
 * own "get element text" returns "" for text in an ellipsis-clipped span.
 */
export async function textOf(el) {
  return clean(String((await el.property("innerText")) ?? ""));
}

/** The text a person can see on the page, whitespace collapsed. */
export async function visibleText(session) {
  return clean(await session.execute("return document.body ? document.body.innerText : ''"));
}

/** Values of every visible text field (innerText leaves them out). */
export function fieldValues(session) {
  return session.execute(`
    return Array.from(document.querySelectorAll("input, textarea"))
      .filter((el) => el.offsetParent !== null && !["hidden", "checkbox", "radio", "color", "submit", "button"].includes(el.type))
      .map((el) => el.value);
  `);
}

/**
 * What the main landmark (<main>) shows: its visible text and the values of
 * its visible text fields. Leaves out the header and navigation.
 */
export async function mainContent(session) {
  const { text, values } = await session.execute(`
    const main = document.querySelector("main, [role=main]");
    if (!main) return { text: "", values: [] };
    const values = Array.from(main.querySelectorAll("input, textarea"))
      .filter((el) => el.offsetParent !== null && !["hidden", "checkbox", "radio", "color", "submit", "button"].includes(el.type))
      .map((el) => el.value);
    return { text: main.innerText, values };
  `);
  return { text: clean(text), values };
}

/**
 * Calls a command of the app directly, as the page would, bypassing the
 * page's own checks. Returns { ok: true, value } or { ok: false, error }
 * where error is the command's rejection, e.g. { kind, message }.
 */
export function invoke(session, command, args = {}) {
  return session.executeAsync(
    `const [command, args, done] = arguments;
     window.__TAURI__.core.invoke(command, args).then(
       (value) => done({ ok: true, value }),
       (error) => done({ ok: false, error }));`,
    [command, args],
  );
}

/** Waits until <main> shows `text` (a string or RegExp); returns what it shows. */
export async function mainShows(session, text, message) {
  let shown = "";
  try {
    return await waitUntil(async () => {
      shown = (await mainContent(session)).text;
      return (typeof text === "string" ? shown.includes(text) : text.test(shown)) ? shown : null;
    }, { timeout: 15_000 });
  } catch {
    assert.fail(`${message}; the page shows:\n${shown.slice(0, 1500)}`);
  }
}

/**
 * Sets a field the way typing would, firing input and change: time and
 * number inputs take keys unevenly in WebKitGTK's driver.
 */
export async function setValue(session, el, value) {
  await session.execute(
    `const [el, value] = arguments; el.value = value;
     el.dispatchEvent(new Event('input', { bubbles: true }));
     el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [el, value],
  );
}

/** Switches the writer with the header's button and waits for the header to say so. */
export async function switchTo(session, name) {
  await (await buttonByText(session, `Switch to ${name}`)).click();
  await waitUntil(async () => (await visibleText(session)).includes(`Writing as ${name}`), {
    message: `the header should say "Writing as ${name}" after switching`,
  });
}

/**
 * A zone where it is now between 01:00 and 02:59, as TZ for a launch: a
 * story that adds a 07:30 ritual and marks today's occurrence needs that
 * occurrence still ahead when it is added (a ritual begins at its first time
 * at or after the moment it is added), whatever the hour the tests run at.
 * Etc/GMT-5 is five hours ahead of UTC (POSIX signs are reversed).
 */
export function earlyMorningZone(now = new Date()) {
  let ahead = (2 - now.getUTCHours() + 24) % 24;
  if (ahead > 14) ahead -= 24;
  return ahead === 0 ? "Etc/GMT" : ahead > 0 ? `Etc/GMT-${ahead}` : `Etc/GMT+${-ahead}`;
}

/**
 * Steps of one story: they run in order, and once one fails the rest are
 * skipped (each builds on the one before). A failed step leaves a
 * screenshot, the page's text, the app's last log lines, and no app running.
 * `harness` is a function: stories are declared before `before()` starts it.
 */
export function story(harness, { timeout = 180_000 } = {}) {
  let broken = null;
  return (name, fn) =>
    test(name, { timeout }, async (t) => {
      if (broken) return t.skip(`an earlier step failed: ${broken}`);
      try {
        await fn(t);
      } catch (e) {
        broken = name;
        const h = harness();
        // One app, or two side by side (launch({alongside: true})).
        const running = [...(h?.launches ?? [])];
        const label = name.replace(/\W+/g, "-").slice(0, 60);
        if (!running.length) await h?.captureFailure(label, null);
        for (const app of running) {
          await h.captureFailure(running.length > 1 ? `${label}-${app.profile.label}` : label, app.session);
          console.log(`# e2e: last lines of ${app.log}:\n${app.logTail(30).replace(/^/gm, "#   ")}`);
        }
        for (const app of running) await app.quit().catch(() => {});
        throw e;
      }
    });
}
