// Startup and memory: Hearth against the blank Tauri app (benches/baseline).
//
// Run it through scripts/bench-startup, which builds what is missing, makes
// the data folders and gives this script a private D-Bus session:
//
//   node benches/startup.mjs --hearth BIN --baseline BIN --runs 20 \
//        --data first= --data empty=DIR --data year=DIR --data locked=DIR \
//        [--settle-ms 3000] [--smaps]
//
// A data folder given as nothing (`first=`) is a first run: every launch of
// both apps gets a new, empty data folder and a new profile (no WebKit
// cache), so Hearth creates its journal and shows the setup screen.
//
// For each data set it starts the two apps alternately (Hearth, baseline,
// Hearth, …) so that whatever else the machine is doing hits both alike.
// The first launch of each is reported on its own line (cold: the files are
// read from disk, WebKit's caches are made) and left out of the medians.
// Each launch is measured two ways:
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
//   what this app tree costs, not counting libraries twice. With --smaps,
//   each process's PSS is also split by mapping (/proc/<pid>/smaps: the
//   heap, anonymous memory, each library and file), averaged over the runs,
//   and the mappings where Hearth and the baseline differ most are printed.
//
// Three apps take turns: Hearth, the baseline as Tauri makes it by default
// (its window shown at once, so many launches hit WebKit's 500 ms wait,
// below), and the baseline started hidden and shown once its page has
// loaded (`onload`, HEARTH_BASELINE_SHOW_ON_LOAD=1), as Hearth's window is.
// Per data set it prints the medians, the Hearth/baseline ratio of the
// medians, the like-for-like ratio (Hearth / onload; and, as before, the
// medians without the launches that waited), the spread of each app's
// launches (min, quartiles, max), the PSS ratio (against the baseline), and
// at the end one summary line for all data sets.
// It never fails on a figure: numbers are for people to read.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

