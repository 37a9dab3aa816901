// Collects the jobs of one queue that arrive together (in the same turn of the event loop, or
// within `waitMs` of the first, up to `max`) and hands them to one call, so that a burst of work
// shares its database round trips. bee-queue fetches delayed jobs one after another, so two doses
// due at one instant can be a tick apart: a short wait keeps them in one batch (one notification).
// Each job still settles on its own: bee-queue sees one processor call per job as before.
export type BatchHandler<T, R> = (items: T[]) => Promise<R[]>;

export function createBatcher<T, R>(handle: BatchHandler<T, R>, max: number, waitMs = 0): (item: T) => Promise<R> {
  let pending: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  let scheduled = false;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    scheduled = false;
    clearTimeout(timer);
    const batch = pending;
    pending = [];
    handle(batch.map((p) => p.item)).then(
      (results) => {
        for (const [i, p] of batch.entries()) p.resolve(results[i]!);
      },
      (err) => {
        for (const p of batch) p.reject(err);
      },
    );
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (pending.length >= max) flush();
      else if (!scheduled) {
        scheduled = true;
        if (waitMs > 0) timer = setTimeout(flush, waitMs);
        else setImmediate(flush);
      }
    });
}
