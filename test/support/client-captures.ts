import { writePcap } from '../../src/writers/write-pcap.js';
import { ethernetFrame } from '../../src/writers/build-link.js';
import { udpPacket } from '../../src/writers/build-transport.js';
import type { Endpoint } from '../../src/net/payload.js';
import { encodePdu, type EncodeValues } from '../../src/protocol/encode.js';
import { findTableByName } from '../../src/protocol/registry.js';

/**
 * Captures of real clients' patterns, written through the encoder in a client variant's byte orders (the
 * server's packets as the document has them, except where the variant says the server repeats the
 * client's bytes), one frame a millisecond.
 */

export const SERVER: Endpoint = { ip: '192.0.2.1', port: 4000 };

export interface ScriptStep {
  /** true: client -> server; false: server -> client. */
  fromClient: boolean;
  command: string;
  values: EncodeValues;
}

export function clientCapture(client: Endpoint, steps: readonly ScriptStep[], variant?: string, server: Endpoint = SERVER): Buffer {
  return udpCapture(
    client,
    steps.map((step) => ({ fromClient: step.fromClient, bytes: encodeStep(step, variant) })),
    server,
  );
}

/** A step's PDU as the encoder writes it (in a client variant's byte orders when one is named). */
export function encodeStep(step: ScriptStep, variant?: string): Buffer {
  const direction = step.fromClient ? 'client-to-server' : 'server-to-client';
  const table = findTableByName(direction, step.command);
  if (!table) throw new Error(`no ${direction} table ${step.command}`);
  return encodePdu(table, step.values, variant ? { variant } : {});
}

/** UDP payloads as they are (ICQ or any other), between `client` and the server, one a millisecond. */
export function udpCapture(client: Endpoint, payloads: readonly { fromClient: boolean; bytes: Buffer }[], server: Endpoint = SERVER): Buffer {
  return timedUdpCapture(payloads.map((payload, i) => ({ ...payload, client, at: i / 1000 })), server);
}

/** ICQ payloads between clients and the server, each `at` its own time (seconds from 900000000, whole microseconds). */
export function timedUdpCapture(packets: readonly { client: Endpoint; fromClient: boolean; bytes: Buffer; at: number }[], server: Endpoint = SERVER): Buffer {
  const records = packets.map(({ client, fromClient, bytes, at }) => {
    const [src, dst] = fromClient ? [client, server] : [server, client];
    const micros = Math.round(at * 1e6);
    const time = { seconds: 900_000_000 + Math.floor(micros / 1e6), nanos: (micros % 1e6) * 1000, digits: 6 };
    return { time, bytes: ethernetFrame(udpPacket(src, dst, bytes)) };
  });
  return writePcap(records, { linkType: 1 });
}

export const NET_ICQ_CLIENT: Endpoint = { ip: '192.0.2.50', port: 50300 };
const UIN = 11111;
const FRIEND = 22222;
export const NET_ICQ_MESSAGE = 'Hello from Net::ICQ 0.08';

/**
 * A Net::ICQ 0.08 session as NOTES.md describes it: SEQ_NUM from 01 01 big-endian, ACKs in the server's
 * order, LOGIN with USER_IP, STATUS and LOGIN_SEQ_NUM before the X-fields, big-endian counts, request
 * numbers, receiver UIN and message LENGTH. The server answers as the document says.
 */
export function netIcqSession(): Buffer {
  const c = (command: string, seq: number, values: EncodeValues = {}): ScriptStep => ({ fromClient: true, command, values: { SEQ_NUM: seq, UIN, ...values } });
  const s = (command: string, seq: number, values: EncodeValues = {}): ScriptStep => ({ fromClient: false, command, values: { SEQ_NUM: seq, ...values } });
  return clientCapture(
    NET_ICQ_CLIENT,
    [
      c('LOGIN', 0x0101, { PORT: 50300, PASSWORD: 'secret', LOGIN_SEQ_NUM: 1 }),
      s('ACK', 0x0101),
      s('LOGIN_REPLY', 0, { USER_UIN: UIN, USER_IP: NET_ICQ_CLIENT.ip, LOGIN_SEQ_NUM: 1 }),
      c('ACK', 0),
      c('CONTACT_LIST', 0x0102, { CONTACTS: [{ CONTACT_UIN: FRIEND }] }),
      s('ACK', 0x0102),
      c('SEND_MESSAGE', 0x0103, { RECEIVER_UIN: FRIEND, MESSAGE_TYPE: 1, MESSAGE: NET_ICQ_MESSAGE }),
      s('ACK', 0x0103),
      c('INFO_REQ', 0x0104, { INFO_SEQ_NUM: 1, QUERY_UIN: FRIEND }),
      s('ACK', 0x0104),
      s('INFO_REPLY', 1, { INFO_SEQ_NUM: 1, REMOTE_UIN: FRIEND, NICK_NAME: 'bob', AUTHORIZE: 1 }),
      c('ACK', 1),
      c('SEARCH_UIN', 0x0105, { SEARCH_SEQ_NUM: 2, SEARCHED_UIN: FRIEND }),
      s('ACK', 0x0105),
      s('USER_FOUND', 2, { SEARCH_SEQ_NUM: 2, FOUND_UIN: FRIEND, NICK_NAME: 'bob', AUTHORIZE: 1 }),
      c('ACK', 2),
      s('END_OF_SEARCH', 3, { SEARCH_SEQ_NUM: 2, MORE_FOUND: 0 }),
      c('ACK', 3),
      c('KEEP_ALIVE', 0x0106),
      s('ACK', 0x0106),
    ],
    'Net::ICQ 0.08',
  );
}
