// A monthly ritual on the 29th, 30th and 31st in the real window (issue 19,
// item 3): each is added through the Rituals form, says when it is first,
// and is saved again unchanged without a word of complaint from the core.

import assert from "node:assert/strict";
import { after, before, describe } from "node:test";

import { buttonByText, inputByLabel, mainShows, navItem, setValue, startHarness, story, visibleText } from "./harness.mjs";
import { waitUntil } from "./webdriver.mjs";

let harness;
let app = null;

before(async () => {
  harness = await startHarness("month-ends");
});

after(async () => {
  await harness?.stop();
});

describe("monthly rituals at the end of the month", () => {
  const step = story(() => harness);

  step("Sam and Alex set up", async () => {
    app = await harness.launch(harness.newProfile("month-ends"));
    const { session } = app;
    await (await inputByLabel(session, "Your name", { timeout: 30_000 })).sendKeys("Sam");
    await (await inputByLabel(session, "Your partner's name")).sendKeys("Alex");
    await (await buttonByText(session, "Begin")).click();
    await waitUntil(async () => (await visibleText(session)).includes("Writing as Sam"), { timeout: 20_000, message: "setup leads to the app" });
  });

  for (const day of [29, 30, 31]) {
    step(`a ritual on day ${day} is added, says when it is first, and is saved again unchanged`, async () => {
      const { session } = app;
      const title = `Our evening on the ${day}th`;
      await (await navItem(session, "Rituals")).click();
      // The list may have scrolled the place's tabs under the header.
      await session.execute("window.scrollTo(0, 0); document.getElementById('tool-add')?.scrollIntoView({ block: 'center' })");
      await (await navItem(session, "Add a ritual")).click();
      await (await inputByLabel(session, "Name")).sendKeys(title);
      await (await inputByLabel(session, "Once a month, on a day of the month")).click();
      await setValue(session, await inputByLabel(session, "Day of the month"), String(day));
      const first = await mainShows(session, /First: [^\n]*\d\d:\d\d/, `the form says when the ritual on day ${day} is first`);
      assert.doesNotMatch(first, /can't be used/, "the form's rule is one the core keeps");
      if (day === 30) {
        await session.execute("document.querySelector('.ritual-first')?.scrollIntoView({ block: 'center' })");
        await new Promise((r) => setTimeout(r, 300));
        await harness.screenshot("ritual-form-first");
      }
      await (await buttonByText(session, "Add this ritual")).click();
      const page = await mainShows(session, title, `the ritual on day ${day} is added`);
      assert.doesNotMatch(page, /can't be used|isn't one day/, "no refusal from the core");
      await mainShows(session, /Next: /, "its page says when it is next");

      await (await navItem(session, "Change this ritual")).click();
      await (await buttonByText(session, "Save changes")).click();
      await waitUntil(async () => (await session.findAllCss("#ritual-page-title")).length > 0, {
        message: `the ritual on day ${day} saves unchanged and its page comes back`,
      });
      const again = await mainShows(session, title, "its page is back");
      assert.doesNotMatch(again, /can't be used/, "saving unchanged is accepted");
      const dayWords = day === 31 ? /last day/ : new RegExp(`${day}th`);
      assert.match(again, dayWords, `the ritual still says it falls on the ${day === 31 ? "last day" : `${day}th`}`);
    });
  }

  step("quit", async () => {
    await app.quit();
    app = null;
  });
});
