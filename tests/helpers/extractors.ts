// Test extractors behind the real port (src/extraction/port.ts): one that wraps another and can
// be held at a gate (to observe a job in flight), counting its calls.
import type { Extractor } from '../../src/extraction/index.js';
import type { Extraction } from '../../src/extraction/schema.js';

export class GatedExtractor implements Extractor {
  calls = 0;
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;
  private entered: Array<() => void> = [];

  constructor(
    private readonly inner: Extractor,
    readonly name: Extractor['name'] = inner.name,
    readonly model: string | null = inner.model,
  ) {}

  /** Later calls wait until release(). */
  hold(): void {
    if (this.gate) return;
    this.gate = new Promise((resolve) => {
      this.open = resolve;
    });
  }

  release(): void {
    this.open?.();
    this.gate = null;
    this.open = null;
  }

  /** Resolves when the next call has entered extract() (and is waiting at the gate, if held). */
  nextCall(): Promise<void> {
    return new Promise((resolve) => this.entered.push(resolve));
  }

  async extract(text: string, signal?: AbortSignal): Promise<Extraction> {
    this.calls += 1;
    for (const r of this.entered.splice(0)) r();
    if (this.gate) await this.gate;
    return this.inner.extract(text, signal);
  }
}

/**
 * The model stand-in for lifecycle tests: a note's first word names the steps it "extracts"
 * (`script[word]`), so a test states exactly what the extractor found, whatever the rules do.
 */
export class ScriptedExtractor implements Extractor {
  readonly name = 'gemini' as const;
  readonly model = 'scripted-v2';
  constructor(private readonly script: Record<string, Extraction>) {}

  async extract(text: string): Promise<Extraction> {
    const key = text.split(/\s/)[0] ?? '';
    return this.script[key] ?? { checklist: [], plan: [], unclear: [] };
  }
}
