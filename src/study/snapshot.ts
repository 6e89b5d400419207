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

export function snapshotOf(d: DissectedPdu): Snapshot {
  const bytes = Buffer.allocUnsafe(d.bytes.length);
  d.bytes.copy(bytes);
  const snapshot: Snapshot = { command: d.pdu.command?.name ?? '?', bytes, names: [], offsets: [], lengths: [] };
  leaves(d.pdu.fields, snapshot);
  return snapshot;
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

/** The last `size` snapshots by frame number, in a ring (no map churn per PDU). */
export class RecentSnapshots {
  private readonly frames: Int32Array;
  private readonly snapshots: (Snapshot | undefined)[];

  constructor(private readonly size: number) {
    this.frames = new Int32Array(size).fill(-1);
    this.snapshots = new Array(size);
  }

  put(frame: number, snapshot: Snapshot): void {
    const slot = frame % this.size;
    this.frames[slot] = frame;
    this.snapshots[slot] = snapshot;
  }

  get(frame: number): Snapshot | undefined {
    const slot = frame % this.size;
    return this.frames[slot] === frame ? this.snapshots[slot] : undefined;
  }

  clear(): void {
    this.frames.fill(-1);
    this.snapshots.fill(undefined);
  }
}
