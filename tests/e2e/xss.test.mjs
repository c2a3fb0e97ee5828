// Web view security in the real window: HTML and script stored in every
// field a partner can fill (journal, prompts, thank-yous, rituals,
// commitments, check-ins) show as the characters typed on every screen,
// and none of it runs or becomes an element.
//
// The payloads are stored through the page's own door (window.__TAURI__
// invoke, the IPC the page uses), so each field holds exactly the payload.
// Each payload would set window.__xss if it ever ran; after every screen the
// test checks it is still undefined, that no <img>, <svg>, <script>, <a> or
// on* attribute was made from it, and that the payload text is visible.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  buttonByText,
  inputByLabel,
  invoke,
  navItem,
  startHarness,
  story,
  visibleText,
} from "./harness.mjs";
import { waitUntil } from "./webdriver.mjs";

// Names are at most 40 characters, so the two names carry the short ones.
const NAME_IMG = "<img src=x onerror=window.__xss=1>";
const NAME_SVG = '"><svg onload=window.__xss=3>';
const IMG = '<img src=x onerror="window.__xss=\'img\'">';
const SCRIPT = "<script>window.__xss='script'</script>";
const SVG = "\"><svg onload=window.__xss='svg'>";
const JS = "javascript:window.__xss='href'";
const ALL = `${IMG} ${SCRIPT} ${SVG} ${JS}`;
// Tags are at most 30 characters.
const TAG_SVG = '"><svg onload=__xss=5>';

let harness;
let app = null;

before(async () => {
  harness = await startHarness("xss");
});
after(async () => {
  await app?.quit().catch(() => {});
  await harness?.stop();
});

async function must(session, command, args) {
  const answer = await invoke(session, command, args);
  assert.ok(answer.ok, `${command} stores the payload: ${JSON.stringify(answer.error)}`);
  return answer.value;
}

/**
 * What a payload would have left behind if it ran or became markup. The
 * page itself makes no <img>, no <svg> but the check-ins chart, no <script>
 * but its module, no link with a javascript: address, and no on* attribute.
 */
function traces(session) {
  return session.execute(`
    const found = [];
    if (window.__xss !== undefined) found.push("window.__xss = " + String(window.__xss));
    for (const e of window.__pageErrors ?? []) found.push("page error: " + e);
    for (const el of document.querySelectorAll("img, iframe, object, embed")) found.push("<" + el.localName + ">");
    // The check-ins chart is the page's own <svg>; one made from a payload has no class.
    for (const el of document.querySelectorAll("svg:not([class])")) found.push("<svg> without the chart's class");
    for (const el of document.querySelectorAll("script")) if (!el.src) found.push("inline <script>");
    for (const el of document.querySelectorAll("a[href^='javascript' i]")) found.push("javascript: link");
    for (const el of document.querySelectorAll("*")) {
      for (const a of el.attributes) if (/^on/i.test(a.name)) found.push(el.localName + "[" + a.name + "]");
    }
    return found;
  `);
}

/** Waits until the window shows every string in `texts`, then checks for traces. */
async function showsAsText(session, where, texts) {
  let shown = "";
  await waitUntil(async () => {
    shown = await visibleText(session);
    return texts.every((t) => shown.includes(t)) ? true : null;
  }, { timeout: 15_000 }).catch(async () => {
    const missing = texts.filter((t) => !shown.includes(t));
    const errors = await session.execute("return window.__pageErrors ?? []");
    assert.fail(`${where}: the payload should show as text; missing ${JSON.stringify(missing)} (page errors: ${JSON.stringify(errors)}) in:\n${shown.slice(0, 1200)}`);
  });
  // Give an onerror/onload a moment to fire, had anything been made.
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(await traces(session), [], `${where}: nothing from a payload ran or became an element`);
  await harness.screenshot(`xss-${where.replace(/\W+/g, "-")}`);
}

/** Keeps the page's uncaught errors (until the next reload) for `traces`. */
function watchErrors(session) {
  return session.execute(`
    if (!window.__pageErrors) {
      window.__pageErrors = [];
      window.addEventListener("error", (e) => window.__pageErrors.push(String(e.message)));
      window.addEventListener("unhandledrejection", (e) => window.__pageErrors.push("rejection: " + String(e.reason?.message ?? e.reason)));
    }
  `);
}

