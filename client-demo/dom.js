// @ts-check
// A tiny element builder. Text always goes in through textContent, never innerHTML, so note text
// from the server can never become markup.

/**
 * @typedef {{ class?: string, text?: string, on?: Record<string, (e: any) => void>, [attr: string]: unknown }} Props
 * @typedef {Node | string | number | null | undefined | false} Child
 */

/**
 * @param {string} tag
 * @param {Props} [props]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = String(value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'on')
      for (const [type, fn] of Object.entries(/** @type {Record<string, any>} */ (value)))
        el.addEventListener(type, fn);
    else if (key in el && typeof value !== 'string') /** @type {any} */ (el)[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** @param {Element} el @param {(Child | Child[])[]} children */
function append(el, children) {
  for (const child of children.flat(2)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'object' ? child : String(child));
  }
}

/**
 * Replaces a container's content and puts keyboard focus back on the element that had it (by its
 * data-focus key), so live re-renders never throw a keyboard user out of what they were doing.
 * @param {HTMLElement} container
 * @param {(Child | Child[])[]} children
 */
export function replace(container, ...children) {
  const active = document.activeElement;
  const key = active instanceof HTMLElement && container.contains(active) ? active.dataset.focus : undefined;
  container.replaceChildren();
  append(container, children);
  if (key) /** @type {HTMLElement | null} */ (container.querySelector(`[data-focus="${CSS.escape(key)}"]`))?.focus();
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });

/** Time of day, with the date in front when it is not today. @param {string | number | Date} at */
export function when(at) {
  const d = new Date(at);
  const today = new Date().toDateString() === d.toDateString();
  return today ? timeFormat.format(d) : `${dayFormat.format(d)}, ${timeFormat.format(d)}`;
}

/** A machine-readable <time> element. @param {string} at @param {string} [prefix] */
export const timeEl = (at, prefix = '') =>
  h('time', { datetime: new Date(at).toISOString(), class: 'time' }, `${prefix}${when(at)}`);

/** Screen-reader announcement of something new, through the page's polite live region. @param {string} message */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (!region) return;
  const line = h('p', { text: message });
  region.append(line);
  // Keep the region short: assistive tech reads additions, old lines are just clutter.
  while (region.childElementCount > 5) region.firstElementChild?.remove();
}

/** "once a day", "3 times a day" @param {number} n */
export const perDay = (n) => (n === 1 ? 'once a day' : n === 2 ? 'twice a day' : `${n} times a day`);
/** @param {number} n @param {string} one @param {string} [many] */
export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
