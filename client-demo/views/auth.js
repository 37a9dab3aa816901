// @ts-check
// Log in / create an account. One form per task, every field labelled, errors in an alert
// region next to the button that caused them.
import { api, describeError } from '../api.js';
import { h } from '../dom.js';
import { session } from '../session.js';

/**
 * @param {HTMLElement} root
 * @param {{ notice?: string, onSignedIn: () => void }} opts
 */
export function renderAuth(root, { notice, onSignedIn }) {
  let mode = /** @type {'login' | 'signup'} */ ('login');
  const error = h('p', { class: 'form-error', role: 'alert' });
  const field = (
    /** @type {string} */ label,
    /** @type {Record<string, unknown>} */ attrs,
    /** @type {string} */ hint = '',
  ) => {
    const id = `f-${attrs.name}`;
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id, text: label }),
      h('input', { id, ...attrs, ...(hint ? { 'aria-describedby': `${id}-hint` } : {}) }),
      hint && h('p', { class: 'hint', id: `${id}-hint`, text: hint }),
    );
  };
  const nameField = field(
    'Your name',
    { name: 'name', autocomplete: 'name', required: true, maxlength: '120' },
    'Shown to your doctor or your patients.',
  );
  const roleField = h(
    'fieldset',
    { class: 'role-choice' },
    h('legend', { text: 'I am a' }),
    h(
      'label',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'role', value: 'patient', checked: true }),
      ' Patient',
    ),
    h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'role', value: 'doctor' }), ' Doctor'),
  );
  // A doctor signs up with an admin's invite; its link (…/?invite=TOKEN&email=…) fills it in.
  const link = new URLSearchParams(location.search);
  const invited = link.get('invite') ?? '';
  const inviteField = field(
    'Doctor invite',
    { name: 'inviteToken', autocomplete: 'off', maxlength: '256', value: invited },
    'From your invite link or your Carebeat administrator.',
  );
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-wide' });
  const form = h(
    'form',
    { class: 'auth-form', novalidate: true, 'aria-labelledby': 'auth-title' },
    nameField,
    field('Email', { name: 'email', type: 'email', autocomplete: 'email', required: true }),
    field('Password', { name: 'password', type: 'password', required: true, minlength: '8' }, 'At least 8 characters.'),
    roleField,
    inviteField,
    error,
    submit,
  );
  const emailInput = /** @type {HTMLInputElement} */ (form.querySelector('[name=email]'));
  if (invited) {
    emailInput.value = link.get('email') ?? '';
    /** @type {HTMLInputElement} */ (form.querySelector('[name=role][value=doctor]')).checked = true;
  }
  const isDoctor = () => /** @type {HTMLInputElement} */ (form.querySelector('[name=role][value=doctor]')).checked;
  roleField.addEventListener('change', () => {
    inviteField.hidden = mode !== 'signup' || !isDoctor();
  });
  const title = h('h1', { id: 'auth-title' });
  const switcher = h('button', { type: 'button', class: 'btn-link' });
  const switchLine = h('p', { class: 'switch' });

  function setMode(/** @type {'login' | 'signup'} */ next) {
    mode = next;
    const signup = mode === 'signup';
    title.textContent = signup ? 'Create your Carebeat account' : 'Log in to Carebeat';
    submit.textContent = signup ? 'Create account' : 'Log in';
    nameField.hidden = !signup;
    roleField.hidden = !signup;
    inviteField.hidden = !signup || !isDoctor();
    /** @type {HTMLInputElement} */ (form.querySelector('[name=name]')).required = signup;
    const password = /** @type {HTMLInputElement} */ (form.querySelector('[name=password]'));
    password.autocomplete = signup ? 'new-password' : 'current-password';
    // The length rule is for choosing a password, not for typing an existing one.
    /** @type {HTMLElement} */ (form.querySelector('#f-password-hint')).hidden = !signup;
    if (signup) password.setAttribute('aria-describedby', 'f-password-hint');
    else password.removeAttribute('aria-describedby');
    switchLine.replaceChildren(signup ? 'Already have an account? ' : 'New to Carebeat? ', switcher);
    switcher.textContent = signup ? 'Log in' : 'Create an account';
    error.textContent = '';
  }
  switcher.addEventListener('click', () => {
    setMode(mode === 'login' ? 'signup' : 'login');
    title.focus();
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(/** @type {HTMLFormElement} */ (form));
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    error.textContent = '';
    if (!email || !password) {
      error.textContent = 'Enter your email and password.';
      return;
    }
    if (mode === 'signup' && password.length < 8) {
      error.textContent = 'Choose a password of at least 8 characters.';
      return;
    }
    submit.setAttribute('aria-busy', 'true');
    /** @type {HTMLButtonElement} */ (submit).disabled = true;
    try {
      const body =
        mode === 'signup'
          ? await api(
              'POST',
              '/api/auth/signup',
              {
                name: String(data.get('name') ?? '').trim(),
                email,
                password,
                role: data.get('role'),
                // A patient's doses are timed in their own zone: the browser knows it.
                ...(data.get('role') === 'patient' ? { timezone: browserZone() } : {}),
                ...(data.get('role') === 'doctor' && String(data.get('inviteToken') ?? '').trim()
                  ? { inviteToken: String(data.get('inviteToken')).trim() }
                  : {}),
              },
              { auth: false },
            )
          : await api('POST', '/api/auth/login', { email, password }, { auth: false });
      session.start(body);
      onSignedIn();
    } catch (err) {
      error.textContent = describeError(err);
    } finally {
      submit.removeAttribute('aria-busy');
      /** @type {HTMLButtonElement} */ (submit).disabled = false;
    }
  });

  title.tabIndex = -1;
  root.replaceChildren(
    h(
      'section',
      { class: 'auth card' },
      notice ? h('p', { class: 'notice', role: 'status', text: notice }) : null,
      title,
      h('p', {
        class: 'lede auth-intro',
        text: 'Your doctor writes a note. Carebeat turns it into a checklist and reminders, and keeps you both up to date, live.',
      }),
      form,
      switchLine,
    ),
  );
  setMode(invited ? 'signup' : 'login');
}

/** The browser's IANA zone, or none when it reports none. */
function browserZone() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return typeof zone === 'string' && zone ? zone : undefined;
}
