// @ts-check
// The doctor's screen: patients with live badges on the left; the chosen patient's timeline, a
// note composer, the current plan with who extracted it, and the correction editor on the right.
import { api, describeError } from '../api.js';
import { announce, h, replace } from '../dom.js';
import { loadRecord } from '../loaders.js';
import { activeSteps, adherence, changed, mergeNote, mergeSteps, record, store, subscribe } from '../store.js';
import { stepsEditor } from './editor.js';
import { producedBy, stepsBlock } from './steps.js';
import { renderTimeline } from './timeline.js';

const newKey = (/** @type {string} */ id) => `carebeat:new-patients:${id}`;
const BADGE = /** @type {Record<string, [string, string]>} */ ({
  none: ['No plan yet', 'chip-muted'],
  ok: ['On track', 'chip-ok'],
  done: ['Plan done', 'chip-ok'],
});

/** "3/9 check-ins" over the current plan, or nothing. @param {import('../store.js').PatientRecord | undefined} rec */
function progressLine(rec) {
  const plan = rec ? (activeSteps(rec)?.plan ?? []) : [];
  if (!plan.length) return null;
  const done = plan.reduce((n, p) => n + p.completedCheckins, 0);
  const required = plan.reduce((n, p) => n + p.requiredCheckins, 0);
  return h('span', { class: 'patient-progress', text: `${done}/${required} check-ins on the current plan` });
}

