/** CaptureRecords from built frames (for tests and sample captures): one frame a millisecond. */
import type { CaptureRecord, Timestamp } from '../../src/capture/record.js';

export function captureRecords(frames: Buffer[], linkType: number, start: Timestamp = { seconds: 900_000_000, nanos: 0, digits: 6 }): CaptureRecord[] {
  return frames.map((bytes, i) => {
    const nanos = start.nanos + i * 1_000_000;
    return {
      index: i + 1,
      time: { seconds: start.seconds + Math.floor(nanos / 1e9), nanos: nanos % 1e9, digits: start.digits },
      linkType,
      interfaceId: 0,
      snapLength: 0,
      capturedLength: bytes.length,
      originalLength: bytes.length,
      bytes,
    };
  });
}

/** The records as the async iterable icqPayloads reads. */
export async function* recordStream(records: Iterable<CaptureRecord>): AsyncGenerator<CaptureRecord> {
  yield* records;
}
