// Two real Syncthing daemons (Debian's `syncthing` package) for the
// two-laptop story: each with its own home, listening on 127.0.0.1 only, with
// no discovery, relays, NAT, upgrades, usage reports or crash reports, and
// sharing one folder between them.
//
// How each is made: `syncthing generate --home=H --no-default-folder`, then
// config.xml is edited BEFORE the first `serve` (listen and GUI addresses,
// the API key, everything that could reach the internet switched off); once
// both run, each is told about the other device and the shared folder
// through its REST API (X-API-Key), as a person would in the GUI.
//
// Every daemon is started through the harness (`harness.spawnMarked`), so it
// carries the harness's marker and is ended with it, pass or fail.

import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import { freePort } from "./harness.mjs";
import { waitUntil } from "./webdriver.mjs";

const execFileP = promisify(execFile);
const FOLDER_ID = "hearth-sync";

/** Sets `<tag>…</tag>` (the first one inside `<options>` or `<gui>`) to `value`. */
function setTag(xml, section, tag, value) {
  const open = xml.indexOf(`<${section}`);
  const close = xml.indexOf(`</${section}>`, open);
  if (open < 0 || close < 0) throw new Error(`config.xml has no <${section}>`);
  const body = xml.slice(open, close);
  const re = new RegExp(`<${tag}>[^<]*</${tag}>`);
  const next = re.test(body) ? body.replace(re, `<${tag}>${value}</${tag}>`) : `${body}    <${tag}>${value}</${tag}>\n    `;
  return xml.slice(0, open) + next + xml.slice(close);
}

/** The whole of Syncthing's "nothing leaves 127.0.0.1" configuration, written before the first serve. */
function localOnly(xml, { listenPort, guiPort, apiKey }) {
  const options = {
    listenAddress: `tcp://127.0.0.1:${listenPort}`,
    globalAnnounceEnabled: "false",
    localAnnounceEnabled: "false",
    relaysEnabled: "false",
    natEnabled: "false",
    urAccepted: "-1",
    autoUpgradeIntervalH: "0",
    crashReportingEnabled: "false",
    startBrowser: "false",
    reconnectionIntervalS: "2",
  };
  for (const [tag, value] of Object.entries(options)) xml = setTag(xml, "options", tag, value);
  xml = setTag(xml, "gui", "address", `127.0.0.1:${guiPort}`);
  xml = setTag(xml, "gui", "apikey", apiKey);
  return xml;
}

export class Syncthing {
  constructor(harness, label) {
    this.harness = harness;
    this.label = label;
    this.home = path.join(harness.root, `syncthing-${label}`);
    this.apiKey = randomBytes(16).toString("hex");
    this.child = null;
  }

  /** Makes the keys and config (no folder yet) and writes the local-only settings. */
  async generate() {
    [this.listenPort, this.guiPort] = [await freePort(), await freePort()];
    while (this.guiPort === this.listenPort) this.guiPort = await freePort();
    const { stdout, stderr } = await execFileP("syncthing", ["generate", `--home=${this.home}`, "--no-default-folder"], {
      env: this.env(),
    });
    // It says the id in its log lines (stderr in some versions, stdout in others).
    const said = `${stdout}\n${stderr}`;
    const id = /Device ID:\s*([A-Z0-9-]+)/.exec(said);
    if (!id) throw new Error(`syncthing generate printed no device id:\n${said}`);
    this.deviceId = id[1];
    const file = path.join(this.home, "config.xml");
    fs.writeFileSync(file, localOnly(fs.readFileSync(file, "utf8"), this));
    return this;
  }

  env() {
    return {
      ...(this.harness.env ?? process.env),
      STNOUPGRADE: "1",
      STNORESTART: "1",
      STNODEFAULTFOLDER: "1",
      HOME: this.home,
    };
  }

  get base() {
    return `http://127.0.0.1:${this.guiPort}`;
  }

  /** Starts `syncthing serve` and waits until its REST API answers. */
  async serve() {
    if (this.child) return;
    this.child = this.harness.spawnMarked(`syncthing-${this.label}`, "syncthing", [
      "serve", `--home=${this.home}`, "--no-browser", "--no-restart", "--no-upgrade", "--logflags=3",
    ], { env: this.env() });
    const child = this.child;
    let exited = null;
    child.once("exit", (code, sig) => { exited = sig ?? code; if (this.child === child) this.child = null; });
    await waitUntil(async () => {
      if (exited !== null) throw new Error(`syncthing ${this.label} exited (${exited}); see its log`);
      return (await this.rest("GET", "/rest/system/ping"))?.ping === "pong";
    }, { timeout: 30_000, message: `syncthing ${this.label} did not answer on ${this.base}` });
  }

