import { openCapture } from '../capture/open.js';
import { icqPayloads } from '../net/icq-payloads.js';
import { IcqTraffic } from '../net/icq-traffic.js';
import { dissectPayload } from './dissect-pdu.js';
import type { DissectedPdu } from './pdu.js';
import type { WalkDepth } from './walk.js';

export interface DissectCaptureOptions {
  /** TextDecoder label for strings from the wire (default windows-1252). */
  charset?: string;
  /** UDP ports of the server (default [4000]). */
  udpPorts?: number[];
  /** Pass one to read its `stats` (frames seen, payloads) while or after iterating. */
  traffic?: IcqTraffic;
  /** How much of each field to make (default `full`); see WalkDepth. */
  depth?: WalkDepth;
  /** Told how many bytes of the file were read so far (progress reports). */
  onRead?: (bytes: number) => void;
}

export const DEFAULT_CHARSET = 'windows-1252';
export const DEFAULT_UDP_PORTS: readonly number[] = [4000];

/**
 * The pipeline from a capture file to dissected PDUs, one at a time (constant memory). LOGIN and
 * USER_ONLINE tell the network layer which TCP ports carry peer traffic. A CaptureError is thrown by the
 * iterator after every PDU before the damage was yielded.
 */
export async function* dissectCapture(path: string, opts: DissectCaptureOptions = {}): AsyncGenerator<DissectedPdu> {
  const udpPorts = opts.udpPorts ?? [...DEFAULT_UDP_PORTS];
  const decoder = new TextDecoder(opts.charset ?? DEFAULT_CHARSET); // RangeError on an unknown label
  const traffic = opts.traffic ?? new IcqTraffic({ udpPorts });
  const serverPorts = new Set(udpPorts);
  const onPeerAnnounced = (ip: string, port: number) => traffic.announcePeer(ip, port);
  for await (const payload of icqPayloads(openCapture(path, opts.onRead ? { onRead: opts.onRead } : {}), traffic)) {
    yield dissectPayload(payload, { decoder, serverPorts, onPeerAnnounced, depth: opts.depth ?? 'full' });
  }
}
