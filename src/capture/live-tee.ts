/** One pull from the source as both readers see it: an item, the end, or the source's error. */
type Step<T> = { value: T } | { done: true } | { error: unknown };

/**
 * Two readers of one source that cannot be read twice (a live capture): each sees every item in order.
 * There is one pull in flight at a time, whoever asked for it, and an item goes to the other reader's
 * queue, so neither reader waits for the other: a reader ahead gets the items the other one already
 * pulled at once (its queue holds only what it has not caught up with). Ends the source when both stopped.
 */
export function teeSource<T>(source: AsyncIterable<T>): [AsyncIterableIterator<T>, AsyncIterableIterator<T>] {
  const upstream = source[Symbol.asyncIterator]();
  const queues: (Step<T>[] | undefined)[] = [[], []]; // undefined: that reader has stopped
  let inFlight: Promise<void> | undefined;

  const pull = (): Promise<void> =>
    (inFlight ??= upstream.next().then(
      (result): void => deliver(result.done ? { done: true } : { value: result.value }),
      (error: unknown): void => deliver({ error }),
    ));
  const deliver = (step: Step<T>): void => {
    inFlight = undefined;
    for (const queue of queues) queue?.push(step);
  };

  const reader = (index: 0 | 1): AsyncIterableIterator<T> => ({
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<T>> {
      const queue = queues[index];
      if (!queue) return { done: true, value: undefined };
      if (queue.length === 0) await pull();
      const step = queue[0]!;
      // The end and an error stay at the head of the queue: every later call sees them again.
      if ('value' in step) {
        queue.shift();
        return { done: false, value: step.value };
      }
      if ('error' in step) throw step.error;
      return { done: true, value: undefined };
    },
    async return(): Promise<IteratorResult<T>> {
      queues[index] = undefined;
      if (queues.every((queue) => queue === undefined)) await upstream.return?.(undefined);
      return { done: true, value: undefined };
    },
  });
  return [reader(0), reader(1)];
}
