import type { CaptureRecord, Timestamp } from '../capture/record.js';

/**
 * Every frame of the capture for the statistics, ICQ or not (tshark's io,stat counts them all), in step
 * with the PDUs: the reader hands over each chunk of records before the PDUs made from them (`take`), and
 * a frame counts once a PDU at or after it was seen (`reach`), so a run stopped by -c counts the frames up
 * to its last PDU. Only the chunk being read is held.
 */
export class FrameFeed {
  /** Time of the capture's first frame (undefined before any). */
  first: Timestamp | undefined;
  /** Time of the last frame counted. */
  last: Timestamp | undefined;
  private chunk: readonly CaptureRecord[] = [];
  private next = 0;
  private readonly listeners: ((record: CaptureRecord) => void)[] = [];

  /** Told every frame as it counts. */
  listen(listener: (record: CaptureRecord) => void): void {
    this.listeners.push(listener);
  }

  /** The reader's next chunk of records (src/dissect/dissect-capture.ts `onFrames`): the previous chunk was read to its end. */
  readonly take = (records: readonly CaptureRecord[]): void => {
    this.reachEnd();
    if (records.length === 0) return;
    this.chunk = records;
    this.next = 0;
  };

  /** Counts the frames up to `frame` (a PDU's). */
  reach(frame: number): void {
    while (this.next < this.chunk.length && this.chunk[this.next]!.index <= frame) this.count(this.chunk[this.next++]!);
  }

  /** The run read everything: the frames after the last PDU count too. */
  reachEnd(): void {
    this.reach(Infinity);
  }

  /** The length on the wire (tshark's frame.len) of a frame of the chunk being read: the frames that complete its PDUs. */
  lengthOf(frame: number): number {
    const offset = frame - (this.chunk[0]?.index ?? 0);
    const record = this.chunk[offset]?.index === frame ? this.chunk[offset] : this.chunk.find((r) => r.index === frame);
    if (record === undefined) throw new Error(`frame ${frame} is not in the chunk being read`);
    return record.originalLength;
  }

  private count(record: CaptureRecord): void {
    this.first ??= record.time;
    this.last = record.time;
    for (const listener of this.listeners) listener(record);
  }
}
