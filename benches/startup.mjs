// Startup and memory: Hearth against the blank Tauri app (benches/baseline).
//
// Run it through scripts/bench-startup, which builds what is missing, makes
// the data folders and gives this script a private D-Bus session:
//
//   node benches/startup.mjs --hearth BIN --baseline BIN --runs 10 \
//        --data empty=DIR --data year=DIR [--settle-ms 3000]
//
// For each data folder it starts the two apps alternately (Hearth, baseline,
// Hearth, …) so that whatever else the machine is doing hits both alike,
// after one unmeasured warm-up launch of each. Each launch is measured two
// ways:
//
// - startup: from just before spawn() to the moment the app's own
//   `ready-ms` line arrives on its stdout. The page sends it after its first
//   screen is painted (two animation frames after mounting it), so this is
//   "process start to first interactive render" as the UI reports it. The
//   app's own figure (from main() on) is kept too. Hearth follows the line
//   with the steps that led to it (`marks`: the shell's in ms since main(),
//   the page's, `page.*`, in ms since its navigation began); they are
//   printed under each launch and as medians, to tell a slow shell from a
//   slow page.
// - memory: once settled (--settle-ms after ready), the proportional set
//   size (PSS, /proc/<pid>/smaps_rollup) summed over the app and every
//   process under it (WebKitWebProcess, WebKitNetworkProcess, …). PSS
//   splits shared pages between the processes that map them, so the sum is
//   what this app tree costs, not counting libraries twice.
//
// It prints one line per launch and then medians and Hearth/baseline ratios.
// It never fails on a figure: numbers are for people to read.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

function args() {
  const out = { runs: 10, settleMs: 3000, data: [], timeoutMs: 60_000 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 1) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--hearth') out.hearth = v;
    else if (k === '--baseline') out.baseline = v;
    else if (k === '--runs') out.runs = Number(v);
    else if (k === '--settle-ms') out.settleMs = Number(v);
    else if (k === '--data') {
      const [label, dir] = v.split('=');
      out.data.push({ label, dir });
    } else continue;
    i += 1;
  }
  if (!out.hearth || !out.baseline || !out.data.length) {
    console.error('usage: startup.mjs --hearth BIN --baseline BIN --data LABEL=DIR… [--runs N] [--settle-ms MS]');
    process.exit(2);
  }
  return out;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every process under `root` (its children, their children…), root included. */
function tree(root) {
  const parent = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields follow the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
    } catch { /* gone already */ }
  }
  const all = [root];
  for (let i = 0; i < all.length; i += 1) {
    for (const [pid, ppid] of parent) if (ppid === all[i]) all.push(pid);
  }
  return all;
}

/** PSS in KiB of each process in the tree, by command name. */
function pss(root) {
  const out = [];
  for (const pid of tree(root)) {
    try {
      const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const kb = Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
      const comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      out.push({ pid, comm, kb });
    } catch { /* gone, or a kernel thread */ }
  }
  return out;
}

