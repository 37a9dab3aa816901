// @ts-check
// The signed-in session, kept in localStorage so a reload (or a second tab) stays signed in. The ID
// token lives an hour; it is swapped for a fresh one through POST /api/auth/refresh a few minutes
// before it runs out, and on demand when a request or the socket finds it stale.

/**
 * @typedef {{ id: string, name: string, email: string, role: 'doctor' | 'patient' }} User
 * @typedef {{ user: User, idToken: string, refreshToken: string, expiresAt: number }} Stored
 */

const KEY = 'carebeat:session';
const REFRESH_AHEAD_MS = 5 * 60_000;
/** @type {Stored | null} */
let current = read();
/** @type {Promise<void> | null} */
let refreshing = null;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;
/** @type {Set<(reason: string) => void>} */
const endListeners = new Set();

/** @returns {Stored | null} */
function read() {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    return s?.user && s.idToken && s.refreshToken ? s : null;
  } catch {
    return null;
  }
}

function save() {
  if (current) localStorage.setItem(KEY, JSON.stringify(current));
  else localStorage.removeItem(KEY);
  schedule();
}

function schedule() {
  clearTimeout(timer);
  if (!current) return;
  const wait = Math.max(1_000, current.expiresAt - Date.now() - REFRESH_AHEAD_MS);
  timer = setTimeout(() => {
    void session.refresh().catch(() => {});
  }, wait);
}

export const session = {
  get user() {
    return current?.user ?? null;
  },
  get idToken() {
    return current?.idToken ?? '';
  },
  get expiresAt() {
    return current?.expiresAt ?? 0;
  },

  /** @param {{ user: User, session: { idToken: string, refreshToken: string, expiresIn: number } }} body */
  start(body) {
    const s = body.session;
    current = {
      user: body.user,
      idToken: s.idToken,
      refreshToken: s.refreshToken,
      expiresAt: Date.now() + s.expiresIn * 1000,
    };
    save();
  },

  /** Refreshes first when the token is about to run out (timers sleep in background tabs). */
  async ensureFresh() {
    if (current && current.expiresAt - Date.now() < REFRESH_AHEAD_MS) await session.refresh();
  },

  /** One refresh at a time; a refused refresh token ends the session. */
  refresh() {
    if (!current) return Promise.reject(new Error('signed out'));
    refreshing ??= (async () => {
      const res = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: current?.refreshToken }),
      });
      if (res.status === 401 || res.status === 400) {
        session.end('expired');
        throw new Error('session expired');
      }
      if (!res.ok) throw new Error(`refresh failed (${res.status})`);
      const { session: s } = await res.json();
      if (!current) return;
      current = {
        ...current,
        idToken: s.idToken,
        refreshToken: s.refreshToken,
        expiresAt: Date.now() + s.expiresIn * 1000,
      };
      save();
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  },

  /** @param {string} reason 'signout' | 'expired' | 'elsewhere' */
  end(reason) {
    if (!current) return;
    current = null;
    save();
    for (const fn of endListeners) fn(reason);
  },

  /** @param {(reason: string) => void} fn */
  onEnd(fn) {
    endListeners.add(fn);
  },
};

schedule();
// Signing out in another tab signs out here too; a refresh there hands us its new token.
window.addEventListener('storage', (e) => {
  if (e.key !== KEY) return;
  const next = read();
  if (!next) {
    if (current) {
      current = next;
      schedule();
      for (const fn of endListeners) fn('elsewhere');
    }
    return;
  }
  // Another account signed in there: this tab's screen belongs to someone else now.
  if (current && next.user.id !== current.user.id) {
    location.reload();
    return;
  }
  current = next;
  schedule();
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void session.ensureFresh().catch(() => {});
});
