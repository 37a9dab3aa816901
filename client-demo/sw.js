// Service worker: turns a web-push message into a notification and, on a click, brings the
// Carebeat tab forward (or opens one). Payload: {type:'reminder:due', reminder:{id,text,dueAt,attempt,...}}.
/* eslint-env serviceworker */

self.addEventListener('install', () => {
  self.skipWaiting();
});
self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('push', (event) => {
  let data = null;
  try {
    data = event.data ? event.data.json() : null;
  } catch {
    data = null;
  }
  if (data?.type !== 'reminder:due' || !data.reminder) {
    // Every push must show something (userVisibleOnly); an unreadable one still points home.
    event.waitUntil(
      self.registration.showNotification('Carebeat', {
        body: 'You have an update. Open Carebeat to see it.',
        tag: 'carebeat',
      }),
    );
    return;
  }
  const r = data.reminder;
  event.waitUntil(
    self.registration.showNotification('Time to check in', {
      body: r.attempt > 1 ? `Still due: ${r.text}` : r.text,
      // One notification per reminder: a re-delivery replaces the earlier one instead of piling up.
      tag: `reminder-${r.id}`,
      renotify: r.attempt > 1,
      requireInteraction: true,
      timestamp: Date.parse(r.dueAt) || Date.now(),
      data: { url: '/' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) return open.focus();
      return self.clients.openWindow('/');
    })(),
  );
});
