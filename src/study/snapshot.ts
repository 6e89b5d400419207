import type { DissectedPdu, Field } from '../dissect/pdu.js';
import { littleEndian } from './value-counts.js';

/**
 * What the echo test keeps of an earlier PDU: its command and its leaf fields that can echo, each by
 * name, length and value (the bytes as two numbers: no copy of the PDU, whose bytes are a view of the
 * capture's read buffer). Filled again for each PDU (see takeSnapshot): `size` entries are valid.
 */
export interface Snapshot {
  command: string;
  size: number;
  names: string[];
  lengths: number[];
  /** The field's first 4 bytes and the rest, each as a little-endian number. */
  low: number[];
  high: number[];
}

/** Fields this long can echo: a single byte is equal by chance too often to tell anything. */
const MIN_ECHO = 2;
const MAX_ECHO = 8;

function leaves(fields: readonly Field[], bytes: Uint8Array, snapshot: Snapshot): void {
  for (const f of fields) {
    if (f.fields) leaves(f.fields, bytes, snapshot);
    else if (f.length >= MIN_ECHO && f.length <= MAX_ECHO) {
      const i = snapshot.size++;
      snapshot.names[i] = f.name;
      snapshot.lengths[i] = f.length;
      snapshot.low[i] = littleEndian(bytes, f.offset, Math.min(4, f.length));
      snapshot.high[i] = f.length > 4 ? littleEndian(bytes, f.offset + 4, f.length - 4) : 0;
    }
  }
}

/** An empty snapshot to be filled by {@link takeSnapshot}. */
const emptySnapshot = (): Snapshot => ({ command: '?', size: 0, names: [], lengths: [], low: [], high: [] });

/** Fills `into` with the PDU, reusing its arrays (a snapshot object per PDU made the study's garbage collection a tenth of its time). */
export function takeSnapshot(d: DissectedPdu, into: Snapshot): Snapshot {
  into.command = d.pdu.command?.name ?? '?';
  into.size = 0;
  leaves(d.pdu.fields, d.bytes, into);
  return into;
}

/** Adds to `into` the names of the snapshot's fields equal to the `length` bytes at `offset` (none for a value that cannot echo). */
export function echoesIn(snapshot: Snapshot, bytes: Uint8Array, offset: number, length: number, into: string[]): string[] {
  into.length = 0;
  if (length < MIN_ECHO || length > MAX_ECHO) return into;
  const low = littleEndian(bytes, offset, Math.min(4, length));
  const high = length > 4 ? littleEndian(bytes, offset + 4, length - 4) : 0;
  if (low === 0 && high === 0) return into;
  for (let i = 0; i < snapshot.size; i++) {
    if (snapshot.lengths[i] === length && snapshot.low[i] === low && snapshot.high[i] === high) into.push(snapshot.names[i]!);
  }
  return into;
}

/** The last `size` PDUs' snapshots by frame number, in a ring whose slots are refilled (no map churn, no garbage per PDU). */
export class RecentSnapshots {
  private readonly frames: Int32Array;
  private readonly snapshots: Snapshot[];

  constructor(private readonly size: number) {
    this.frames = new Int32Array(size).fill(-1);
    this.snapshots = Array.from({ length: size }, emptySnapshot);
  }

  /** The slot of `frame`'s PDU, to be filled with takeSnapshot (its PDU is taken in place: no copy). */
  slotFor(frame: number): Snapshot {
    const slot = frame % this.size;
    this.frames[slot] = frame;
    return this.snapshots[slot]!;
  }

  get(frame: number): Snapshot | undefined {
    const slot = frame % this.size;
    return this.frames[slot] === frame ? this.snapshots[slot] : undefined;
  }

  clear(): void {
    this.frames.fill(-1);
  }
}
