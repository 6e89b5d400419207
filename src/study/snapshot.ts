import type { DissectedPdu, Field } from '../dissect/pdu.js';

/**
 * What the echo test keeps of an earlier PDU: its command, its bytes (copied: a dissected PDU's bytes are
 * a view of the capture's read buffer, which a kept reference would hold on to) and where its leaf fields are.
 */
export interface Snapshot {
  command: string;
  /** The PDU's bytes, copied once. */
  bytes: Buffer;
  names: string[];
  offsets: number[];
  lengths: number[];
}

/** Fields this long can echo: a single byte is equal by chance too often to tell anything. */
const MIN_ECHO = 2;
const MAX_ECHO = 8;

function leaves(fields: readonly Field[], snapshot: Snapshot): void {
  for (const f of fields) {
    if (f.fields) leaves(f.fields, snapshot);
    else if (f.length >= MIN_ECHO && f.length <= MAX_ECHO) {
      snapshot.names.push(f.name);
      snapshot.offsets.push(f.offset);
      snapshot.lengths.push(f.length);
    }
  }
}

/** An empty snapshot to be filled by {@link takeSnapshot}. */
export const emptySnapshot = (): Snapshot => ({ command: '?', bytes: Buffer.allocUnsafeSlow(0), names: [], offsets: [], lengths: [] });

/**
 * Fills `into` with the PDU, reusing its buffer and arrays (a snapshot per PDU made the study's garbage
 * collection a tenth of its time); `bytes` views the start of storage of its own, grown when a PDU is longer.
 */
export function takeSnapshot(d: DissectedPdu, into: Snapshot): Snapshot {
  const length = d.bytes.length;
  const storage = into.bytes.buffer.byteLength >= length ? into.bytes.buffer : new ArrayBuffer(Math.max(length, 64));
  into.bytes = Buffer.from(storage, 0, length);
  d.bytes.copy(into.bytes);
  into.command = d.pdu.command?.name ?? '?';
  into.names.length = into.offsets.length = into.lengths.length = 0;
  leaves(d.pdu.fields, into);
  return into;
}

/** Names of the snapshot's fields whose bytes equal `bytes` (none for a value that cannot echo). */
export function* echoesIn(snapshot: Snapshot, bytes: Buffer): Generator<string> {
  if (bytes.length < MIN_ECHO || bytes.every((b) => b === 0)) return;
  for (let i = 0; i < snapshot.names.length; i++) {
    if (snapshot.lengths[i] !== bytes.length) continue;
    const start = snapshot.offsets[i]!;
    let k = 0;
    while (k < bytes.length && snapshot.bytes[start + k] === bytes[k]) k++;
    if (k === bytes.length) yield snapshot.names[i]!;
  }
}

/** The last `size` PDUs' snapshots by frame number, in a ring whose slots are refilled (no map churn, no garbage per PDU). */
export class RecentSnapshots {
  private readonly frames: Int32Array;
  private readonly snapshots: Snapshot[];

  constructor(private readonly size: number) {
    this.frames = new Int32Array(size).fill(-1);
    this.snapshots = Array.from({ length: size }, emptySnapshot);
  }

  put(frame: number, d: DissectedPdu): void {
    const slot = frame % this.size;
    this.frames[slot] = frame;
    takeSnapshot(d, this.snapshots[slot]!);
  }

  get(frame: number): Snapshot | undefined {
    const slot = frame % this.size;
    return this.frames[slot] === frame ? this.snapshots[slot] : undefined;
  }

  clear(): void {
    this.frames.fill(-1);
  }
}
