// The shape every event family's renderer has. A stored event (the outbox row's payload, the
// "stub") holds ids and non-secret fields only; `render(stub, texts)` adds the texts its recipient
// may read. Live delivery, `sync` replay and the timeline all call the same render(), so what a
// person sees never depends on how the event reached them.
import type { TextIds, Texts } from '../../sealed/texts.js';

export interface Renderer<S, D> {
  /** The texts this event shows: loaded for the reader when they are not already in hand. */
  needs(stub: S): TextIds;
  render(stub: S, texts: Texts): D;
}

/** An event with no sealed text: stored as it is shown. */
export const plain = <S>(): Renderer<S, S> => ({ needs: () => ({}), render: (stub) => stub });

/** A stub with its text (empty when the reader holds no key for it). */
export const withText = <T extends { id: string }>(stub: T, texts: Texts, key = stub.id) => ({
  ...stub,
  text: texts.get(key) ?? '',
});
