/** Shared by the capture tests: drain a record iterator, and serve bytes as a stream in small chunks. */
import { Readable } from 'node:stream';
import { CaptureError, type CaptureRecord } from '../src/capture/record.js';

export interface Collected {
  records: CaptureRecord[];
  error?: CaptureError;
}

/** All records up to the end or to the CaptureError that stopped them. */
export async function collect(records: AsyncIterable<CaptureRecord>): Promise<Collected> {
  const collected: Collected = { records: [] };
  try {
    for await (const record of records) collected.records.push(record);
  } catch (error) {
    if (!(error instanceof CaptureError)) throw error;
    collected.error = error;
  }
  return collected;
}

/** A stream giving `bytes` in pieces of `size` bytes, as a pipe or a socket might. */
export function chunked(bytes: Buffer, size: number): Readable {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) pieces.push(bytes.subarray(offset, offset + size));
  return Readable.from(pieces);
}
