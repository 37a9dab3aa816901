// Service worker: turns a web-push message into one notification (the doses due together) with
// Take and Snooze buttons that work from the notification itself, and on a plain click brings the
// Carebeat tab forward (or opens one). Payload (see docs/API.md "Push actions"):
// {type:'dose:due', actions:[{action,title}], doses:[{id,text,dueAt,localTime,attempt,actions:{take,snooze}}]}.
// The buttons POST each dose's single-use action token to /api/push-actions/<action>; the tokens
// are the only credential a service worker has (it holds no ID token) and are never stored.
/* eslint-env serviceworker */

const SNOOZE_MINUTES = 10;

self.addEventListener('install', () => {
  self.skipWaiting();
});
self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

function readPush(event) {
  try {
    const data = event.data ? event.data.json() : null;
    return data?.type === 'dose:due' && Array.isArray(data.doses) && data.doses.length > 0 ? data : null;
  } catch {
    return null;
  }
}

self.addEventListener('push', (event) => {
  const data = readPush(event);
  if (!data) {
    // Every push must show something (userVisibleOnly); an unreadable one still points home.
    event.waitUntil(
      self.registration.showNotification('Carebeat', {
        body: 'You have an update. Open Carebeat to see it.',
        tag: 'carebeat',
      }),
    );
    return;
  }
  const doses = data.doses;
  const again = doses.every((d) => d.attempt > 1);
  const title = doses.length === 1 ? (again ? 'Dose still due' : 'Dose due') : `${doses.length} doses due`;
  const at = doses[0].localTime ? ` (${doses[0].localTime})` : '';
  const body = `${doses.map((d) => d.text).join('\n')}${at}`;
  const tokens = doses.map((d) => ({ id: d.id, take: d.actions?.take, snooze: d.actions?.snooze }));
  const offered = Array.isArray(data.actions) ? data.actions : [];
  event.waitUntil(
    self.registration.showNotification(title, {
      body,
      // One notification per due time: a nudge for the same doses replaces it instead of piling up.
      tag: `doses-${doses
        .map((d) => d.id)
        .sort()
        .join(',')}`,
      renotify: again,
      requireInteraction: true,
      timestamp: Date.parse(doses[0].dueAt) || Date.now(),
      // Buttons only when every dose carries the token for them.
      actions: offered.filter((a) => tokens.every((t) => typeof t[a.action] === 'string')),
      data: { url: '/', tokens },
    }),
  );
});

async function runAction(action, tokens) {
  const results = await Promise.all(
    tokens.map(async (t) => {
      try {
        const res = await fetch(`/api/push-actions/${action}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(
            action === 'snooze' ? { token: t[action], minutes: SNOOZE_MINUTES } : { token: t[action] },
          ),
          credentials: 'omit',
        });
        return res.ok;
      } catch {
        return false;
      }
    }),
  );
  // An action the server refused (expired, already used, window closed): send the patient to the app.
  if (results.every(Boolean)) {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    // An open tab refreshes its doses from its socket; tell it anyway, so it needs no reload.
    for (const w of windows) w.postMessage({ type: 'push-action', action, doses: tokens.map((t) => t.id) });
    return;
  }
  await focusApp();
}

async function focusApp() {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (open) return open.focus();
  return self.clients.openWindow('/');
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const action = event.action;
  const tokens = event.notification.data?.tokens ?? [];
  const usable = (action === 'take' || action === 'snooze') && tokens.every((t) => typeof t[action] === 'string');
  event.waitUntil(usable && tokens.length > 0 ? runAction(action, tokens) : focusApp());
});