  /** Stops the daemon (SIGTERM to the process this harness started) and waits for it to be gone. */
  async stop() {
    const child = this.child;
    if (!child) return;
    const gone = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await gone;
    clearTimeout(timer);
    this.child = null;
  }

  async rest(method, route, body) {
    const res = await fetch(this.base + route, {
      method,
      headers: { "X-API-Key": this.apiKey, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`syncthing ${this.label}: ${method} ${route} -> ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  }

  /** Through the REST API: the peer at its fixed 127.0.0.1 address, and the shared folder at `dir`. */
  async share(dir, peer) {
    await this.rest("POST", "/rest/config/devices", {
      deviceID: peer.deviceId,
      name: `laptop ${peer.label}`,
      addresses: [`tcp://127.0.0.1:${peer.listenPort}`],
      autoAcceptFolders: false,
    });
    await this.rest("POST", "/rest/config/folders", {
      id: FOLDER_ID,
      label: "Hearth",
      path: dir,
      type: "sendreceive",
      devices: [{ deviceID: this.deviceId }, { deviceID: peer.deviceId }],
      fsWatcherEnabled: true,
      fsWatcherDelayS: 1,
      rescanIntervalS: 10,
    });
  }

  /**
   * While both daemons are stopped: a new listen port for this one, written
   * to its own config.xml and to the peer's address for it. Syncthing 1.19
   * dials from its own listen port, so two daemons keep one fixed pair of
   * ports for every connection; a restart on new ports owes nothing to
   * whatever the old pair left behind (a port taken meanwhile by another
   * process on this busy machine, a socket the kernel still holds).
   */
  async moveListenPort(peer) {
    if (this.child || peer.child) throw new Error("move a listen port only while both daemons are stopped");
    const old = `tcp://127.0.0.1:${this.listenPort}`;
    do this.listenPort = await freePort(); while ([this.guiPort, peer.listenPort, peer.guiPort].includes(this.listenPort));
    for (const home of [this.home, peer.home]) {
      const file = path.join(home, "config.xml");
      const xml = fs.readFileSync(file, "utf8");
      if (!xml.includes(old)) throw new Error(`${file} does not name ${old}`);
      fs.writeFileSync(file, xml.split(old).join(`tcp://127.0.0.1:${this.listenPort}`));
    }
  }

  /** The last lines this daemon logged (for a failure message). */
  logTail(lines = 15) {
    const log = this.harness.logFor?.(`syncthing-${this.label}`);
    if (!log || !fs.existsSync(log)) return "(no log)";
    return fs.readFileSync(log, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  }

  async connectedTo(peer) {
    const { connections } = await this.rest("GET", "/rest/system/connections");
    return Boolean(connections?.[peer.deviceId]?.connected);
  }

  /** Asks for a scan now (the watcher would, a second later). */
  scan() {
    return this.rest("POST", `/rest/db/scan?folder=${FOLDER_ID}`);
  }
}

/**
 * Two daemons, A and B, each sharing its own folder (`dirA`, `dirB`) as one
 * Syncthing folder; resolves once they are connected to each other.
 */
export async function syncthingPair(harness, dirA, dirB) {
  const a = await new Syncthing(harness, "A").generate();
  const b = await new Syncthing(harness, "B").generate();
  await Promise.all([a.serve(), b.serve()]);
  await a.share(dirA, b);
  await b.share(dirB, a);
  await waitForConnection(a, b);
  return { a, b };
}

export async function waitForConnection(a, b, timeout = 60_000) {
  try {
    return await waitUntil(async () => (await a.connectedTo(b)) && (await b.connectedTo(a)), { timeout, interval: 500 });
  } catch (e) {
    const tails = [a, b].map((d) => `--- syncthing-${d.label}, last lines ---\n${d.logTail()}`).join("\n");
    throw new Error(`the two Syncthing daemons did not connect over 127.0.0.1: ${e.message}\n${tails}`);
  }
}

/** Stops both daemons (if running), moves both to new listen ports, starts both and waits until they connect. */
export async function restartPair(a, b, { whileStopped = async () => {} } = {}) {
  await Promise.all([a.stop(), b.stop()]);
  await whileStopped();
  await a.moveListenPort(b);
  await b.moveListenPort(a);
  await Promise.all([a.serve(), b.serve()]);
  await waitForConnection(a, b, 90_000);
}
