// @ts-check
// Web-push opt-in: a service worker (sw.js) subscribed with the server's VAPID key, so reminders
// reach the patient while this page is closed. Where the browser cannot do it, the card says so
// in plain words; reminders still show on this page while it is open.
import { api, describeError } from '../api.js';
import { h } from '../dom.js';

const supported = () =>
  'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window && window.isSecureContext;

/** @param {string} b64url */
function keyBytes(b64url) {
  const b64 = b64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(b64url.length / 4) * 4, '=');
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

async function currentSubscription() {
  if (!supported()) return null;
  const reg = await navigator.serviceWorker.getRegistration('/');
  return reg ? reg.pushManager.getSubscription() : null;
}

/** The card; it works out its own state. */
export function pushCard() {
  const status = h('p', { class: 'push-status', role: 'status' });
  const button = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'btn', 'data-focus': 'push' }));
  const card = h(
    'section',
    { class: 'card push-card', 'aria-labelledby': 'push-title' },
    h('h2', { id: 'push-title', text: 'Reminders on this device' }),
    status,
    button,
  );
  /** @type {'off' | 'on'} */
  let state = 'off';

  /** @param {string} text @param {'off' | 'on' | 'none'} next */
  const show = (text, next) => {
    status.textContent = text;
    button.hidden = next === 'none';
    if (next !== 'none') state = next;
    button.textContent = state === 'on' ? 'Turn off notifications' : 'Turn on notifications';
  };

  async function turnOn() {
    show('Asking your browser…', state);
    const reg = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    await navigator.serviceWorker.ready;
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') {
      show(
        "Notifications are blocked for this site. Allow them in your browser's site settings, then try again. Until then, reminders appear on this page while it is open.",
        'off',
      );
      return;
    }
    const { publicKey } = await api('GET', '/api/push/public-key');
    let sub;
    try {
      sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
    } catch {
      show(
        'This browser has no push service available, so it cannot notify you while Carebeat is closed. Reminders still appear on this page while it is open.',
        'none',
      );
      return;
    }
    const json = sub.toJSON();
    await api('POST', '/api/push/subscriptions', { endpoint: json.endpoint, keys: json.keys });
    show('On: reminders will notify you on this device even when this page is closed.', 'on');
  }

  async function turnOff() {
    await dropPush();
    show('Off: reminders appear on this page only while it is open.', 'off');
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await (state === 'on' ? turnOff() : turnOn());
    } catch (err) {
      show(`Notifications could not be set up: ${describeError(err)}`, state);
    } finally {
      button.disabled = false;
    }
  });

  if (!supported()) {
    show(
      'This browser cannot show notifications from websites. Reminders appear on this page while it is open.',
      'none',
    );
  } else {
    show('Get a notification when a reminder is due, even when this page is closed.', 'off');
    currentSubscription().then(
      (sub) => {
        if (sub) show('On: reminders will notify you on this device even when this page is closed.', 'on');
      },
      () => {},
    );
  }
  return card;
}

/** Forgets this browser's subscription (on sign-out too: a shared device must not show the last user's reminders). */
export async function dropPush() {
  const sub = await currentSubscription().catch(() => null);
  if (!sub) return;
  await api('DELETE', '/api/push/subscriptions', { endpoint: sub.endpoint }).catch(() => {});
  await sub.unsubscribe().catch(() => {});
}
