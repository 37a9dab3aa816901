// A bounded map of unwrapped keys that forgets the least recently used one first. A morning burst
// opens each due patient's text twice a few seconds apart (the live event, then the push): a
// cache that emptied itself when full forgot the whole burst between the two, so at 19 500
// patients every push paid both X25519 unwraps again (about 2.6 s of one worker's CPU).
export class KeyCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Entries per process: above a burst's patients, each a few hundred bytes. */
export const KEY_CACHE_ENTRIES = 50_000;
