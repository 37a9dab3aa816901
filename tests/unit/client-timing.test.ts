// The demo client's plain words for a v2 timing (client-demo/timing.js) and the correction body it
// builds (client-demo/corrections.js): the same words as the server's describeTiming, never a
// default duration, and only the fields the zod-strict correction takes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correctionOf } from '../../client-demo/corrections.js';
import { describeTiming, planSentence, statusWord } from '../../client-demo/timing.js';
import { describeTiming as serverWords } from '../../src/extraction/timing.js';
import { timing } from '../../src/extraction/schema.js';

test('plain words: daily, weekly, as needed, ongoing, later start', () => {
  const tds = timing({ frequency: 3, period: 1, periodUnit: 'd', durationDays: 7 });
  assert.equal(
    planSentence({ text: 'Take amoxicillin 500 mg', timing: tds, asNeeded: false }),
    'Take amoxicillin 500 mg — 3 times a day for 7 days',
  );
  assert.equal(
    describeTiming(timing({ frequency: 1, period: 1, periodUnit: 'wk', dayOfWeek: ['mon'] }), false),
    'once a week on Monday ongoing',
  );
  assert.equal(describeTiming(null, true), 'as needed');
  assert.equal(describeTiming(timing({ frequency: 1, period: 1, periodUnit: 'd' }), false), 'once a day ongoing');
  assert.equal(
    describeTiming(timing({ frequency: 1, period: 2, periodUnit: 'd', durationDays: 10, startDay: 1 }), false),
    'every other day for 10 days starting tomorrow',
  );
  assert.equal(statusWord({ status: 'draft' }), 'waiting for your doctor');
  assert.equal(statusWord({ status: 'active' }), '');
});

test('the client says what the server says, weekdays aside', () => {
  const cases = [
    timing({ frequency: 2, period: 1, periodUnit: 'd', durationDays: 5, timeOfDay: ['08:00', '20:00'] }),
    timing({ frequency: 1, period: 8, periodUnit: 'h', durationDays: 3, when: ['after-meals'] }),
    timing({ frequency: 1, period: 3, periodUnit: 'mo', startDay: 4 }),
  ];
  for (const t of cases) {
    assert.equal(describeTiming(t, false), serverWords(t, false));
    assert.equal(describeTiming(t, true), serverWords(t, true));
  }
});

test('a correction carries ids and only the fields the server takes', () => {
  const t = timing({ frequency: 1, period: 1, periodUnit: 'd', durationDays: 3 });
  const body = correctionOf({
    noteId: 'n1',
    extractor: 'rules',
    model: null,
    cancelled: false,
    checklist: [
      {
        id: 'c1',
        noteId: 'n1',
        text: 'Buy a thermometer',
        source: 'Buy a thermometer',
        done: false,
        status: 'open',
        dueAt: null,
      },
      { id: 'c2', noteId: 'n1', text: 'Gone', source: '', done: false, status: 'removed', dueAt: null },
    ],
    plan: [
      {
        id: 'p1',
        noteId: 'n1',
        text: 'Take x',
        source: 's',
        asNeeded: false,
        timing: t,
        requiredCheckins: 3,
        completedCheckins: 1,
        missedCount: 0,
        skippedCount: 0,
        extendedCount: 0,
        status: 'active',
        startsAt: '',
      },
      {
        id: 'p2',
        noteId: 'n1',
        text: 'Old',
        source: '',
        asNeeded: false,
        timing: t,
        requiredCheckins: 3,
        completedCheckins: 0,
        missedCount: 0,
        skippedCount: 0,
        extendedCount: 0,
        status: 'stopped',
        startsAt: '',
      },
    ],
    unclear: [{ id: 'u1', noteId: 'n1', source: 'and something', reason: 'no drug', status: 'open' }],
  });
  assert.deepEqual(body, {
    checklist: [{ id: 'c1', text: 'Buy a thermometer', dueInDays: null, source: 'Buy a thermometer' }],
    plan: [{ id: 'p1', text: 'Take x', asNeeded: false, timing: t, source: 's' }],
    unclear: [{ source: 'and something', reason: 'no drug' }],
  });
});
