// @ts-check
// The patient's day and week on their own clock: the "today" card (each of today's doses with its
// local time and state, and when the next one is) and the week calendar (7 days × doses). Local
// dates and times come from the server, in the patient's zone; nothing is converted here.
import { h, replace } from '../dom.js';
import { addDays, doseState, patientNow } from '../dose-clock.js';

/** @typedef {import('../store.js').Dose} Dose */

/** @type {Record<string, [string, string]>} */
export const STATE_CHIP = {
  upcoming: ['Upcoming', 'chip-muted'],
  due: ['Due now', 'chip-due'],
  snoozed: ['Snoozed', 'chip-due'],
  taken: ['Taken', 'chip-ok'],
  late: ['Taken late', 'chip-ok'],
  skipped: ['Skipped', 'chip-muted'],
  missed: ['Missed', 'chip-missed'],
};

const dayName = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
/** "Tue 2 Dec" for a local date (formatted as UTC: the date is already the patient's). @param {string} date */
export const dayLabel = (date) => dayName.format(new Date(`${date}T00:00:00Z`));

/** @param {Dose} d */
const chip = (d) => {
  const [label, cls] = STATE_CHIP[doseState(d)] ?? [d.status, 'chip-muted'];
  return h('span', { class: `chip ${cls}`, text: label });
};

/** @param {import('../store.js').PatientRecord} rec */
function calendar(rec) {
  const doses = [...rec.doses.values()]
    .filter((d) => d.status !== 'cancelled' && d.localDate)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return { doses, now: patientNow(doses) };
}

/** @param {Dose} d @param {boolean} [withText] */
const doseRow = (d, withText = true) =>
  h(
    'li',
    { class: `dose-row ${doseState(d)}`, 'data-dose': d.id },
    h('span', { class: 'dose-time', text: d.localTime ?? '' }),
    withText ? h('span', { class: 'dose-text', text: d.text }) : null,
    chip(d),
  );

/** @param {import('../store.js').PatientRecord} rec */
export function todayCard(rec) {
  const el = h('section', { class: 'card today-card', 'aria-labelledby': 'today-title' });
  function render() {
    const { doses, now } = calendar(rec);
    const today = now ? doses.filter((d) => d.localDate === now.date) : [];
    const next = doses.find((d) => d.status === 'scheduled');
    const nextLine = !next
      ? 'No more doses planned.'
      : next.localDate === now?.date
        ? `Next dose at ${next.localTime}`
        : `Next dose on ${dayLabel(next.localDate ?? '')} at ${next.localTime}`;
    replace(
      el,
      h('h2', { id: 'today-title', text: now ? `Today, ${dayLabel(now.date)}` : 'Today' }),
      doses.length ? h('p', { class: 'next-dose', text: nextLine }) : null,
      today.length
        ? h(
            'ul',
            { class: 'dose-list today-list', 'aria-label': 'Today’s doses' },
            today.map((d) => doseRow(d)),
          )
        : h('p', { class: 'muted', text: doses.length ? 'No doses today.' : 'No doses planned yet.' }),
      rec.timezone ? h('p', { class: 'hint tz-line', text: `Times in ${rec.timezone}` }) : null,
    );
  }
  return { el, render };
}

/** @param {import('../store.js').PatientRecord} rec */
export function weekCard(rec) {
  const el = h('section', { class: 'card week-card', 'aria-labelledby': 'week-title' });
  function render() {
    const { doses, now } = calendar(rec);
    const days = now ? Array.from({ length: 7 }, (_, i) => addDays(now.date, i)) : [];
    replace(
      el,
      h('h2', { id: 'week-title', text: 'This week' }),
      days.length
        ? h(
            'ol',
            { class: 'week' },
            days.map((date) => {
              const mine = doses.filter((d) => d.localDate === date);
              return h(
                'li',
                { class: 'week-day', 'data-date': date },
                h('h3', { text: dayLabel(date) }),
                mine.length
                  ? h(
                      'ul',
                      { class: 'dose-list' },
                      mine.map((d) => doseRow(d)),
                    )
                  : h('p', { class: 'muted', text: 'No doses' }),
              );
            }),
          )
        : h('p', { class: 'muted', text: 'Your doses of the week appear here once your plan has them.' }),
    );
  }
  return { el, render };
}