async function go(session, place, heading) {
  await watchErrors(session);
  await (await navItem(session, place)).click();
  await session.waitXpath(`//main//h1[normalize-space(.)="${heading}"]`, { what: `the ${heading} heading` });
}

describe("stored HTML and script stay text on every screen", () => {
  const step = story(() => harness);
  let entryId = null;

  step("the two names are payloads; set up through the page's labelled fields", async () => {
    const profile = harness.newProfile("xss");
    app = await harness.launch(profile);
    const { session } = app;
    await (await inputByLabel(session, "Your name", { timeout: 30_000 })).sendKeys(NAME_IMG);
    await (await inputByLabel(session, "Your partner's name")).sendKeys(NAME_SVG);
    await (await buttonByText(session, "Begin")).click();
    await showsAsText(session, "header", [`Writing as ${NAME_IMG}`]);
  });

  step("payloads are stored in entries, tags, replies, answers, prompts and thank-yous", async () => {
    const { session } = app;
    const offsetMinutes = 0;
    const entry = await must(session, "create_entry", {
      input: { title: `${IMG} title`, body: `hope ${ALL}`, tags: [TAG_SVG, "<b>tag</b>"], visibility: "shared" },
      offsetMinutes,
    });
    entryId = entry.id;
    await must(session, "reply", { entryId, body: `reply ${SCRIPT} ${IMG}`, offsetMinutes });
    await must(session, "add_prompt", { category: "hopes", text: `Custom prompt ${IMG}` });
    const today = await session.execute(
      "const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');",
    );
    // Started yesterday on purpose, so today's 07:30 is a day to mark at any hour.
    const yesterday = await session.execute(
      "const d = new Date(); d.setDate(d.getDate() - 1); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');",
    );
    await must(session, "answer_prompt", { date: today, input: { body: `answer one ${SVG} ${SCRIPT}` }, offsetMinutes });
    await must(session, "set_writer", { partnerId: 2 });
    await must(session, "answer_prompt", { date: today, input: { body: `answer two ${IMG} ${JS}` }, offsetMinutes });
    await must(session, "appreciate", { text: `thanks ${IMG} ${SCRIPT}`, offsetMinutes });
    await must(session, "create_entry", {
      input: { title: `${SCRIPT} in the trash`, body: `to be deleted ${ALL}`, tags: [], visibility: "shared" },
      offsetMinutes,
    }).then((e) => must(session, "delete_entry", { id: e.id }));
    await must(session, "set_writer", { partnerId: 1 });
    // The page learns about the changes made behind its back.
    await session.execute("location.reload()");
  });

  step("Today: both prompt answers and the thank-you", async () => {
    const { session } = app;
    await go(session, "Today", "Today");
    await showsAsText(session, "today", [`answer one ${SVG} ${SCRIPT}`, `answer two ${IMG} ${JS}`, `thanks ${IMG} ${SCRIPT}`]);
  });

  step("Journal: the timeline shows titles, previews, tags and names as text", async () => {
    const { session } = app;
    await go(session, "Journal", "Journal");
    await session.waitCss("#timeline-list > li", { timeout: 15_000 });
    await showsAsText(session, "timeline", [`${IMG} title`, TAG_SVG, "<b>tag</b>"]);
    // A custom prompt is offered as a filter choice, as plain option text.
    const options = await session.execute("return Array.from(document.querySelectorAll('main option')).map((o) => o.textContent)");
    assert.ok(options.includes(`Custom prompt ${IMG}`), `the custom prompt is an option, as text: ${JSON.stringify(options).slice(0, 400)}`);
  });

  step("the thread shows the body, the tags and the reply as text", async () => {
    const { session } = app;
    await session.execute(`location.hash = "#/journal/entry/${entryId}"`);
    await session.waitCss("#thread-title", { timeout: 15_000 });
    await showsAsText(session, "thread", [`hope ${ALL}`, `reply ${SCRIPT} ${IMG}`, NAME_IMG]);
  });

  step("search results and their snippets keep the markup as text", async () => {
    const { session } = app;
    await go(session, "Journal", "Journal");
    await (await inputByLabel(session, "Search the journal")).sendKeys("hope");
    await (await buttonByText(session, "Search")).click();
    await session.waitCss("#search-results mark", { timeout: 15_000 });
    await showsAsText(session, "search", ["onerror", "window.__xss"]);
  });

  step("the trash lists a deleted entry as text", async () => {
    const { session } = app;
    await must(session, "set_writer", { partnerId: 2 });
    await session.execute('location.hash = "#/journal/trash"; location.reload()');
    await session.waitXpath('//main//*[contains(., "in the trash")]', { what: "the trash" });
    await showsAsText(session, "trash", [`${SCRIPT} in the trash`]);
    await must(session, "set_writer", { partnerId: 1 });
  });

  step("rituals: a ritual's title and intention, a done note, and a commitment stay text", async () => {
    const { session } = app;
    const today = await session.execute(
      "const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');",
    );
    // Started yesterday on purpose, so today's 07:30 is a day to mark at any hour.
    const yesterday = await session.execute(
      "const d = new Date(); d.setDate(d.getDate() - 1); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');",
    );
    const zone = await session.execute("return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'");
    const ritual = await must(session, "create_ritual", {
      input: {
        title: `${IMG} walk`, intention: `${SCRIPT} ${SVG} ${JS}`, schedule: "FREQ=DAILY", time: "07:30",
        zone, durationMinutes: 20, startDate: yesterday,
      },
    });
    await must(session, "mark_ritual_done", { ritualId: ritual.id, date: today, note: `note ${IMG}`, offsetMinutes: 0 });
    await must(session, "create_commitment", {
      input: { title: `${SVG} text on arriving`, details: `${SCRIPT} ${JS}`, startDate: today, zone },
    });
    await session.execute("location.reload()");
    await go(session, "Rituals", "Rituals");
    await showsAsText(session, "rituals", [`${IMG} walk`]);
    await session.execute(`location.hash = "#/rituals/ritual/${ritual.id}"`);
    await showsAsText(session, "ritual", [`${SCRIPT} ${SVG} ${JS}`]);
    await session.execute('location.hash = "#/rituals/commitments"');
    await showsAsText(session, "commitments", [`${SVG} text on arriving`, `${SCRIPT} ${JS}`]);
    await go(session, "Today", "Today");
    await showsAsText(session, "today-rituals", [`${IMG} walk`]);
  });

  step("check-ins: both partners' answers stay text once revealed", async () => {
    const { session } = app;
    const today = await session.execute(
      "const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');",
    );
    // Started yesterday on purpose, so today's 07:30 is a day to mark at any hour.
    const yesterday = await session.execute(
      "const d = new Date(); d.setDate(d.getDate() - 1); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');",
    );
    const input = (who) => ({
      trust: 3, safety: 4, closeness: 3, communication: 4,
      wentWell: `${who} well ${IMG}`, wasHard: `${who} hard ${SCRIPT}`, needFromYou: `${who} need ${SVG} ${JS}`,
    });
    await must(session, "submit_checkin", { date: today, input: input("sam"), offsetMinutes: 0 });
    await must(session, "set_writer", { partnerId: 2 });
    await must(session, "submit_checkin", { date: today, input: input("alex"), offsetMinutes: 0 });
    await must(session, "set_writer", { partnerId: 1 });
    await session.execute("location.reload()");
    await go(session, "Check-ins", "Check-ins");
    await showsAsText(session, "checkins", [`sam well ${IMG}`, `alex hard ${SCRIPT}`, `alex need ${SVG} ${JS}`]);
  });

  step("Settings: names in the partner cards; an export says where it went as text", async () => {
    const { session } = app;
    await session.execute("location.reload()");
    await go(session, "Settings", "Settings");
    await showsAsText(session, "settings", [NAME_IMG, NAME_SVG]);
    await (await buttonByText(session, "Save a memory book (Markdown)")).click();
    await session.waitCss("#export-path:not([hidden])", { timeout: 15_000 });
    await showsAsText(session, "export", ["Saved. You will find it here:"]);
    await harness.screenshot("xss-settings");
  });
});
