import type { DissectedPdu } from '../src/dissect/pdu.js';
import { dissectPayload } from '../src/dissect/dissect-pdu.js';
import { CaptureClock } from '../src/dissect/time.js';
import { encodePdu, type EncodeValues } from '../src/protocol/encode.js';
import { findTableByName } from '../src/protocol/registry.js';
import type { Direction } from '../src/protocol/types.js';

/** Real PDUs for the format and CLI tests: encoded from the command tables, then dissected. */

const CLIENT = { ip: '10.0.0.5', port: 1026 };
const SERVER = { ip: '10.0.0.1', port: 4000 };

export interface At {
  frame: number;
  /** Seconds after 2026-01-02 03:04:05 UTC. */
  offset?: number;
  nanos?: number;
  digits?: number;
}

const BASE_SECONDS = Date.UTC(2026, 0, 2, 3, 4, 5) / 1000;

export function dissectBytes(bytes: Buffer, direction: 'client-to-server' | 'server-to-client', at: At): DissectedPdu {
  const toServer = direction === 'client-to-server';
  return dissectPayload(
    {
      transport: 'udp',
      frame: at.frame,
      frames: [at.frame],
      time: { seconds: BASE_SECONDS + (at.offset ?? 0), nanos: at.nanos ?? 0, digits: at.digits ?? 6 },
      src: toServer ? CLIENT : SERVER,
      dst: toServer ? SERVER : CLIENT,
      bytes,
      truncated: false,
      notes: [],
    },
    { decoder: new TextDecoder('windows-1252'), serverPorts: new Set([4000]) },
  );
}

/** PDUs as one capture's, each in a frame of its own, the first one's first: time.relative, time.delta, -t r and -t d count as in a file. */
export function inCapture(pdus: readonly DissectedPdu[]): DissectedPdu[] {
  const clock = new CaptureClock();
  for (const d of pdus) clock.frame(d.timestamp);
  const start = pdus[0]!.timestamp;
  return pdus.map((d) => ({ ...d, start, previousFrame: clock.previousFrame(d.timestamp), pdu: { ...d.pdu, time: clock.time(d.timestamp) } }));
}

export function encoded(direction: Direction, name: string, values: EncodeValues): Buffer {
  const table = findTableByName(direction, name);
  if (!table) throw new Error(`no table ${direction} ${name}`);
  return encodePdu(table, values);
}

export function udpPdu(direction: 'client-to-server' | 'server-to-client', name: string, values: EncodeValues, at: At): DissectedPdu {
  return dissectBytes(encoded(direction, name, values), direction, at);
}

export const login = (at: At, password = 'secret'): DissectedPdu =>
  udpPdu('client-to-server', 'LOGIN', { SEQ_NUM: 1, UIN: 22222, PORT: 1026, PASSWORD: password, USER_IP: '127.0.0.1', LOGIN_SEQ_NUM: 1 }, at);

export const message = (at: At, text: string, seq = 2): DissectedPdu =>
  udpPdu('client-to-server', 'SEND_MESSAGE', { SEQ_NUM: seq, UIN: 22222, RECEIVER_UIN: 1001, MESSAGE_TYPE: 1, MESSAGE: text }, at);

export const serverAck = (at: At, seq: number): DissectedPdu => udpPdu('server-to-client', 'ACK', { SEQ_NUM: seq }, at);
