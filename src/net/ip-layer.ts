/** From an IP packet to a whole datagram: header parsing plus fragment reassembly. */
import { parseIp, walkIpv6Extensions, type IpHeader } from './ip-header.js';
import type { Timestamp } from '../capture/record.js';
import { FragmentTable, type Abandoned } from './ip-fragments.js';
import type { NetLimits } from './limits.js';
import type { NetNote } from './payload.js';
import { note } from './note-kinds.js';

export interface IpDatagram {
  src: string;
  dst: string;
  protocol: number;
  payload: Buffer;
  /** The snap length (or a cut fragment) left payload shorter than on the wire. */
  truncated: boolean;
  /** Bytes of payload on the wire, as the headers declare. */
  declaredLength: number;
  /** Frames of every fragment (just the frame itself when not fragmented). */
  frames: number[];
  notes: NetNote[];
}

export type IpResult =
  | { kind: 'datagram'; datagram: IpDatagram }
  /** A fragment was buffered (or dropped with a note): nothing to pass on yet. */
  | { kind: 'pending' }
  | { kind: 'error'; message: string };

export class IpLayer {
  private readonly fragments: FragmentTable;

  constructor(limits: NetLimits) {
    this.fragments = new FragmentTable(limits);
  }

  oldestHeldFrame(): number | undefined {
    return this.fragments.oldestHeldFrame();
  }

  /** Datagrams given up incomplete since the last call (by the last decode). */
  takeAbandoned(): Abandoned[] {
    return this.fragments.takeAbandoned();
  }

  /** End of capture: the datagrams still incomplete. */
  finish(): Abandoned[] {
    return this.fragments.finish();
  }

  decode(packet: Buffer, frame: number, time: Timestamp): IpResult {
    this.fragments.expire(time);
    const parsed = parseIp(packet);
    if (!parsed.ok) return { kind: 'error', message: parsed.message };
    const header = parsed.header;
    const { fragment } = header;
    if (!fragment || (fragment.offset === 0 && !fragment.more)) {
      return whole(header, header.payload, header.declaredLength, [frame], []);
    }
    const key = `IPv${header.version} ${header.src} > ${header.dst} proto ${header.protocol} id 0x${fragment.id.toString(16)}`;
    const done = this.fragments.add(key, { src: header.src, dst: header.dst, protocol: header.protocol }, {
      offset: fragment.offset,
      more: fragment.more,
      data: header.payload,
      declaredLength: header.declaredLength,
      frame,
      time,
    });
    if (!done) return { kind: 'pending' };
    const notes: NetNote[] = [];
    if (done.conflicts > 0) {
      notes.push(note('fragment-overlap', `overlapping IP fragments disagree (${done.conflicts}); the first to arrive was kept`));
    }
    return whole(header, done.payload, done.declaredLength, done.frames, notes);
  }
}

/** For IPv6, headers may follow the fragment header (they belong to the reassembled payload). */
function whole(header: IpHeader, payload: Buffer, declaredLength: number, frames: number[], notes: NetNote[]): IpResult {
  let protocol = header.protocol;
  let data = payload;
  let declared = declaredLength;
  if (header.version === 6 && header.fragment) {
    const walked = walkIpv6Extensions(protocol, payload);
    if (!walked.ok) return { kind: 'error', message: walked.message };
    if (walked.fragment) return { kind: 'error', message: 'IPv6 fragment header inside a reassembled datagram' };
    protocol = walked.protocol;
    declared -= payload.length - walked.rest.length;
    data = walked.rest;
  }
  const datagram: IpDatagram = {
    src: header.src,
    dst: header.dst,
    protocol,
    payload: data,
    truncated: data.length < declared,
    declaredLength: declared,
    frames,
    notes,
  };
  return { kind: 'datagram', datagram };
}
