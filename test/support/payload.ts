import type { TransportPayload } from '../../src/net/payload.js';
import { dissectPayload } from '../../src/dissect/dissect-pdu.js';
import type { DissectedPdu, Field } from '../../src/dissect/pdu.js';

/** A UDP or TCP payload as the network layer would deliver it, for dissector tests. */
export function payload(bytes: Buffer, opts: { transport?: 'udp' | 'tcp'; fromServer?: boolean; truncated?: boolean } = {}): TransportPayload {
  const client = { ip: '10.0.0.2', port: 1026 };
  const server = { ip: '10.0.0.1', port: opts.transport === 'tcp' ? 5555 : 4000 };
  return {
    transport: opts.transport ?? 'udp',
    frame: 1,
    frames: [1],
    time: { seconds: 900000000, nanos: 123456000, digits: 6 },
    src: opts.fromServer ? server : client,
    dst: opts.fromServer ? client : server,
    bytes,
    truncated: opts.truncated ?? false,
    notes: [],
  };
}

export function dissect(bytes: Buffer, opts: Parameters<typeof payload>[1] = {}): DissectedPdu {
  return dissectPayload(payload(bytes, opts), { decoder: new TextDecoder('windows-1252'), serverPorts: new Set([4000]) });
}

export const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

/** Fields by name, depth first (nested fields too). */
export function allFields(fields: readonly Field[]): Field[] {
  return fields.flatMap((f) => [f, ...allFields(f.fields ?? [])]);
}

export const field = (d: DissectedPdu, name: string) => allFields(d.pdu.fields).find((f) => f.name === name);

/** Top-level fields must cover [0, length) exactly once, in order; nested fields cover their parent. */
export function coverage(fields: readonly Field[], start: number, end: number): string | null {
  let pos = start;
  for (const f of fields) {
    if (f.offset !== pos) return `${f.name} starts at ${f.offset}, expected ${pos}`;
    if (f.fields && f.fields.length > 0) {
      const inner = coverage(f.fields, f.offset, f.offset + f.length);
      if (inner) return inner;
    }
    pos += f.length;
  }
  return pos === end ? null : `fields end at ${pos}, PDU ends at ${end}`;
}