async function launch(bin, dataDir, profile, { settleMs, timeoutMs }) {
  const env = {
    ...process.env,
    HEARTH_DATA_DIR: dataDir,
    HEARTH_REPORT_READY: '1',
    XDG_DATA_HOME: path.join(profile, 'data'),
    XDG_CONFIG_HOME: path.join(profile, 'config'),
    XDG_CACHE_HOME: path.join(profile, 'cache'),
  };
  const t0 = performance.now();
  const child = spawn(bin, [], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  let buf = '';
  const ready = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /^ready-ms ([\d.]+)$/m.exec(buf);
      if (m) { clearTimeout(timer); resolve({ wallMs: performance.now() - t0, ownMs: Number(m[1]) }); }
    });
    child.on('exit', () => { clearTimeout(timer); resolve(null); });
  });
  let memory = null;
  if (ready) {
    await sleep(settleMs);
    memory = pss(child.pid);
  }
  // Hearth follows its ready line with the steps that led to it.
  const marks = /^marks(.*)$/m.exec(buf)?.[1].trim() ?? '';
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  await new Promise((r) => { if (child.exitCode !== null) r(); else { child.on('exit', r); setTimeout(r, 5000); } });
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  if (!ready) console.log(`#   no ready line from ${path.basename(bin)}; its stderr ends:\n${stderr}`);
  return ready && { ...ready, marks, memory, pssKb: memory.reduce((s, p) => s + p.kb, 0) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
// WebKitGTK, asked to draw a window whose web process is still starting,
// waits up to 500 ms for it (src-tauri/src/window.rs). Launches that hit
// that wait form a cluster about half a second above the rest, so a median
// of ten depends on how many landed there. Launches more than 350 ms slower
// than the app's fastest are counted as such; the medians of the others are
// the like-for-like comparison.
const WAIT_MS = 350;
function withoutTheWait(runs) {
  const fastest = Math.min(...runs.map((r) => r.ownMs));
  const rest = runs.filter((r) => r.ownMs < fastest + WAIT_MS);
  return { waited: runs.length - rest.length, restReady: median(rest.map((r) => r.wallMs)) };
}

/** Each step's median over the runs that reported it (Hearth's `marks` line). */
function stepMedians(runs) {
  const at = new Map();
  for (const r of runs) {
    for (const [, step, ms] of (r.marks ?? '').matchAll(/(\S+)=([\d.]+)/g)) {
      if (!at.has(step)) at.set(step, []);
      at.get(step).push(Number(ms));
    }
  }
  return [...at].map(([step, xs]) => `${step} ${median(xs).toFixed(0)}`).join(', ');
}
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

const opts = args();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-startup-'));
console.log(`# startup and memory, ${new Date().toISOString()}, ${os.cpus().length} CPUs, load average ${loadavg()}`);
console.log(`# hearth ${opts.hearth}\n# baseline ${opts.baseline}\n# ${opts.runs} runs each, alternating, settle ${opts.settleMs} ms`);
const summary = [];
for (const { label, dir } of opts.data) {
  // One copy of the data for all of Hearth's runs, as a couple's own folder
  // is reused launch after launch. (The day's snapshot waits a minute after
  // start, longer than any launch here, so none of them takes it.)
  const data = path.join(scratch, `${label}-data`);
  fs.cpSync(dir, data, { recursive: true });
  const apps = [
    { name: 'hearth', bin: opts.hearth, data, profile: path.join(scratch, `${label}-hearth`), runs: [] },
    { name: 'baseline', bin: opts.baseline, data: path.join(scratch, `${label}-none`), profile: path.join(scratch, `${label}-baseline`), runs: [] },
  ];
  for (const app of apps) {
    for (const d of ['data', 'config', 'cache']) fs.mkdirSync(path.join(app.profile, d), { recursive: true });
    fs.mkdirSync(app.data, { recursive: true });
    await launch(app.bin, app.data, app.profile, opts); // warm-up, not counted
  }
  for (let i = 0; i < opts.runs; i += 1) {
    for (const app of (i % 2 ? [...apps].reverse() : apps)) {
      const r = await launch(app.bin, app.data, app.profile, opts);
      if (!r) { console.log(`${label} ${app.name} run ${i + 1}: no ready line`); continue; }
      app.runs.push(r);
      const parts = r.memory.map((p) => `${p.comm} ${(p.kb / 1024).toFixed(1)}`).join(', ');
      console.log(`${label.padEnd(6)} ${app.name.padEnd(8)} run ${String(i + 1).padStart(2)}: ready ${r.wallMs.toFixed(0)} ms (own ${r.ownMs.toFixed(0)}), PSS ${(r.pssKb / 1024).toFixed(1)} MiB [${parts}] load ${loadavg()}`);
      if (r.marks) console.log(`${' '.repeat(16)}steps: ${r.marks}`);
    }
  }
  const [h, b] = apps.map((a) => ({
    ready: median(a.runs.map((r) => r.wallMs)),
    own: median(a.runs.map((r) => r.ownMs)),
    pss: median(a.runs.map((r) => r.pssKb)) / 1024,
    n: a.runs.length,
    steps: stepMedians(a.runs),
    ...withoutTheWait(a.runs),
  }));
  summary.push({ label, h, b });
}
console.log(`\n# medians (load average now ${loadavg()})`);
console.log('data    app        n   ready ms   own ms   PSS MiB');
for (const { label, h, b } of summary) {
  for (const [name, x] of [['hearth', h], ['baseline', b]]) {
    console.log(`${label.padEnd(7)} ${name.padEnd(9)} ${String(x.n).padStart(2)} ${x.ready.toFixed(0).padStart(9)} ${x.own.toFixed(0).padStart(8)} ${x.pss.toFixed(1).padStart(9)}`);
  }
  if (h.steps) console.log(`${label.padEnd(7)} hearth's steps, medians (ms since main(); page.* since the page began): ${h.steps}`);
  console.log(`${label.padEnd(7)} ratio        ${(h.ready / b.ready).toFixed(2).padStart(9)}x${(h.own / b.own).toFixed(2).padStart(7)}x${(h.pss / b.pss).toFixed(2).padStart(8)}x   (targets <= 1.2x)`);
  console.log(`${label.padEnd(7)} launches that hit WebKit's 500 ms wait: hearth ${h.waited}/${h.n}, baseline ${b.waited}/${b.n}; `
    + `ready medians without them ${h.restReady.toFixed(0)} / ${b.restReady.toFixed(0)} ms = ${(h.restReady / b.restReady).toFixed(2)}x`);
}
fs.rmSync(scratch, { recursive: true, force: true });
