// The benchmarks' baseline extractor: kept out of src/ so production cannot wire it in.
import type { Extraction, Extractor } from '../src/extraction/index.js';

/**
 * Returns no steps at all. Only for benchmarks that measure the pipeline without extraction
 * cost; never wire it into production, where "no steps" would read as "nothing to do".
 */
export class NoopExtractor implements Extractor {
  readonly name = 'noop' as const;
  readonly model = null;

  async extract(_noteText: string, _signal?: AbortSignal): Promise<Extraction> {
    return { checklist: [], plan: [], unclear: [] };
  }
}
