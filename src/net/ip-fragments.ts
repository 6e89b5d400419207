/** Reassembly of fragmented IPv4 / IPv6 datagrams, bounded in time, in count and in memory. */
import type { Timestamp } from '../capture/record.js';
import type { NetLimits } from './limits.js';
import { EMPTY, ownCopy } from './own-copy.js';
import { RecentlyUsed } from './recently-used.js';

export interface Fragment {
  offset: number;
  more: boolean;
  /** The captured fragment data (shorter than declaredLength when the snap length cut it). */
  data: Buffer;
  declaredLength: number;
  frame: number;
  time: Timestamp;
}

export interface Reassembled {
  /** Stops at the first byte no fragment captured (a fragment cut by the snap length). */
  payload: Buffer;
  /** Length of the whole payload on the wire. */
  declaredLength: number;
  /** Every fragment's frame, ascending. */
  frames: number[];
  /** Overlapping fragments whose bytes disagreed (the first fragment to arrive wins). */
  conflicts: number;
}

/** What a datagram is, beside its fragments: its addresses and protocol, from the first fragment seen. */
export interface DatagramOrigin {
  src: string;
  dst: string;
  protocol: number;
}

/** A datagram given up incomplete (timed out, past a limit, or the capture ended): tshark's "Fragmented IP protocol". */
export interface Abandoned {
  key: string;
  origin: DatagramOrigin;
  /** The fragment at offset 0, when it came: where the datagram is listed. */
  first?: Fragment;
  /** The bytes from offset 0 that fragments cover without a hole. */
  start: Buffer;
  fragments: number;
  /** Why it was given up, for its note. */
  reason: string;
}

interface Pending {
  origin: DatagramOrigin;
  fragments: Fragment[];
  /** Payload length, known once the last fragment (more = false) arrived. */
  total?: number;
  buffered: number;
  /** Capture seconds of the first fragment. */
  firstTime: number;
}

type FragmentLimits = Pick<NetLimits, 'fragmentTimeoutSeconds' | 'fragmentDatagramBytes' | 'fragmentTotalBytes' | 'fragmentDatagrams'>;

const seconds = (time: Timestamp) => time.seconds + time.nanos / 1e9;

export class FragmentTable {
  /** In order of first fragment (nothing is moved on a later one), so the oldest expire (and are evicted) first. */
  private readonly pending: RecentlyUsed<string, Pending>;
  private buffered = 0;
  private abandoned: Abandoned[] = [];

  constructor(private readonly limits: FragmentLimits) {
    this.pending = new RecentlyUsed(limits.fragmentDatagrams);
  }

  /** Gives up datagrams whose first fragment is older than the timeout. */
  expire(now: Timestamp): void {
    for (let oldest = this.pending.oldest(); oldest && seconds(now) - oldest[1].firstTime > this.limits.fragmentTimeoutSeconds; oldest = this.pending.oldest()) {
      this.abandon(oldest[0], oldest[1], `incomplete after ${this.limits.fragmentTimeoutSeconds} s`);
    }
  }

  /** The oldest frame of a datagram still incomplete: the first fragment of the oldest one. */
  oldestHeldFrame(): number | undefined {
    return this.pending.oldestValue()?.fragments[0]?.frame;
  }

  /** The datagrams given up since the last call. */
  takeAbandoned(): Abandoned[] {
    const out = this.abandoned;
    this.abandoned = [];
    return out;
  }

  /** End of capture: every datagram still incomplete is given up. */
  finish(): Abandoned[] {
    for (const [key, entry] of this.pending.oldestFirst()) this.abandon(key, entry, 'incomplete at the end of the capture');
    return this.takeAbandoned();
  }

