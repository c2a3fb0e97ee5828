// The ritual form writes and reads schedules exactly as the core keeps them:
// both sides test against tests/fixtures/schedules.json (issue 19, item 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fromRrule, toRrule, defaultSchedule } from '../../ui/js/rrule.js';

const fixture = JSON.parse(await readFile(new URL('../fixtures/schedules.json', import.meta.url), 'utf8'));

test('the form sends exactly the text the core keeps, for every kind of schedule', () => {
  for (const { form, rrule } of fixture.pairs) {
    const choice = { ...defaultSchedule(), days: [], ...form };
    assert.equal(toRrule(choice), rrule, `the form writes ${rrule} for ${JSON.stringify(form)}`);
  }
});

test('the form reads back what it sent, so a ritual is saved unchanged', () => {
  for (const { form, rrule } of fixture.pairs) {
    const read = fromRrule(rrule);
    for (const [key, value] of Object.entries(form)) {
      assert.deepEqual(read[key], value, `${rrule} reads back as ${key} = ${JSON.stringify(value)}`);
    }
    assert.equal(toRrule(read), rrule, `${rrule} survives an edit saved unchanged`);
  }
});

test('a monthly ritual on the 29th, 30th or 31st is never sent as a bare day the core refuses', () => {
  for (const day of [29, 30, 31]) {
    const rule = toRrule({ ...defaultSchedule(), kind: 'monthday', monthDay: day });
    assert.doesNotMatch(rule, new RegExp(`BYMONTHDAY=${day}$`), `day ${day} is written the way the core accepts`);
  }
});

test('a yearly ritual on 29 February is sent the way calendar apps land on 28 February in other years', () => {
  const rule = toRrule({ ...defaultSchedule(), kind: 'yearly', month: 2, monthDay: 29 });
  assert.equal(rule, 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1', 'never a bare BYMONTHDAY=29 the core refuses');
  for (const day of [29, 30, 31]) {
    const every2 = toRrule({ ...defaultSchedule(), kind: 'months', interval: 2, monthDay: day });
    assert.doesNotMatch(every2, new RegExp(`BYMONTHDAY=${day}$`), `every 2 months on day ${day} is written the way the core accepts`);
  }
});

test('every 1 day or 1 month is sent as every day or every month, the text the core keeps', () => {
  assert.equal(toRrule({ ...defaultSchedule(), kind: 'days', interval: 1 }), 'FREQ=DAILY');
  assert.equal(toRrule({ ...defaultSchedule(), kind: 'months', interval: ' 1 ', monthDay: 15 }), 'FREQ=MONTHLY;BYMONTHDAY=15');
  assert.equal(toRrule({ ...defaultSchedule(), kind: 'nthmonths', interval: 1, nth: 1, weekday: 'SA' }), 'FREQ=MONTHLY;BYDAY=1SA');
});
