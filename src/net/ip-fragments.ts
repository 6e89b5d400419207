/** Reassembly of fragmented IPv4 / IPv6 datagrams, bounded in time and memory. */
import { oldestFrame } from './held-frames.js';
import type { NetLimits } from './limits.js';
import { ownCopy } from './own-copy.js';

export interface Fragment {
  offset: number;
  more: boolean;
  /** The captured fragment data (shorter than declaredLength when the snap length cut it). */
  data: Buffer;
  declaredLength: number;
  frame: number;
  /** Capture time in seconds. */
  time: number;
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

interface Pending {
  fragments: Fragment[];
  /** Payload length, known once the last fragment (more = false) arrived. */
  total?: number;
  buffered: number;
  firstTime: number;
}

export type Drop = (frame: number, message: string) => void;

export class FragmentTable {
  /** In order of first fragment, so the oldest expire first. */
  private readonly pending = new Map<string, Pending>();
  private buffered = 0;

  constructor(
    private readonly limits: Pick<NetLimits, 'fragmentTimeoutSeconds' | 'fragmentDatagramBytes' | 'fragmentTotalBytes'>,
    private readonly drop: Drop,
  ) {}

  /** Forgets datagrams whose first fragment is older than the timeout. */
  expire(now: number, frame: number): void {
    for (const [key, entry] of this.pending) {
      if (now - entry.firstTime <= this.limits.fragmentTimeoutSeconds) break;
      this.forget(key, entry);
      this.drop(frame, `fragmented datagram ${key} incomplete after ${this.limits.fragmentTimeoutSeconds} s: ${entry.fragments.length} fragment(s) dropped`);
    }
  }

  /** The oldest frame of a datagram still incomplete. */
  oldestHeldFrame(): number | undefined {
    return oldestFrame([...this.pending.values()].flatMap((entry) => entry.fragments.map((fragment) => fragment.frame)));
  }

  /** Adds a fragment; returns the datagram when this fragment completed it. */
  add(key: string, fragment: Fragment): Reassembled | undefined {
    const end = fragment.offset + fragment.declaredLength;
    if (end > this.limits.fragmentDatagramBytes) {
      const entry = this.pending.get(key);
      if (entry) this.forget(key, entry);
      this.drop(fragment.frame, `fragment of ${key} ends at ${end}, beyond the ${this.limits.fragmentDatagramBytes}-byte datagram limit: datagram dropped`);
      return undefined;
    }
    if (this.buffered + fragment.data.length > this.limits.fragmentTotalBytes) {
      this.drop(fragment.frame, `fragment buffer full (${this.limits.fragmentTotalBytes} bytes): fragment of ${key} dropped`);
      return undefined;
    }
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { fragments: [], buffered: 0, firstTime: fragment.time };
      this.pending.set(key, entry);
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

  private forget(key: string, entry: Pending): void {
    this.buffered -= entry.buffered;
    this.pending.delete(key);
  }
}

/** Whether the fragments' declared ranges cover 0 ... total. */
function covers(fragments: Fragment[], total: number): boolean {
  const ranges = fragments.map((f) => [f.offset, f.offset + f.declaredLength] as const).sort((a, b) => a[0] - b[0]);
  let reached = 0;
  for (const [start, end] of ranges) {
    if (start > reached) return false;
    reached = Math.max(reached, end);
  }
  return reached >= total;
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
