// One registry of renderers, one per event type, grouped by family. `StoredData[K]` is what an
// outbox row of type K keeps; `EventData[K]` (events/protocol.ts) what its recipient sees.
import type { Texts } from '../../sealed/texts.js';
import type { EventData, EventType } from '../protocol.js';
import { noteRenderers } from './notes.js';
import { plain, type Renderer } from './renderer.js';
import { doseRenderers } from './doses.js';
import { messageRenderers } from './messages.js';
import { reminderRenderers } from './reminders.js';
import { stepRenderers } from './steps.js';

const peopleRenderers = {
  'patient:assigned': plain<EventData['patient:assigned']>(),
  'patient:unassigned': plain<EventData['patient:unassigned']>(),
};

export const renderers = {
  ...peopleRenderers,
  ...noteRenderers,
  ...stepRenderers,
  ...reminderRenderers,
  ...doseRenderers,
  ...messageRenderers,
};

export type StoredData = { [K in EventType]: Parameters<(typeof renderers)[K]['render']>[0] };

// Every event type has a renderer, and each renders to its catalogue entry.
renderers satisfies { [K in EventType]: Renderer<StoredData[K], EventData[K]> };

const rendererOf = (type: EventType) => renderers[type] as Renderer<unknown, Record<string, unknown>>;

export const textsNeeded = (type: EventType, stub: unknown) => rendererOf(type).needs(stub);

export const renderData = (type: EventType, stub: unknown, texts: Texts): Record<string, unknown> =>
  rendererOf(type).render(stub, texts);
