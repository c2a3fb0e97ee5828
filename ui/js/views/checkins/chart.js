// Each check-in rating over the weeks, both partners, as a small inline SVG
// per rating, built with DOM APIs (createElementNS, textContent): no markup
// strings, nothing a partner typed ever reaches it. Every chart has a title
// and a description for screen readers, and the same numbers are one click
// away as a table.

import { h, setCssVar } from '../../dom.js';
import { nameOf, partnerById } from '../../format.js';
import { addDays } from '../rituals/words.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 320;
const H = 150;
const PAD = { left: 28, right: 10, top: 10, bottom: 24 };

function svg(tag, attrs = {}, text = null) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  }
  if (text !== null) el.textContent = text;
  return el;
}

const localDay = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d);
};
const SHORT = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const LONG = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/**
 * A week as the couple lived it: its first to its last day ("30 Nov – 6 Dec",
 * or "Nov 30 – Dec 6" as this computer writes dates), the same in the charts
 * and the table, so a check-in made on Sunday 6 December is found under a
 * label that holds the 6th. The core names a week by its first day; it lasts seven.
 */
export function weekRange(start, { year = false } = {}) {
  const format = year ? LONG : SHORT;
  return format.formatRange(localDay(start), localDay(addDays(start, 6)));
}

function oneChart({ state, rating, label, weeks, series, idPrefix }) {
  const x = (i) => PAD.left + (weeks.length <= 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (weeks.length - 1));
  const y = (v) => PAD.top + ((10 - v) * (H - PAD.top - PAD.bottom)) / 9;
  const titleId = `${idPrefix}-${rating}-title`;
  const descId = `${idPrefix}-${rating}-desc`;
  const describe = series.map((s) => `${nameOf(state, s.partner)}: ${s.points.map((p) => `${weekRange(p.week)}: ${p.value}`).join('; ') || 'no ratings yet'}`).join('. ');
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, class: 'trend-svg' });
  root.append(svg('title', { id: titleId }, `${label} over the weeks`), svg('desc', { id: descId }, describe));
  for (const v of [1, 5, 10]) {
    root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: 'trend-grid' }),
      svg('text', { x: PAD.left - 6, y: y(v) + 4, class: 'trend-axis', 'text-anchor': 'end' }, String(v)));
  }
  if (weeks.length) {
    root.append(svg('text', { x: x(0), y: H - 6, class: 'trend-axis', 'text-anchor': weeks.length === 1 ? 'middle' : 'start' }, weekRange(weeks[0])));
    if (weeks.length > 1) {
      root.append(svg('text', { x: x(weeks.length - 1), y: H - 6, class: 'trend-axis', 'text-anchor': 'end' }, weekRange(weeks[weeks.length - 1])));
    }
  }
  series.forEach((s, n) => {
    const color = partnerById(state, s.partner)?.color ?? null;
    const g = svg('g', { class: `trend-series trend-series--${n}`, 'data-partner': s.partner });
    setCssVar(g, '--series-color', color);
    const pts = s.points.map((p) => [x(weeks.indexOf(p.week)), y(p.value), p]);
    if (pts.length > 1) {
      g.append(svg('polyline', { points: pts.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' '), class: 'trend-line', fill: 'none' }));
    }
    for (const [a, b, p] of pts) {
      const dot = svg(n === 0 ? 'circle' : 'rect', n === 0
        ? { cx: a.toFixed(1), cy: b.toFixed(1), r: 4, class: 'trend-dot' }
        : { x: (a - 5.5).toFixed(1), y: (b - 5.5).toFixed(1), width: 11, height: 11, class: 'trend-dot' });
      dot.append(svg('title', {}, `${nameOf(state, s.partner)}, ${weekRange(p.week)}: ${p.value}`));
      g.append(dot);
    }
    root.append(g);
  });
  return h('figure', { class: 'trend-chart', 'data-rating': rating }, h('figcaption', { class: 'trend-caption' }, label), root);
}

function table({ state, weeks, series, ratings }) {
  const partners = [...new Set(series.map((s) => s.partner))];
  const value = (partner, rating, week) => series.find((s) => s.partner === partner && s.rating === rating)
    ?.points.find((p) => p.week === week)?.value;
  return h('table', { class: 'trend-table', id: 'trend-table' },
    h('caption', { id: 'trend-table-caption' }, 'Your ratings, week by week (1 to 10)'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Week'),
      ratings.flatMap((r) => partners.map((p) => h('th', { scope: 'col' }, `${r.label}, ${nameOf(state, p)}`))))),
    h('tbody', {}, [...weeks].reverse().map((w) => h('tr', {},
      h('th', { scope: 'row' }, weekRange(w, { year: true })),
      ratings.flatMap((r) => partners.map((p) => h('td', {}, String(value(p, r.id, w) ?? '–'))))))));
}

/** The trend as four small charts with a legend, and a button to see it as a table. */
export function renderTrend({ state, trend, ratings }) {
  const partners = [...new Set(trend.series.map((s) => s.partner))];
  const charts = h('div', { class: 'trend-charts', id: 'trend-charts' },
    ratings.map((r) => oneChart({
      state, rating: r.id, label: r.label, weeks: trend.weeks,
      series: partners.map((p) => trend.series.find((s) => s.partner === p && s.rating === r.id) ?? { partner: p, rating: r.id, points: [] }),
      idPrefix: 'trend',
    })));
  const legend = h('ul', { class: 'trend-legend', 'aria-label': 'Who is who in the charts' }, partners.map((p, n) => {
    const li = h('li', { class: `trend-key trend-series--${n}` },
      h('span', { class: `trend-swatch trend-swatch--${n}`, 'aria-hidden': 'true' }), nameOf(state, p));
    setCssVar(li, '--series-color', partnerById(state, p)?.color);
    return li;
  }));
  const tableEl = table({ state, weeks: trend.weeks, series: trend.series, ratings });
  // The table may be wider than the window: its scrolling box is a named region
  // the keyboard can reach (Tab, then the arrow keys scroll it).
  const tableWrap = h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'trend-table-caption', hidden: true }, tableEl);
  // One week is two lone marks per chart: say the line is still to come.
  const oneWeek = trend.weeks.length < 2
    ? h('p', { class: 'muted trend-hint', id: 'trend-one-week' }, 'The line appears after your second week of check-ins. For now, each chart shows one week.')
    : null;
  const toggle = h('button', { type: 'button', class: 'button button--quiet', id: 'trend-toggle', 'aria-controls': 'trend-table trend-charts' }, 'Show as a table');
  // The label says what a press will show; with a changing label, aria-pressed
  // would say the opposite ("Show as charts, pressed"), so there is none.
  toggle.addEventListener('click', () => {
    const asTable = tableWrap.hidden;
    tableWrap.hidden = !asTable;
    charts.hidden = asTable;
    legend.hidden = asTable;
    if (oneWeek) oneWeek.hidden = asTable;
    toggle.textContent = asTable ? 'Show as charts' : 'Show as a table';
  });
  return h('div', { class: 'trend' }, h('div', { class: 'form-actions' }, toggle), legend, oneWeek, charts, tableWrap);
}
