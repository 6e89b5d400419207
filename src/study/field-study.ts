import { holds, MIN_SAMPLES, type Pattern } from './pattern.js';
import { readingsOf, type Readings } from './readings.js';
import { relationTests, type RelationTest } from './relation-tests.js';
import type { Sample } from './sample.js';
import { constant, enumeration, flags, random } from './value-tests.js';
import { littleEndian, ValueCounts } from './value-counts.js';
import { plural } from '../protocol/plural.js';

/** What the study reports of one unknown field (or one word of an undescribed body), as `unknowns -T json` prints it. */
export interface FieldReport {
  command: string;
  direction: string;
  transport: string;
  field: string;
  /** Offset from the PDU's first byte (the most frequent one where it moves: the field follows a string). */
  offset: number;
  /** For a word of a byte run: its offset from the run's first byte. */
  runOffset?: number;
  length: number;
  count: number;
  distinct: number;
  values: ({ hex: string; count: number } & Readings)[];
  /** The document's fixed value (hex), and how many PDUs agree with it or with the others it allows. */
  expected: string | null;
  /** Other values the document allows (LOGIN_REPLY X2: xx 00 16 00, xx = 19 or 18). */
  alsoExpected?: string[];
  agreesWithDocument: number | null;
  pattern: Pattern;
  /** Which senders send which values, where senders differ. */
  senders: { sender: string; software?: string; values: { hex: string; count: number }[] }[];
  /** The value over time per sender (seconds since 1970, the value read little-endian; its first samples only), for plots. */
  series: { sender: string; software?: string; points: [time: number, value: number][] }[];
}

const TOP_VALUES = 5;
/** Senders plotted per field, and points per sender (the first ones: a plot needs no more). */
const SERIES_SENDERS = 16;
const SERIES_POINTS = 256;
/** Senders remembered per field, and values per sender. */
const MAX_SENDERS = 64;
const SENDER_VALUES = 8;

/** A sender by its number ({@link SenderIds}): its UIN or endpoint, and its software when the fingerprint named it. */
export type DescribeSender = (sender: number) => { sender: string; software?: string };

/** One unit of one command: its values as counts, the pattern tests, its senders. */
export class FieldStudy {
  readonly values: ValueCounts;
  private readonly relations: RelationTest[] = relationTests();
  private readonly offsets = new Map<number, number>();
  private readonly senders = new Map<number, ValueCounts>();
  private readonly series = new Map<number, [number, number][]>();

  constructor(
    readonly command: string,
    readonly direction: string,
    readonly transport: string,
    readonly field: string,
    readonly length: number,
    readonly runOffset: number | undefined,
    private readonly expected: readonly string[] | undefined,
  ) {
    this.values = new ValueCounts(length);
  }

  /** `sender` is the sender's number, -1 for one not numbered (past SenderIds' limit): counted, not per sender. */
  add(sample: Sample, sender: number): void {
    this.values.add(sample.key);
    this.offsets.set(sample.offset, (this.offsets.get(sample.offset) ?? 0) + 1);
    for (const test of this.relations) test.add(sample);
    if (sender < 0) return;
    let values = this.senders.get(sender);
    if (!values && this.senders.size < MAX_SENDERS) this.senders.set(sender, (values = new ValueCounts(this.length)));
    values?.add(sample.key);
    let points = this.series.get(sender);
    if (!points && this.series.size < SERIES_SENDERS) this.series.set(sender, (points = []));
    if (points && points.length < SERIES_POINTS) points.push([sample.time, littleEndian(sample.pduBytes, sample.offset, sample.length)]);
  }

  /** The best-supported explanation: too few samples, a constant, a relation that holds, then the value tests. */
  pattern(): Pattern {
    const { values, length } = this;
    if (values.total < MIN_SAMPLES) return { kind: 'insufficient', detail: plural(values.total, 'sample'), support: values.total, against: 0 };
    const same = constant(values);
    if (same) return same;
    let best: Pattern | undefined;
    // On a tie the earlier test wins (relationTests lists them from the most specific).
    for (const test of this.relations) {
      const found = test.finding();
      if (found && holds(found) && (!best || found.support > best.support)) best = found;
    }
    if (best) return best;
    const byValue = flags(values, length) ?? enumeration(values) ?? random(values, length);
    if (byValue) return byValue;
    return { kind: 'insufficient', detail: `no test explains ${values.total} samples of ${values.distinct} values`, support: 0, against: values.total };
  }

  report(describe: DescribeSender): FieldReport {
    const { values } = this;
    const offset = [...this.offsets].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
    const [expected = null, ...alsoExpected] = this.expected ?? [];
    return {
      command: this.command,
      direction: this.direction,
      transport: this.transport,
      field: this.field,
      offset,
      ...(this.runOffset === undefined ? {} : { runOffset: this.runOffset }),
      length: this.length,
      count: values.total,
      distinct: values.distinct,
      values: values.top(TOP_VALUES).map((v) => ({ ...v, ...readingsOf(v.hex) })),
      expected,
      ...(alsoExpected.length > 0 ? { alsoExpected } : {}),
      agreesWithDocument: expected === null ? null : [expected, ...alsoExpected].reduce((sum, hex) => sum + values.get(hex), 0),
      pattern: this.pattern(),
      senders: this.sendersReport(describe),
      series: [...this.series].map(([sender, points]) => ({ ...describe(sender), points })),
    };
  }

  /** Only where senders differ: each sender's most frequent values. */
  private sendersReport(describe: DescribeSender): FieldReport['senders'] {
    const listed = [...this.senders].map(([sender, values]) => ({ ...describe(sender), values: values.top(SENDER_VALUES) }));
    const signatures = new Set(listed.map((s) => s.values.map((v) => v.hex).join(' ')));
    return listed.length > 1 && signatures.size > 1 ? listed : [];
  }
}
