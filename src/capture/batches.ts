/**
 * The capture is read in batches: the records of one input chunk at a time, so the stages after it loop
 * synchronously over a batch instead of paying an async step per record (about 6 per PDU before).
 */
export async function* flatten<T>(batches: AsyncIterable<readonly T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}
