// Each check-in rating over the weeks, both partners, as a small inline SVG
// per rating, built with DOM APIs (createElementNS, textContent): no markup
// strings, nothing a partner typed ever reaches it. Every chart has a title
// and a description for screen readers, and the same numbers are one click
// away as a table.

import { h, setCssVar } from '../../dom.js';
import { nameOf, partnerById } from '../../format.js';
import { dayLabel } from '../rituals/words.js';

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

const shortDate = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
};

function oneChart({ state, rating, label, weeks, series, idPrefix }) {
  const x = (i) => PAD.left + (weeks.length <= 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (weeks.length - 1));
  const y = (v) => PAD.top + ((10 - v) * (H - PAD.top - PAD.bottom)) / 9;
  const titleId = `${idPrefix}-${rating}-title`;
  const descId = `${idPrefix}-${rating}-desc`;
  const describe = series.map((s) => `${nameOf(state, s.partner)}: ${s.points.map((p) => `${shortDate(p.week)} ${p.value}`).join(', ') || 'no ratings yet'}`).join('. ');
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, class: 'trend-svg' });
  root.append(svg('title', { id: titleId }, `${label} over the weeks`), svg('desc', { id: descId }, describe));
  for (const v of [1, 5, 10]) {
    root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: 'trend-grid' }),
      svg('text', { x: PAD.left - 6, y: y(v) + 4, class: 'trend-axis', 'text-anchor': 'end' }, String(v)));
  }
  if (weeks.length) {
    root.append(svg('text', { x: x(0), y: H - 6, class: 'trend-axis', 'text-anchor': weeks.length === 1 ? 'middle' : 'start' }, shortDate(weeks[0])));
    if (weeks.length > 1) {
      root.append(svg('text', { x: x(weeks.length - 1), y: H - 6, class: 'trend-axis', 'text-anchor': 'end' }, shortDate(weeks[weeks.length - 1])));
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
        : { x: (a - 4).toFixed(1), y: (b - 4).toFixed(1), width: 8, height: 8, class: 'trend-dot' });
      dot.append(svg('title', {}, `${nameOf(state, s.partner)}, week of ${shortDate(p.week)}: ${p.value}`));
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
    h('caption', {}, 'Your ratings, week by week (1 to 10)'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Week of'),
      ratings.flatMap((r) => partners.map((p) => h('th', { scope: 'col' }, `${r.label}, ${nameOf(state, p)}`))))),
    h('tbody', {}, [...weeks].reverse().map((w) => h('tr', {},
      h('th', { scope: 'row' }, dayLabel(w, { year: true })),
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
  tableEl.hidden = true;
  const toggle = h('button', { type: 'button', class: 'button button--quiet', id: 'trend-toggle', 'aria-controls': 'trend-table trend-charts', 'aria-pressed': 'false' }, 'Show as a table');
  toggle.addEventListener('click', () => {
    const asTable = tableEl.hidden;
    tableEl.hidden = !asTable;
    charts.hidden = asTable;
    legend.hidden = asTable;
    toggle.textContent = asTable ? 'Show as charts' : 'Show as a table';
    toggle.setAttribute('aria-pressed', String(asTable));
  });
  return h('div', { class: 'trend' }, h('div', { class: 'form-actions' }, toggle), legend, charts, h('div', { class: 'table-wrap' }, tableEl));
}