function args() {
  const out = { runs: 20, settleMs: 3000, data: [], timeoutMs: 60_000, smaps: false };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 1) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--hearth') out.hearth = v;
    else if (k === '--baseline') out.baseline = v;
    else if (k === '--runs') out.runs = Number(v);
    else if (k === '--settle-ms') out.settleMs = Number(v);
    else if (k === '--smaps') { out.smaps = true; continue; } else if (k === '--data') {
      const [label, dir] = v.split('=');
      out.data.push({ label, dir });
    } else continue;
    i += 1;
  }
  if (!out.hearth || !out.baseline || !out.data.length) {
    console.error('usage: startup.mjs --hearth BIN --baseline BIN --data LABEL=[DIR]… [--runs N] [--settle-ms MS] [--smaps]');
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

/** What a mapping is, for --smaps: a file's name, or the kind of anonymous memory. */
function mappingName(header) {
  const name = header.split(/\s+/).slice(5).join(' ');
  if (!name) return '[anon]';
  if (name.startsWith('/memfd:')) return name.replace(/ \(deleted\)$/, '');
  if (name.startsWith('[')) return name.replace(/^\[anon:(.*)\]$/, '[anon: $1]');
  return path.basename(name).replace(/ \(deleted\)$/, '');
}

/**
 * PSS in KiB by process and mapping name, over the tree under `root`. The
 * app itself is `app` and its own executable `(the app's binary)`, so
 * Hearth's and the baseline's compare line by line.
 */
function smaps(root) {
  const out = new Map();
  let binary = null;
  try { binary = path.basename(fs.readlinkSync(`/proc/${root}/exe`)); } catch { /* gone */ }
  for (const pid of tree(root)) {
    let text; let comm;
    try {
      text = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8');
      comm = pid === root ? 'app' : fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch { continue; }
    let current = null;
    for (const line of text.split('\n')) {
      if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) {
        const name = mappingName(line);
        current = `${comm} ${name === binary ? "(the app's binary)" : name}`;
      }
      else if (current && line.startsWith('Pss:')) {
        out.set(current, (out.get(current) ?? 0) + Number(/(\d+)/.exec(line)[1]));
      }
    }
  }
  return out;
}

async function launch(bin, dataDir, profile, { settleMs, timeoutMs, smaps: bySmaps }, { env: extra = {}, memory: withMemory = true } = {}) {
  const env = {
    ...process.env,
    ...extra,
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
  let mappings = null;
  if (ready && withMemory) {
    await sleep(settleMs);
    memory = pss(child.pid);
    if (bySmaps) mappings = smaps(child.pid);
  }
  // Hearth follows its ready line with the steps that led to it.
  const marks = /^marks(.*)$/m.exec(buf)?.[1].trim() ?? '';
  // …and with the files its first screen loaded: `path=start-end` in ms.
  const files = /^files(.*)$/m.exec(buf)?.[1].trim() ?? '';
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  await new Promise((r) => { if (child.exitCode !== null) r(); else { child.on('exit', r); setTimeout(r, 5000); } });
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  if (!ready) console.log(`#   no ready line from ${path.basename(bin)}; its stderr ends:\n${stderr}`);
  return ready && { ...ready, marks, files, memory, mappings, pssKb: memory ? memory.reduce((s, p) => s + p.kb, 0) : NaN };
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
/** Each file's median start and end (ms since the page began), in the order they start. */
function fileMedians(runs) {
  const at = new Map();
  for (const r of runs) {
    for (const [, name, start, end] of (r.files ?? '').matchAll(/(\S+)=([\d.]+)-([\d.]+)/g)) {
      if (!at.has(name)) at.set(name, { start: [], end: [] });
      at.get(name).start.push(Number(start));
      at.get(name).end.push(Number(end));
    }
  }
  return [...at].map(([name, v]) => ({ name, start: median(v.start), end: median(v.end), n: v.start.length }))
    .sort((a, b) => a.start - b.start);
}
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

/** The q-quantile (0..1) of xs, interpolated. */
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}
const spread = (xs) => [0, 0.25, 0.5, 0.75, 1].map((q) => quantile(xs, q).toFixed(0)).join(' / ');

/** The mean PSS (KiB) of each process+mapping over the runs that read it. */
function meanMappings(runs) {
  const sum = new Map();
  const read = runs.filter((r) => r.mappings);
  for (const r of read) for (const [k, kb] of r.mappings) sum.set(k, (sum.get(k) ?? 0) + kb);
  return new Map([...sum].map(([k, kb]) => [k, kb / read.length]));
}

/** Where Hearth's tree holds more (or less) than the baseline's, by mapping. */
function printMappings(label, hearthRuns, baselineRuns) {
  const h = meanMappings(hearthRuns);
  const b = meanMappings(baselineRuns);
  const rows = new Map();
  for (const [k, kb] of h) rows.set(k, { h: kb, b: 0 });
  for (const [k, kb] of b) rows.set(k, { ...(rows.get(k) ?? { h: 0 }), b: kb });
  const byProcess = new Map();
  for (const [k, { h: hk, b: bk }] of rows) {
    const proc = k.split(' ')[0];
    const p = byProcess.get(proc) ?? { h: 0, b: 0 };
    byProcess.set(proc, { h: p.h + hk, b: p.b + bk });
  }
  console.log(`${label.padEnd(7)} PSS by process, MiB (hearth / baseline / difference; app is the app's own process):`);
  for (const [proc, { h: hk, b: bk }] of byProcess) {
    console.log(`          ${proc.padEnd(22)} ${(hk / 1024).toFixed(1).padStart(7)} ${(bk / 1024).toFixed(1).padStart(7)} ${((hk - bk) / 1024).toFixed(1).padStart(7)}`);
  }
  console.log(`${label.padEnd(7)} mappings that differ most, MiB (hearth / baseline / difference):`);
  const top = [...rows].sort((x, y) => Math.abs(y[1].h - y[1].b) - Math.abs(x[1].h - x[1].b)).slice(0, 25);
  for (const [k, { h: hk, b: bk }] of top) {
    console.log(`          ${k.slice(0, 60).padEnd(60)} ${(hk / 1024).toFixed(2).padStart(7)} ${(bk / 1024).toFixed(2).padStart(7)} ${((hk - bk) / 1024).toFixed(2).padStart(7)}`);
  }
}

const opts = args();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-startup-'));
console.log(`# startup and memory, ${new Date().toISOString()}, ${os.cpus().length} CPUs, load average ${loadavg()}`);
console.log(`# hearth ${opts.hearth}\n# baseline ${opts.baseline}\n# ${opts.runs} runs each after a first launch, alternating, settle ${opts.settleMs} ms`);
const summary = [];
let fresh = 0;
/** A new, empty folder (for a first run's data and profiles). */
const newFolder = (what) => path.join(scratch, `fresh-${what}-${(fresh += 1)}`);

for (const { label, dir } of opts.data) {
  // A first run gets new folders at every launch; otherwise one copy of the
  // data for all of Hearth's runs, as a couple's own folder is reused launch
  // after launch. (The day's snapshot waits a minute after start, longer
  // than any launch here, so none of them takes it.)
  const firstRun = !dir;
  const data = path.join(scratch, `${label}-data`);
  if (!firstRun) fs.cpSync(dir, data, { recursive: true });
  const apps = [
    { name: 'hearth', bin: opts.hearth, data, profile: path.join(scratch, `${label}-hearth`), runs: [] },
    { name: 'baseline', bin: opts.baseline, data: path.join(scratch, `${label}-none`), profile: path.join(scratch, `${label}-baseline`), runs: [] },
    // The blank app started hidden and shown once its page has loaded, as
    // Hearth's window is: it never hits WebKit's wait either. Its startup is
    // the like-for-like figure; its memory is the baseline's, not measured.
    { name: 'onload', bin: opts.baseline, data: path.join(scratch, `${label}-none`), profile: path.join(scratch, `${label}-onload`), runs: [],
      how: { env: { HEARTH_BASELINE_SHOW_ON_LOAD: '1' }, memory: false } },
  ];
  const folders = (app) => {
    if (firstRun) {
      const profile = newFolder('profile');
      for (const d of ['data', 'config', 'cache']) fs.mkdirSync(path.join(profile, d), { recursive: true });
      return { data: newFolder('data'), profile };
    }
    for (const d of ['data', 'config', 'cache']) fs.mkdirSync(path.join(app.profile, d), { recursive: true });
    fs.mkdirSync(app.data, { recursive: true });
    return { data: app.data, profile: app.profile };
  };
  const show = (app, r, what) => {
    const parts = r.memory ? `, PSS ${(r.pssKb / 1024).toFixed(1)} MiB [${r.memory.map((p) => `${p.comm} ${(p.kb / 1024).toFixed(1)}`).join(', ')}]` : '';
    console.log(`${label.padEnd(6)} ${app.name.padEnd(8)} ${what}: ready ${r.wallMs.toFixed(0)} ms (own ${r.ownMs.toFixed(0)})${parts} load ${loadavg()}`);
    if (r.marks) console.log(`${' '.repeat(16)}steps: ${r.marks}`);
    if (r.files) console.log(`${' '.repeat(16)}files: ${r.files}`);
  };
  for (const app of apps) {
    const { data: d, profile } = folders(app);
    app.first = await launch(app.bin, d, profile, opts, app.how); // the first launch: reported, not in the medians
    if (app.first) show(app, app.first, 'first launch');
  }
  for (let i = 0; i < opts.runs; i += 1) {
    for (const app of (i % 2 ? [...apps].reverse() : apps)) {
      const { data: d, profile } = folders(app);
      const r = await launch(app.bin, d, profile, opts, app.how);
      if (!r) { console.log(`${label} ${app.name} run ${i + 1}: no ready line`); continue; }
      app.runs.push(r);
      show(app, r, `run ${String(i + 1).padStart(2)}`);
    }
  }
  const [h, b, o] = apps.map((a) => ({
    ready: median(a.runs.map((r) => r.wallMs)),
    own: median(a.runs.map((r) => r.ownMs)),
    pss: median(a.runs.map((r) => r.pssKb)) / 1024,
    n: a.runs.length,
    spread: spread(a.runs.map((r) => r.wallMs)),
    pssSpread: a.how?.memory === false ? '(not measured)' : `${(Math.min(...a.runs.map((r) => r.pssKb)) / 1024).toFixed(1)}–${(Math.max(...a.runs.map((r) => r.pssKb)) / 1024).toFixed(1)}`,
    first: a.first,
    steps: stepMedians(a.runs),
    files: fileMedians(a.runs),
    runs: a.runs,
    ...withoutTheWait(a.runs),
  }));
  summary.push({ label, h, b, o });
}
const x = (a, b) => `${(a / b).toFixed(2)}x`;
console.log(`\n# medians (load average now ${loadavg()})`);
console.log('data    app        n   ready ms   own ms   PSS MiB   ready spread: min / p25 / median / p75 / max ms   PSS min–max MiB');
for (const { label, h, b, o } of summary) {
  for (const [name, v] of [['hearth', h], ['baseline', b], ['onload', o]]) {
    const pssText = Number.isNaN(v.pss) ? '—' : v.pss.toFixed(1);
    console.log(`${label.padEnd(7)} ${name.padEnd(9)} ${String(v.n).padStart(2)} ${v.ready.toFixed(0).padStart(9)} ${v.own.toFixed(0).padStart(8)} ${pssText.padStart(9)}   ${v.spread.padEnd(48)} ${v.pssSpread}`);
  }
  if (h.steps) console.log(`${label.padEnd(7)} hearth's steps, medians (ms since main(); page.* since the page began): ${h.steps}`);
  if (h.files.length) {
    console.log(`${label.padEnd(7)} hearth's files before the first paint, medians (ms since the page began: start–end, took): ${h.files.length} files`);
    console.log(h.files.map((f) => `          ${f.name.padEnd(40)} ${f.start.toFixed(1).padStart(6)}–${f.end.toFixed(1).padEnd(6)} ${(f.end - f.start).toFixed(1).padStart(5)}`).join('\n'));
  }
  console.log(`${label.padEnd(7)} ratio of medians ${x(h.ready, b.ready)} (own ${x(h.own, b.own)}), PSS ${x(h.pss, b.pss)}   (targets <= 1.10x)`);
  console.log(`${label.padEnd(7)} launches that hit WebKit's 500 ms wait: hearth ${h.waited}/${h.n}, baseline ${b.waited}/${b.n}; `
    + `medians without them ${h.restReady.toFixed(0)} / ${b.restReady.toFixed(0)} ms = ${x(h.restReady, b.restReady)}`);
  console.log(`${label.padEnd(7)} like for like (the blank app shown on load, which never waits: ${o.waited}/${o.n} outliers): `
    + `${h.ready.toFixed(0)} / ${o.ready.toFixed(0)} ms = ${x(h.ready, o.ready)}   (target <= 1.10x)`);
  if (h.first && b.first) {
    console.log(`${label.padEnd(7)} first launch: hearth ${h.first.wallMs.toFixed(0)} ms, ${(h.first.pssKb / 1024).toFixed(1)} MiB; `
      + `baseline ${b.first.wallMs.toFixed(0)} ms, ${(b.first.pssKb / 1024).toFixed(1)} MiB; ${x(h.first.wallMs, b.first.wallMs)}`);
  }
  if (opts.smaps) printMappings(label, h.runs, b.runs);
}
console.log(`\n# summary (Hearth / baseline, ${opts.runs} runs each, load ${loadavg()}): `
  + summary.map(({ label, h, b, o }) => `${label} startup ${x(h.ready, b.ready)}, like for like ${x(h.ready, o.ready)}, PSS ${x(h.pss, b.pss)}`).join('; '));
fs.rmSync(scratch, { recursive: true, force: true });
