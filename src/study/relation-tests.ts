import { Tally, type Pattern, type PatternKind } from './pattern.js';
import type { Sample } from './sample.js';
import { echoesIn, type Snapshot } from './snapshot.js';
import type { ValueKey } from './value-counts.js';
import { RecentMap } from './recent-map.js';
import { plural } from '../protocol/plural.js';

/**
 * The tests that relate a unit's value to something else in the traffic (FieldHunter's and Netzob's
 * relations, with what we know of the protocol: sessions, pairing, the document's lengths). Each keeps
 * bounded counts and says, at the end, how many samples fit its best explanation and how many not.
 */
export interface RelationTest {
  readonly kind: PatternKind;
  add(sample: Sample): void;
  finding(): Pattern | undefined;
}

/** Flows remembered per test and generation (a counter's last value, a session's first value: see RecentMap). */
const MAX_FLOWS = 512;
const SECONDS_PER_DAY = 86_400;

type Reading = 'le' | 'be';
const READING_NAME: Record<number, Record<Reading, string>> = { 1: { le: 'u8', be: 'u8' }, 2: { le: 'u16le', be: 'u16be' }, 4: { le: 'u32le', be: 'u32be' } };

/** A 1-, 2- or 4-byte value with its bytes reversed. */
function swapped(value: number, size: number): number {
  if (size === 2) return ((value & 0xff) << 8) | (value >> 8);
  if (size === 4) return (((value & 0xff) << 24) | ((value & 0xff00) << 8) | ((value >>> 8) & 0xff00) | (value >>> 24)) >>> 0;
  return value;
}

/** Counts `value` in `map`, which holds at most MAX_FLOWS values. */
function count(map: Map<number, number>, value: number): void {
  const known = map.get(value);
  if (known !== undefined) map.set(value, known + 1);
  else if (map.size < MAX_FLOWS) map.set(value, 1);
}


const signed = (n: number) => (n >= 0 ? `+${n}` : String(n));

type PortLabels = { sender: string; receiver: string };
const portLabels = (size: number, reading: Reading): PortLabels => {
  const name = READING_NAME[size]![reading];
  return { sender: `the sender's port (${name})`, receiver: `the receiver's port (${name})` };
};
/** The port test's labels, by the unit's length and reading (made once, not per sample). */
const PORT_LABELS: Record<number, Record<Reading, PortLabels>> = {
  2: { le: portLabels(2, 'le'), be: portLabels(2, 'be') },
  4: { le: portLabels(4, 'le'), be: portLabels(4, 'be') },
};
const ENDIAN: Record<Reading, string> = { le: 'little-endian', be: 'big-endian' };
/** Measures compared per unit at most (the PDU's lengths and its strings'). */
const MAX_MEASURES = 16;

/** The better of the two readings' best counts (little-endian on a tie). */
function bestOf(tallies: Record<Reading, Tally<number>>): [Reading, [number, number] | undefined] {
  const le = tallies.le.best();
  const be = tallies.be.best();
  return be && (!le || be[1] > le[1]) ? ['be', be] : ['le', le];
}

/** Consecutive values of one sender's flow differ by a constant step (an accumulator). */
export class CounterTest implements RelationTest {
  readonly kind = 'counter';
  /** Each flow's last value read little-endian (its big-endian reading is the bytes swapped). */
  private readonly last = new RecentMap<number, number>(MAX_FLOWS);
  private readonly steps = { le: new Tally<number>(), be: new Tally<number>() };
  private transitions = 0;
  private readonly flows = new Set<number>();

  add(sample: Sample): void {
    const { le, be, length } = sample;
    if (Number.isNaN(le)) return;
    const last = this.last.get(sample.flow);
    this.last.set(sample.flow, le);
    if (last === undefined) return;
    this.transitions++;
    if (this.flows.size < MAX_FLOWS) this.flows.add(sample.flow);
    const width = 2 ** (8 * length);
    this.step('le', le - last, width);
    this.step('be', be - swapped(last, length), width);
  }

  /** Steps wrap as the field would (a u16 from 65535 to 0 is +1). */
  private step(reading: Reading, difference: number, width: number): void {
    let step = difference % width;
    if (step > width / 2) step -= width;
    if (step < -width / 2) step += width;
    if (step !== 0) this.steps[reading].add(step);
  }

