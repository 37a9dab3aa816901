// @ts-check
// Boot: restore the session (or show the login), load the user's snapshot over REST, render the
// doctor's or the patient's view, then open the live channel. Signing out (here, in another tab,
// or by an expired session) tears all of it down.
import { api, describeError } from './api.js';
import { deskAfter, setDeskRows, stopDesk } from './desk.js';
import { announce, h } from './dom.js';
import { refreshAfter, stopRefreshes } from './dose-refresh.js';
import { freshKeys } from './fresh.js';
import { applyIncoming, resetHistory } from './history.js';
import { loadRecord } from './loaders.js';
import { session } from './session.js';
import { connectEvents } from './socket.js';
import { changed, resetStore, store } from './store.js';
import { renderAuth } from './views/auth.js';
import { renderDoctor } from './views/doctor.js';
import { renderPatient } from './views/patient.js';
import { dropPush } from './views/push.js';

/** @typedef {import('./socket.js').Incoming} Incoming */

const root = /** @type {HTMLElement} */ (document.getElementById('app'));
const account = /** @type {HTMLElement} */ (document.getElementById('account'));
const connection = /** @type {HTMLElement} */ (document.getElementById('connection'));
/** Keys of timeline entries and list rows that just arrived: they are highlighted for a while. */
const ui = { fresh: /** @type {Set<string>} */ (new Set()) };
/** @type {Array<() => void>} */
const teardown = [];
const FRESH_MS = 10_000;

const STATUS = /** @type {Record<string, [string, string]>} */ ({
  connecting: ['Connecting…', 'pending'],
  syncing: ['Catching up…', 'pending'],
  online: ['Live', 'online'],
  offline: ['Offline: showing what you had. Catches up when back online.', 'offline'],
});

function stop() {
  for (const fn of teardown.splice(0)) fn();
  stopRefreshes();
  stopDesk();
  resetStore();
  resetHistory();
  ui.fresh.clear();
  connection.hidden = true;
}

/** @param {import('./socket.js').Status} status */
function setStatus(status) {
  store.connection = status;
  const [text, cls] = STATUS[status];
  connection.hidden = false;
  connection.className = `connection ${cls}`;
  connection.textContent = text;
}

function renderAccount() {
  const user = store.user;
  if (!user) {
    account.replaceChildren();
    return;
  }
  account.replaceChildren(
    h(
      'span',
      { class: 'who-am-i' },
      h('span', { class: 'name', text: user.name }),
      h('span', { class: 'role', text: user.role === 'doctor' ? 'Doctor' : 'Patient' }),
    ),
    h('button', { type: 'button', class: 'btn btn-small btn-quiet', text: 'Sign out', on: { click: signOut } }),
  );
}

async function signOut() {
  // A shared device must not go on showing this user's reminders.
  await dropPush().catch(() => {});
  session.end('signout');
}

/** @param {string} [notice] */
function showAuth(notice) {
  stop();
  renderAccount();
  if (location.hash) history.replaceState(null, '', location.pathname);
  // After signing in, keyboard and screen-reader focus moves to the new screen.
  renderAuth(root, {
    notice,
    onSignedIn: () => {
      void start().then(() => root.focus());
    },
  });
}

/** @param {Incoming[]} events @param {{ replay: boolean }} opts */
function onEvents(events, { replay }) {
  const outcomes = applyIncoming(events);
  refreshAfter(events.filter((_, i) => outcomes[i]));
  deskAfter(events); // a figure may move for a patient whose record is not open here
  events.forEach((ev, i) => {
    const outcome = outcomes[i];
    if (!outcome) return; // already in the record from a timeline page: neither applied again nor news
    if (replay) {
      // History replayed on a new device is not news.
      if (ev.type === 'patient:assigned') {
        const p = store.patients.get(ev.payload.patient.id);
        if (p) p.isNew = false;
      }
      return;
    }
    for (const key of freshKeys(ev)) {
      ui.fresh.add(key);
      setTimeout(() => {
        ui.fresh.delete(key);
        changed();
      }, FRESH_MS);
    }
    if (outcome.message) announce(outcome.message);
  });
  changed();
}

async function loadSnapshot() {
  const me = await api('GET', '/api/me');
  store.user = me.user;
  store.doctor = me.doctor ?? null;
  if (me.user.role === 'patient') {
    const [{ doctors }] = await Promise.all([api('GET', '/api/doctors'), loadRecord(me.user.id)]);
    store.doctors = doctors;
    return;
  }
  // One read holds every figure of the list (desk.js); a patient's plan is read when opened, not
  // for all of them here (500 patients were 500 reads before the first paint).
  const { patients } = await api('GET', '/api/me/patients?sort=attention');
  setDeskRows(patients);
}

async function start() {
  stop();
  if (!session.user) {
    showAuth();
    return;
  }
  root.replaceChildren(h('p', { class: 'loading', role: 'status', text: 'Loading your Carebeat…' }));
  try {
    // The snapshot comes first so live events land on top of it, never under it.
    await loadSnapshot();
  } catch (err) {
    if (!session.user) return; // the session ended: the login is already showing
    root.replaceChildren(
      h(
        'section',
        { class: 'card notice-card' },
        h('h1', { text: 'Carebeat could not load' }),
        h('p', { role: 'alert', text: describeError(err) }),
        h('button', {
          type: 'button',
          class: 'btn btn-primary',
          text: 'Try again',
          on: {
            click: () => {
              void start();
            },
          },
        }),
      ),
    );
    return;
  }
  const user = /** @type {NonNullable<typeof store.user>} */ (store.user);
  renderAccount();
  setStatus('connecting');
  teardown.push(user.role === 'patient' ? renderPatient(root, ui) : renderDoctor(root, ui));
  const channel = connectEvents({ userId: user.id, onEvents, onStatus: setStatus });
  teardown.push(() => channel.close());
}

session.onEnd((reason) => {
  const notice =
    reason === 'expired'
      ? 'Your session ended. Please log in again.'
      : reason === 'elsewhere'
        ? 'You signed out in another tab.'
        : 'You are signed out.';
  showAuth(notice);
});

void start();
