// @ts-check
// "Adherence at a glance" (issue 15): the heatmap of each plan item, its legend and the trend line,
// from GET /adherence (each item's own days) plus the calendar's open doses for what is still to
// come today. The doctor sees 30 days and can download them as CSV; the patient sees "Your week".
// The doctor's read is refreshed by dose-refresh.js on dose events; the patient's own outcomes land
// in the record's doses first, so this view reads again (debounced) when those change.
import { describeError } from '../api.js';
import { isOpen } from '../dose-store.js';
import { loadAdherence } from '../doses-api.js';
import { h, replace } from '../dom.js';
import { session } from '../session.js';
import { activeSteps } from '../store.js';
import { axis, heatmap, legend, trendLine } from './heatmap.js';

/** @typedef {import('../store.js').PatientRecord} PatientRecord */

/** The CSV through fetch with the bearer token (a plain link carries none), saved as a download. @param {string} patientId @param {number} days */
async function downloadCsv(patientId, days) {
  await session.ensureFresh().catch(() => {});
  const res = await fetch(`/api/patients/${encodeURIComponent(patientId)}/adherence.csv?days=${days}`, {
    headers: { authorization: `Bearer ${session.idToken}` },
  });
  if (!res.ok)
    throw new Error(res.status === 403 ? 'You may no longer read this record.' : `Download failed (${res.status}).`);
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: `adherence-${patientId}.csv`, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Scheduled doses: the items of the current plan that have no decided dose in the period yet still get a row. @param {PatientRecord} rec */
function itemsOf(rec) {
  const a = rec.adherence;
  const read = (a?.items ?? []).filter((/** @type {any} */ i) => i.due > 0 || !i.asNeeded);
  const known = new Set(read.map((/** @type {any} */ i) => i.planItemId));
  const blank = (a?.days ?? []).map((/** @type {any} */ d) => ({
    date: d.date,
    due: 0,
    taken: 0,
    late: 0,
    skipped: 0,
    missed: 0,
    adherence: null,
  }));
  const fresh = (activeSteps(rec)?.plan ?? [])
    .filter((p) => !p.asNeeded && p.status === 'active' && !known.has(p.id))
    .map((p) => ({ planItemId: p.id, text: p.text, days: blank }));
  return [...read, ...fresh];
}

/**
 * @param {{ days: number, title: string, csv: boolean, patientId: () => string | null, reload?: boolean }} opts
 *   reload: read GET /adherence again when the record's own doses change (the patient's view)
 */
export function adherenceGlance(opts) {
  const el = h('section', { class: 'glance', 'aria-labelledby': `glance-title-${opts.days}` });
  const error = h('p', { class: 'form-error', role: 'alert' });
  let seen = '';
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  /** @param {PatientRecord} rec */
  function maybeReload(rec) {
    const decided = [...rec.doses.values()]
      .filter((d) => !isOpen(d))
      .map((d) => `${d.id}:${d.status}`)
      .join();
    const want = decided !== seen || rec.adherence?.days?.length !== opts.days;
    seen = decided;
    if (!want) return;
    clearTimeout(timer);
    timer = setTimeout(() => loadAdherence(rec.patientId, opts.days).catch(() => {}), 300);
  }

  /** @param {PatientRecord} rec */
  function render(rec) {
    if (opts.reload) maybeReload(rec);
    const a = rec.adherence;
    const id = opts.patientId();
    const head = h(
      'div',
      { class: 'glance-head' },
      h('h3', { id: `glance-title-${opts.days}`, text: opts.title }),
      opts.csv && id
        ? h('a', {
            class: 'btn btn-small',
            href: `/api/patients/${encodeURIComponent(id)}/adherence.csv?days=${opts.days}`,
            'data-focus': 'csv',
            text: 'Download CSV',
            on: {
              click: (/** @type {Event} */ e) => {
                e.preventDefault();
                error.textContent = '';
                downloadCsv(id, opts.days).catch((err) => {
                  error.textContent = err instanceof Error ? err.message : describeError(err);
                });
              },
            },
          })
        : null,
    );
    if (!a?.days?.length || a.days.length < opts.days) {
      replace(el, head, h('p', { class: 'muted', role: 'status', text: 'Loading adherence…' }), error);
      return;
    }
    const days = a.days.slice(-opts.days);
    const items = itemsOf(rec).map((i) => ({ ...i, days: i.days.slice(-opts.days) }));
    /** @type {Map<string, number>} */
    const open = new Map();
    for (const d of rec.doses.values())
      if (isOpen(d) && d.localDate)
        open.set(`${d.planItemId}|${d.localDate}`, (open.get(`${d.planItemId}|${d.localDate}`) ?? 0) + 1);
    const trend = trendLine(days);
    replace(
      el,
      head,
      items.length
        ? [
            heatmap(
              items,
              (item, date) => open.get(`${item}|${date}`) ?? 0,
              `${opts.title}: one row per plan item, one cell per day`,
            ),
            h(
              'div',
              { class: 'hm-row glance-trend' },
              h('span', { class: 'muted', text: 'Adherence per day' }),
              h('span', { class: 'trend-box' }, trend.el, axis(days)),
            ),
            legend(),
            h('p', { class: 'muted trend-summary', text: trend.summary }),
          ]
        : h('p', { class: 'muted', text: 'No scheduled doses in this period.' }),
      error,
    );
  }
  return { el, render };
}