  finding(): Pattern | undefined {
    const [reading, best] = bestOf(this.steps);
    if (!best) return undefined;
    const [step, support] = best;
    const sessions = this.flows.size;
    return {
      kind: 'counter',
      detail: `${signed(step)} per step within a sender's session or stream, read ${ENDIAN[reading]} (${plural(sessions, 'session')})`,
      support,
      against: this.transitions - support,
    };
  }
}

/** Which measure of the PDU a length is compared with. */
interface Measure {
  /** A few of its values: a measure that never varies proves nothing. */
  seen: Set<number>;
  diffs: Record<Reading, Tally<number>>;
}

/** value = a length of the PDU + a constant: the PDU's, the bytes after the unit, a string's LENGTH. */
export class LengthTest implements RelationTest {
  readonly kind = 'length';
  private readonly measures = new Map<string, Measure>();
  private samples = 0;

  add(sample: Sample): void {
    if (Number.isNaN(sample.le)) return;
    this.samples++;
    this.compare('the PDU length', sample.pduLength, sample);
    this.compare('the bytes after it', sample.pduLength - sample.offset - sample.length, sample);
    for (const s of sample.stringLengths) this.compare(s.measure, s.value, sample);
  }

  private compare(name: string, value: number, sample: Sample): void {
    let measure = this.measures.get(name);
    if (!measure) {
      if (this.measures.size >= MAX_MEASURES) return;
      this.measures.set(name, (measure = { seen: new Set(), diffs: { le: new Tally<number>(), be: new Tally<number>() } }));
    }
    if (measure.seen.size < 4) measure.seen.add(value);
    measure.diffs.le.add(sample.le - value);
    measure.diffs.be.add(sample.be - value);
  }

  finding(): Pattern | undefined {
    let found: { name: string; reading: Reading; diff: number; support: number } | undefined;
    for (const [name, measure] of this.measures) {
      // A length that never varies proves nothing: every constant is some length plus a constant.
      if (measure.seen.size < 2) continue;
      const [reading, best] = bestOf(measure.diffs);
      if (best && (!found || best[1] > found.support)) found = { name, reading, diff: best[0], support: best[1] };
    }
    if (!found) return undefined;
    const { name, reading, diff, support } = found;
    return {
      kind: 'length',
      detail: `equals ${name}${diff === 0 ? '' : ` ${diff > 0 ? '+' : '-'} ${Math.abs(diff)}`}, read ${ENDIAN[reading]}`,
      support,
      against: this.samples - support,
    };
  }
}

/** The sender's or receiver's IP address (4 bytes as on the wire) or port (any byte order). */
export class AddressTest implements RelationTest {
  private readonly tally = new Tally();
  private samples = 0;

  constructor(readonly kind: 'host-address' | 'port') {}

  add(sample: Sample): void {
    this.samples++;
    const { length, le, be } = sample;
    if (this.kind === 'host-address') {
      // The four bytes as on the wire: the address read big-endian.
      if (length !== 4) return;
      if (be === sample.srcIp) this.tally.add("the sender's IP address");
      if (be === sample.dstIp) this.tally.add("the receiver's IP address");
      return;
    }
    if (length !== 2 && length !== 4) return;
    const labels = PORT_LABELS[length]!;
    // A 4-byte port read little-endian is its low half (mICQ writes the port + 0x10000).
    this.port(length === 4 ? le & 0xffff : le, sample, labels.le);
    this.port(be, sample, labels.be);
  }

  private port(value: number, sample: Sample, labels: PortLabels): void {
    if (value === sample.src.port) this.tally.add(labels.sender);
    if (value === sample.dst.port) this.tally.add(labels.receiver);
  }

  finding(): Pattern | undefined {
    const best = this.tally.best();
    return best && { kind: this.kind, detail: `equals ${best[0]}`, support: best[1], against: this.samples - best[1] };
  }
}

/** A UIN seen anywhere in the capture (a header's), before or after: checked at the end, over the values' counts. */
export class UinTest implements RelationTest {
  readonly kind = 'uin';
  private readonly le = new Map<number, number>();
  private readonly be = new Map<number, number>();
  private uins: ReadonlySet<number> = new Set();
  private samples = 0;

  add(sample: Sample): void {
    this.samples++;
    this.uins = sample.uins;
    if (sample.length !== 4) return;
    count(this.le, sample.le);
    count(this.be, sample.be);
  }

  finding(): Pattern | undefined {
    const named = (map: Map<number, number>) => [...map].reduce((sum, [value, count]) => sum + (value !== 0 && this.uins.has(value) ? count : 0), 0);
    const [le, be] = [named(this.le), named(this.be)];
    const support = Math.max(le, be);
    if (support === 0) return undefined;
    return { kind: 'uin', detail: `is a UIN of the capture (${le >= be ? 'u32le' : 'u32be'})`, support, against: this.samples - support };
  }
}