  /** Adds a fragment; returns the datagram when this fragment completed it. */
  add(key: string, origin: DatagramOrigin, fragment: Fragment): Reassembled | undefined {
    const end = fragment.offset + fragment.declaredLength;
    let entry = this.pending.peek(key);
    if (end > this.limits.fragmentDatagramBytes) {
      const reason = `a fragment ends at ${end}, beyond the ${this.limits.fragmentDatagramBytes}-byte datagram limit`;
      this.abandon(key, entry ?? { origin, fragments: [fragment], buffered: 0, firstTime: seconds(fragment.time) }, reason);
      return undefined;
    }
    if (!entry) {
      this.evictFor(1, fragment.data.length);
      entry = { origin, fragments: [], buffered: 0, firstTime: seconds(fragment.time) };
      this.pending.set(key, entry);
    } else if (!this.evictFor(0, fragment.data.length, entry)) {
      // Only this datagram is left, and it alone would pass the byte limit.
      this.abandon(key, entry, `its fragments would pass the ${this.limits.fragmentTotalBytes}-byte fragment buffer`);
      return undefined;
    }
    const copy = { ...fragment, data: ownCopy(fragment.data) };
    entry.fragments.push(copy);
    entry.buffered += copy.data.length;
    this.buffered += copy.data.length;
    if (!fragment.more) entry.total = end;
    if (entry.total === undefined || !covers(entry.fragments, entry.total)) return undefined;
    this.forget(key, entry);
    return assemble(entry.fragments, entry.total);
  }

  /** Gives up the oldest datagrams (not `keep`) until `datagrams` more and `bytes` more fit the limits; false if they still do not. */
  private evictFor(datagrams: number, bytes: number, keep?: Pending): boolean {
    const { fragmentDatagrams, fragmentTotalBytes } = this.limits;
    let count = this.pending.size;
    let buffered = this.buffered;
    const fitsAfter = () => count + datagrams <= fragmentDatagrams && buffered + bytes <= fragmentTotalBytes;
    const victims = this.pending.oldestFirst((entry) => {
      if (fitsAfter()) return false;
      if (entry !== keep) {
        count--;
        buffered -= entry.buffered;
      }
      return true;
    });
    for (const [key, entry] of victims) {
      if (entry === keep) continue;
      const countFits = this.pending.size + datagrams <= fragmentDatagrams;
      const limit = countFits ? `the ${fragmentTotalBytes}-byte fragment buffer` : `the limit of ${fragmentDatagrams} incomplete datagrams`;
      this.abandon(key, entry, `given up as the oldest, ${limit} reached`);
    }
    return fitsAfter();
  }

  private abandon(key: string, entry: Pending, reason: string): void {
    this.forget(key, entry);
    const first = entry.fragments.find((f) => f.offset === 0);
    this.abandoned.push({ key, origin: entry.origin, ...(first ? { first } : {}), start: first ? contiguousStart(entry.fragments) : EMPTY, fragments: entry.fragments.length, reason });
  }

  private forget(key: string, entry: Pending): void {
    this.buffered -= entry.buffered;
    this.pending.delete(key);
  }
}

/** Declared ranges, by start. */
function ranges(fragments: Fragment[]): (readonly [number, number])[] {
  return fragments.map((f) => [f.offset, f.offset + f.declaredLength] as const).sort((a, b) => a[0] - b[0]);
}

/** Whether the fragments' declared ranges cover 0 ... total. */
function covers(fragments: Fragment[], total: number): boolean {
  let reached = 0;
  for (const [start, end] of ranges(fragments)) {
    if (start > reached) return false;
    reached = Math.max(reached, end);
  }
  return reached >= total;
}

/** The payload from offset 0 up to the first byte no fragment captured. */
function contiguousStart(fragments: Fragment[]): Buffer {
  let reached = 0;
  for (const [start, end] of ranges(fragments)) {
    if (start > reached) break;
    reached = Math.max(reached, end);
  }
  return assemble(fragments, reached).payload;
}

function assemble(fragments: Fragment[], total: number): Reassembled {
  const payload = Buffer.alloc(total);
  const filled = new Uint8Array(total);
  let conflicts = 0;
  for (const fragment of fragments) {
    let conflict = false;
    const data = fragment.data.subarray(0, Math.max(0, total - fragment.offset));
    for (let i = 0; i < data.length; i++) {
      const at = fragment.offset + i;
      if (!filled[at]) {
        payload[at] = data[i];
        filled[at] = 1;
      } else if (payload[at] !== data[i]) conflict = true;
    }
    if (conflict) conflicts++;
  }
  const missing = filled.indexOf(0);
  const frames = [...new Set(fragments.map((f) => f.frame))].sort((a, b) => a - b);
  return {
    payload: missing < 0 ? payload : payload.subarray(0, missing),
    declaredLength: total,
    frames,
    conflicts,
  };
}
