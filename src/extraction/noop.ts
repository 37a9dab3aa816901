import type { Extractor } from './port.js';
import type { Extraction } from './schema.js';

/**
 * Returns no steps at all. Only for benchmarks that measure the pipeline without extraction
 * cost; never wire it into production, where "no steps" would read as "nothing to do".
 */
export class NoopExtractor implements Extractor {
  readonly name = 'noop' as const;
  readonly model = null;

  async extract(_noteText: string, _signal?: AbortSignal): Promise<Extraction> {
    return { checklist: [], plan: [] };
  }
}
