// @ts-check
// Adherence at a glance, drawn with the DOM and plain SVG (no chart library: a grid of squares and
// one line need none): a calendar heatmap, one row per plan item and one cell per local day of the
// patient (taken, late, skipped, missed, upcoming, none), a legend, and the per-day trend as a
// small line. Every cell says its date and outcome to a screen reader (aria-label) and on hover
// (title); colour is never the only carrier: the legend and the labels say the same in words.
import { h } from '../dom.js';

export const OUTCOMES = /** @type {const} */ (['taken', 'late', 'skipped', 'missed', 'upcoming', 'none']);
/** @type {Record<string, string>} */
const WORDS = {
  taken: 'taken',
  late: 'taken late',
  skipped: 'skipped',
  missed: 'missed',
  upcoming: 'upcoming',
  none: 'no dose due',
};

const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
/** "Tue, 1 Dec" for a local date of the patient ('YYYY-MM-DD', shown as is, whatever our zone). @param {string} date */
export const dayLabel = (date) => dayFormat.format(new Date(`${date}T12:00:00Z`));

/**
 * A day's outcome for one item: the worst of its doses (a missed dose is what a doctor must see),
 * "upcoming" for a day with doses still to come and nothing decided, "none" for no dose.
 * @param {{ due: number, taken: number, late: number, skipped: number, missed: number }} d
 * @param {number} open doses of this item and day not decided yet (scheduled or due)
 */
export function outcomeOf(d, open) {
  if (d.missed) return 'missed';
  if (d.skipped) return 'skipped';
  if (d.late) return 'late';
  if (d.taken) return open ? 'upcoming' : 'taken';
  return open || d.due ? 'upcoming' : 'none';
}

/** "taken 1, missed 1 of 2 doses" @param {any} d */
function detail(d) {
  const parts = ['taken', 'late', 'skipped', 'missed'].filter((k) => d[k]).map((k) => `${WORDS[k]} ${d[k]}`);
  return parts.length ? ` (${parts.join(', ')} of ${d.due})` : '';
}

/**
 * @param {Array<{ planItemId: string, text: string, days: any[] }>} items
 * @param {(planItemId: string, date: string) => number} openDoses
 * @param {string} caption
 */
export function heatmap(items, openDoses, caption) {
  const rows = items.map((item) =>
    h(
      'div',
      { class: 'hm-row', role: 'row', 'data-item': item.planItemId },
      h('span', { class: 'hm-item', role: 'rowheader', text: item.text || 'Plan item' }),
      h(
        'span',
        { class: 'hm-cells' },
        item.days.map((d) => {
          const outcome = outcomeOf(d, openDoses(item.planItemId, d.date));
          const label = `${dayLabel(d.date)}: ${WORDS[outcome]}${detail(d)}`;
          return h('span', {
            class: `hm-cell hm-${outcome}`,
            role: 'gridcell',
            'aria-label': `${item.text}, ${label}`,
            title: label,
            'data-date': d.date,
            'data-outcome': outcome,
          });
        }),
      ),
    ),
  );
  return h('div', { class: 'heatmap', role: 'grid', 'aria-label': caption }, rows);
}

export function legend() {
  return h(
    'ul',
    { class: 'hm-legend', 'aria-label': 'Legend' },
    OUTCOMES.map((o) => h('li', {}, h('span', { class: `hm-cell hm-${o}`, 'aria-hidden': 'true' }), WORDS[o])),
  );
}

const SVG = 'http://www.w3.org/2000/svg';
/** @param {string} tag @param {Record<string, string | number>} attrs */
function svg(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** Cell size plus gap in px (doses.css .hm-cell, .hm-cells): the trend's points sit under the cells. */
const PITCH = 17;
const CELL = 14;

/**
 * The per-day adherence % as a line under the heatmap, one point per day at its cell's centre;
 * days with nothing decided leave a gap (not a zero).
 * @param {Array<{ date: string, adherence: number | null }>} days
 */
export function trendLine(days) {
  const W = Math.max(days.length * PITCH - (PITCH - CELL), CELL);
  const H = 48;
  const x = (/** @type {number} */ i) => (i * PITCH + CELL / 2).toFixed(1);
  const y = (/** @type {number} */ p) => (H - 4 - ((H - 8) * p) / 100).toFixed(1);
  let path = '';
  let pen = false;
  const points = [];
  for (const [i, d] of days.entries()) {
    if (d.adherence === null) {
      pen = false;
      continue;
    }
    path += `${pen ? 'L' : 'M'}${x(i)},${y(d.adherence)}`;
    pen = true;
    points.push(d.adherence);
  }
  const avg = points.length ? Math.round(points.reduce((a, b) => a + b, 0) / points.length) : null;
  const summary =
    avg === null
      ? 'No dose decided yet in this period.'
      : `Adherence per day over ${days.length} days: ${points.length} days with doses, average ${avg}%, last ${points.at(-1)}%.`;
  const el = svg('svg', {
    class: 'trend',
    width: W,
    height: H,
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'aria-label': summary,
  });
  const title = svg('title', {});
  title.textContent = summary;
  el.append(title, svg('line', { class: 'trend-axis', x1: 0, x2: W, y1: y(100), y2: y(100) }));
  el.append(svg('line', { class: 'trend-axis', x1: 0, x2: W, y1: y(0), y2: y(0) }));
  if (path) el.append(svg('path', { class: 'trend-line', d: path }));
  // A lone day between gaps is a dot, not an invisible zero-length line.
  for (const [i, d] of days.entries())
    if (d.adherence !== null) el.append(svg('circle', { class: 'trend-dot', cx: x(i), cy: y(d.adherence), r: 2 }));
  return { el, summary };
}

/** The first and the last day, under the trend (as wide as the cells). @param {Array<{ date: string }>} days */
export const axis = (days) =>
  h(
    'span',
    { class: 'hm-axis-days', 'aria-hidden': 'true' },
    h('span', { text: days[0] ? dayLabel(days[0].date) : '' }),
    h('span', { text: 'today' }),
  );