/** @param {HTMLElement} root @param {{ fresh: Set<string> }} ui */
export function renderDoctor(root, ui) {
  const me = /** @type {NonNullable<typeof store.user>} */ (store.user);
  for (const id of JSON.parse(localStorage.getItem(newKey(me.id)) ?? '[]')) {
    const p = store.patients.get(id);
    if (p) p.isNew = true;
  }
  let selected = /** @type {string | null} */ (null);
  let editing = /** @type {string | null} */ (null);
  /** Built once per edit: re-rendering it on every live event would wipe what the doctor typed. */
  let editor = /** @type {HTMLElement | null} */ (null);
  const list = h('nav', { class: 'card patients', 'aria-labelledby': 'patients-title' });
  const panel = h('section', { class: 'card main-card patient-panel', 'aria-label': 'Patient' });
  const head = h('div', { class: 'card-head' });
  const alertBox = h('div');
  const timeline = h('div', { class: 'timeline-box', tabindex: '0', 'aria-label': 'Care timeline' });
  const planBox = h('section', { class: 'plan-box', 'aria-labelledby': 'current-plan-title' });
  const composer = buildComposer();

  function renderList() {
    localStorage.setItem(
      newKey(me.id),
      JSON.stringify([...store.patients.values()].filter((p) => p.isNew).map((p) => p.id)),
    );
    const patients = [...store.patients.values()];
    replace(
      list,
      h('h2', { id: 'patients-title', text: `Your patients (${patients.length})` }),
      patients.length
        ? h(
            'ul',
            { class: 'patient-list' },
            patients.map((p) => {
              const a = adherence(store.records.get(p.id));
              const [label, cls] = a.kind === 'missed' ? [`Missed ${a.missed}`, 'chip-missed'] : BADGE[a.kind];
              return h(
                'li',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    class: `patient ${p.id === selected ? 'selected' : ''} ${ui.fresh.has(`patient:${p.id}`) ? 'is-new' : ''}`,
                    'aria-current': p.id === selected ? 'true' : null,
                    'data-focus': `patient:${p.id}`,
                    on: { click: () => select(p.id) },
                  },
                  h('span', { class: 'patient-name', text: p.name }),
                  p.email ? h('span', { class: 'patient-email', text: p.email }) : null,
                  progressLine(store.records.get(p.id)),
                  h(
                    'span',
                    { class: 'badges' },
                    p.isNew ? h('span', { class: 'chip chip-new', text: 'New patient' }) : null,
                    h('span', { class: `chip ${cls}`, text: label }),
                  ),
                ),
              );
            }),
          )
        : h('p', {
            class: 'muted',
            text: 'No patients yet. When a patient chooses you as their doctor, they appear here right away.',
          }),
    );
  }

  function buildComposer() {
    const error = h('p', { class: 'form-error', role: 'alert' });
    const text = /** @type {HTMLTextAreaElement} */ (
      h('textarea', {
        id: 'note-text',
        name: 'content',
        rows: 3,
        maxlength: '20000',
        required: true,
        'aria-describedby': 'note-hint',
      })
    );
    const send = /** @type {HTMLButtonElement} */ (
      h('button', { type: 'submit', class: 'btn btn-primary', text: 'Send note' })
    );
    const form = h(
      'form',
      { class: 'composer' },
      h('label', { for: 'note-text', id: 'note-label', text: 'New note' }),
      text,
      h('p', {
        class: 'hint',
        id: 'note-hint',
        text: 'Write as you would to the patient. Carebeat turns it into a checklist and reminders. Ctrl+Enter sends.',
      }),
      error,
      h('div', { class: 'row' }, send),
    );
    text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        /** @type {HTMLFormElement} */
        (form).requestSubmit();
      }
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const content = text.value.trim();
      if (!selected) return;
      if (!content) {
        error.textContent = 'Write something first.';
        text.focus();
        return;
      }
      send.disabled = true;
      error.textContent = '';
      try {
        const { note } = await api('POST', `/api/patients/${selected}/notes`, { content });
        mergeNote(record(selected), { ...note, content });
        ui.fresh.add(`note:${note.id}`);
        text.value = '';
        announce('Note sent. Carebeat is turning it into steps.');
        changed();
      } catch (err) {
        error.textContent = describeError(err);
      } finally {
        send.disabled = false;
      }
    });
    return form;
  }

  /** @param {string} noteId */
  function edit(noteId) {
    editing = noteId;
    renderPanel();
    /** @type {HTMLElement | null} */ (planBox.querySelector('#editor-title'))?.focus();
  }

  function renderPlan(/** @type {import('../store.js').PatientRecord} */ rec) {
    if (editing) {
      const noteId = editing;
      if (editor && planBox.contains(editor)) return;
      editor = stepsEditor({
        noteId,
        steps: rec.steps.get(noteId),
        onDone: (saved) => {
          editing = null;
          editor = null;
          if (saved) {
            mergeSteps(rec, { ...saved, cancelled: false });
            announce('Steps saved. The patient sees them now.');
          }
          changed();
          // After the re-render has put the plan back in place of the editor.
          setTimeout(
            () => /** @type {HTMLElement | null} */ (planBox.querySelector('#current-plan-title'))?.focus(),
            0,
          );
        },
      });
      replace(planBox, editor);
      return;
    }
    const steps = activeSteps(rec);
    replace(
      planBox,
      h('h3', { id: 'current-plan-title', tabindex: '-1', 'data-focus': 'plan-title', text: 'Current plan' }),
      steps ? h('p', { class: 'extractor', text: producedBy(steps) }) : null,
      steps
        ? stepsBlock(steps, { canTick: false })
        : h('p', { class: 'muted', text: 'No plan yet: it appears when a note has been turned into steps.' }),
      steps
        ? h('button', {
            type: 'button',
            class: 'btn btn-small',
            'data-focus': 'correct-plan',
            text: 'Correct steps',
            on: { click: () => edit(steps.noteId) },
          })
        : null,
    );
  }

  function renderPanel() {
    const patient = selected ? store.patients.get(selected) : undefined;
    if (!patient || !selected) {
      replace(
        panel,
        store.patients.size
          ? h(
              'div',
              { class: 'placeholder' },
              h('h2', { text: 'Choose a patient' }),
              h('p', { class: 'muted', text: 'Pick a patient from the list to see their timeline and write a note.' }),
            )
          : h(
              'div',
              { class: 'placeholder' },
              h('h2', { text: 'Waiting for your first patient' }),
              h('p', {
                class: 'muted',
                text: 'Patients sign up in Carebeat and choose you as their doctor; they appear on the left the moment they do.',
              }),
              h('p', {
                class: 'muted',
                text: 'Trying Carebeat out? Open it in a private window, sign up as a patient and choose yourself.',
              }),
            ),
      );
      return;
    }
    const rec = record(selected);
    const a = adherence(rec);
    replace(
      head,
      h('h2', { id: 'panel-title', tabindex: '-1', 'data-focus': 'panel-title', text: patient.name }),
      h('span', {
        class: 'muted',
        text:
          a.kind === 'missed'
            ? `${a.missed} missed check-in${a.missed === 1 ? '' : 's'} on the current plan`
            : a.kind === 'ok'
              ? 'Checking in on time'
              : '',
      }),
    );
    const newest = [...rec.notes.values()].sort((x, y) => x.createdAt.localeCompare(y.createdAt)).at(-1);
    replace(
      alertBox,
      newest?.status === 'failed' && !editing
        ? h(
            'div',
            { class: 'failed banner-failed', role: 'alert' },
            h('strong', { text: 'Steps could not be extracted from your latest note. ' }),
            h('span', { text: newest.failureReason ?? '' }),
            h('button', {
              type: 'button',
              class: 'btn btn-small',
              text: 'Write the steps yourself',
              on: { click: () => edit(newest.id) },
            }),
          )
        : null,
    );
    if (!rec.loaded) replace(timeline, h('p', { class: 'muted', role: 'status', text: 'Loading…' }));
    else
      renderTimeline(timeline, rec, {
        perspective: 'doctor',
        doctorName: () => me.name,
        patientName: patient.name,
        fresh: ui.fresh,
        onCorrect: edit,
      });
    renderPlan(rec);
    /** @type {HTMLElement} */ (composer.querySelector('#note-label')).textContent = `New note for ${patient.name}`;
    if (!panel.contains(head))
      panel.replaceChildren(
        head,
        alertBox,
        h('div', { class: 'panel-grid' }, h('div', { class: 'panel-main' }, timeline, composer), planBox),
      );
  }

  /** @param {string} id */
  async function select(id) {
    if (selected !== id) {
      editing = null;
      editor = null;
      /** @type {HTMLTextAreaElement} */
      (composer.querySelector('textarea')).value = '';
    }
    selected = id;
    history.replaceState(null, '', `#patient/${id}`);
    const p = store.patients.get(id);
    if (p) p.isNew = false;
    timeline.replaceChildren();
    changed();
    try {
      await loadRecord(id);
    } catch (err) {
      replace(timeline, h('p', { class: 'form-error', role: 'alert', text: describeError(err) }));
      return;
    }
    changed();
    /** @type {HTMLElement | null} */ (panel.querySelector('#panel-title'))?.focus();
  }

  function render() {
    if (selected && !store.patients.has(selected)) selected = null;
    renderList();
    renderPanel();
  }

  root.replaceChildren(h('div', { class: 'doctor-view layout' }, list, panel));
  const fromHash = /^#patient\/(.+)$/.exec(location.hash)?.[1];
  render();
  if (fromHash && store.patients.has(fromHash)) void select(fromHash);
  return subscribe(render);
}