/** Constant within each sender's session, different between sessions. */
export class SessionIdTest implements RelationTest {
  readonly kind = 'session-id';
  private readonly first = new RecentMap<number, ValueKey>(MAX_FLOWS);
  private readonly ids = new Set<ValueKey>();
  private sessions = 0;
  private same = 0;
  private different = 0;

  add(sample: Sample): void {
    const first = this.first.get(sample.flow);
    if (first === undefined) {
      this.first.set(sample.flow, sample.key);
      this.sessions++;
      if (this.ids.size < MAX_FLOWS) this.ids.add(sample.key);
    } else if (first === sample.key) this.same++;
    else this.different++;
  }

  finding(): Pattern | undefined {
    if (this.ids.size < 2) return undefined;
    return { kind: 'session-id', detail: `constant within each session, ${this.ids.size} values over ${this.sessions} sessions`, support: this.same, against: this.different };
  }
}

/** Equal to a field of the PDU it answers (the analysis pairs them) or of the other side's last PDU. */
export class EchoTest implements RelationTest {
  readonly kind = 'echo';
  private readonly tally = new Tally();
  private samples = 0;
  /** The names one match found, reused. */
  private readonly echoes: string[] = [];

  add(sample: Sample): void {
    this.samples++;
    this.match(sample, sample.answered, 'answered');
    this.match(sample, sample.peerLast, 'peer');
  }

  private match(sample: Sample, other: Snapshot | undefined, relation: 'answered' | 'peer'): void {
    if (!other) return;
    for (const name of echoesIn(other, sample.pduBytes, sample.offset, sample.length, this.echoes)) this.tally.add(`${relation} ${other.command} ${name}`);
  }

  finding(): Pattern | undefined {
    const best = this.tally.best();
    if (!best) return undefined;
    const [label, support] = best;
    const [relation, command, field] = label.split(' ') as [string, string, string];
    const detail = relation === 'answered' ? `repeats ${field} of the ${command} it answers` : `repeats ${field} of the other side's last PDU (${command})`;
    return { kind: 'echo', detail, support, against: this.samples - support };
  }
}

/** Seconds since 1970 within a day of the capture time. */
export class TimestampTest implements RelationTest {
  readonly kind = 'timestamp';
  private readonly tally = new Tally();
  private samples = 0;

  add(sample: Sample): void {
    this.samples++;
    if (sample.length !== 4) return;
    if (Math.abs(sample.le - sample.time) <= SECONDS_PER_DAY) this.tally.add('seconds since 1970, u32le');
    if (Math.abs(sample.be - sample.time) <= SECONDS_PER_DAY) this.tally.add('seconds since 1970, u32be');
  }

  finding(): Pattern | undefined {
    const best = this.tally.best();
    return best && { kind: 'timestamp', detail: `${best[0]} (within a day of the capture time)`, support: best[1], against: this.samples - best[1] };
  }
}

/** A LENGTH-prefixed, NUL-terminated text starting here (a word of an undescribed body). */
export class StringTest implements RelationTest {
  readonly kind = 'string';
  private found = 0;
  private samples = 0;
  private example: string | undefined;

  add(sample: Sample): void {
    const { runEnd, pduBytes: bytes, offset } = sample;
    if (runEnd < 0 || sample.length !== 2) return;
    this.samples++;
    const length = sample.le;
    const text = offset + 2;
    if (length < 1 || text + length > runEnd || bytes[text + length - 1] !== 0) return;
    // Indexed, not subarray and some(): every word of every body is tried as a LENGTH.
    for (let i = text; i < text + length - 1; i++) {
      const b = bytes[i]!;
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return;
    }
    this.found++;
    this.example ??= bytes.toString('latin1', text, text + length - 1);
  }

  finding(): Pattern | undefined {
    if (this.samples === 0) return undefined;
    return { kind: 'string', detail: `LENGTH (u16le, counting the NUL) then text, e.g. ${JSON.stringify(this.example ?? '')}`, support: this.found, against: this.samples - this.found };
  }
}

export function relationTests(): RelationTest[] {
  return [
    new EchoTest(),
    new StringTest(),
    new LengthTest(),
    new AddressTest('host-address'),
    new AddressTest('port'),
    new UinTest(),
    new CounterTest(),
    new SessionIdTest(),
    new TimestampTest(),
  ];
}
