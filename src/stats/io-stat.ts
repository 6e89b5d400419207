import type { CaptureRecord, Timestamp } from '../capture/record.js';
import type { DissectedPdu } from '../dissect/pdu.js';
import type { FrameFeed } from './frame-feed.js';
import type { IoResult, IoRow, Statistic } from './statistic.js';
import { filterNeedsAnalysis, passes, type StatFilter } from './stat-filter.js';

/** Nanoseconds from `from` to `to`, exact for captures up to 104 days long. */
const nanosBetween = (from: Timestamp, to: Timestamp): number => (to.seconds - from.seconds) * 1e9 + (to.nanos - from.nanos);

/**
 * -z io,stat,INTERVAL[,FILTER...] as tshark's: frames and bytes (on the wire) per interval from the
 * capture's first frame; one column per filter, or one of every frame when none is given. A filter
 * column counts the frames that complete a PDU it matches (a frame once, however many of its PDUs match),
 * as tshark counts the frames a filter matches. Only intervals with traffic are stored; the empty ones
 * between are made when the result is.
 */
export class IoStat implements Statistic {
  readonly needsAnalysis: boolean;
  /** Per interval index: frames and bytes of column 0, of column 1, ... */
  private readonly intervals = new Map<number, Float64Array>();
  private lastIndex = 0;
  private readonly intervalNanos: number;
  /** The frame each filter column counted last, so a frame of two PDUs counts once. */
  private readonly lastFrame: number[];

  /** `columns`: a filter per column, undefined for every frame. */
  constructor(
    private readonly frames: FrameFeed,
    intervalMicros: number,
    private readonly columns: readonly (StatFilter | undefined)[],
  ) {
    this.intervalNanos = intervalMicros * 1000;
    this.lastFrame = columns.map(() => 0);
    this.needsAnalysis = columns.some(filterNeedsAnalysis);
    if (columns.includes(undefined)) frames.listen((record) => this.countFrame(record));
  }

  see({ pdu, timestamp }: DissectedPdu): void {
    this.columns.forEach((filter, column) => {
      if (filter === undefined || this.lastFrame[column] === pdu.frame || !passes(filter, pdu)) return;
      this.lastFrame[column] = pdu.frame;
      this.add(timestamp, column, this.frames.lengthOf(pdu.frame));
    });
  }

  result(): IoResult {
    const { first, last } = this.frames;
    const durationNanos = first === undefined || last === undefined ? 0 : nanosBetween(first, last);
    const lastIndex = Math.max(this.indexAt(durationNanos), this.lastIndex);
    const duration = durationNanos / 1e9;
    const empty = new Float64Array(2 * this.columns.length);
    const rows: IoRow[] = [];
    for (let index = 0; index <= lastIndex; index++) {
      const counts = this.intervals.get(index) ?? empty;
      const frames: number[] = [];
      const bytes: number[] = [];
      for (let i = 0; i < counts.length; i += 2) {
        frames.push(counts[i]!);
        bytes.push(counts[i + 1]!);
      }
      const from = (index * this.intervalNanos) / 1e9;
      const to = this.intervalNanos === 0 ? duration : Math.min(((index + 1) * this.intervalNanos) / 1e9, duration);
      rows.push({ from, to, frames, bytes });
    }
    return { statistic: 'io,stat', interval: this.intervalNanos / 1e9, duration, columns: this.columns.map((filter) => filter?.text ?? null), rows };
  }

  private countFrame(record: CaptureRecord): void {
    this.columns.forEach((filter, column) => {
      if (filter === undefined) this.add(record.time, column, record.originalLength);
    });
  }

  private add(time: Timestamp, column: number, bytes: number): void {
    // A frame stamped before the first one (an unordered capture) counts in the first interval.
    const index = this.indexAt(Math.max(0, nanosBetween(this.frames.first!, time)));
    let counts = this.intervals.get(index);
    if (counts === undefined) {
      counts = new Float64Array(2 * this.columns.length);
      this.intervals.set(index, counts);
      this.lastIndex = Math.max(this.lastIndex, index);
    }
    counts[2 * column]! += 1;
    counts[2 * column + 1]! += bytes;
  }

  private indexAt(nanos: number): number {
    return this.intervalNanos === 0 ? 0 : Math.floor(nanos / this.intervalNanos);
  }
}
