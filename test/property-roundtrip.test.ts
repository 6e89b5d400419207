import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Field } from '../src/dissect/pdu.js';
import { encodePdu, type EncodeValue, type EncodeValues } from '../src/protocol/encode.js';
import { ALL_COMMANDS } from '../src/protocol/registry.js';
import type { CommandTable, FieldSpec, LayoutVariant } from '../src/protocol/types.js';
import { documentReading } from '../src/protocol/variant-tables.js';
import { coverageBreach } from '../scripts/fuzz/coverage.js';
import { allFields, dissect } from './support/payload.js';

/**
 * Property: for every table and layout, random values for every field (header and body, groups and
 * repeated groups of any size, integers over their whole range, any text of the charset, any IP, raw
 * bytes) encode to bytes that the dissector reads back to the same values, in the same layout, with
 * every byte in exactly one leaf field.
 */

/** Text the charset writes byte for byte: printable windows-1252 but NUL, and without the 0xFE part separator. */
const TEXT_CHARS = [...Array.from({ length: 0x5f }, (_, i) => 0x20 + i), ...Array.from({ length: 0x60 }, (_, i) => 0xa0 + i).filter((c) => c !== 0xfe)].map((c) => String.fromCharCode(c));
const text = fc.string({ unit: fc.constantFrom(...TEXT_CHARS), maxLength: 40 });

const INTEGER = {
  u8: fc.integer({ min: 0, max: 0xff }),
  u16: fc.integer({ min: 0, max: 0xffff }),
  u32: fc.integer({ min: 0, max: 0xffffffff }),
  i32: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
} as const;

/**
 * Fields left to the encoder: what identifies the PDU (VERSION, the command code, CHANNEL_INIT's INIT_IDENT)
 * and the peer LENGTH, which it computes (each group's count too, below).
 */
const FILLED = new Set(['VERSION', 'COMMAND', 'MSG_COMMAND', 'INIT_IDENT', 'LENGTH']);

/** An arbitrary for one field's value (undefined: the encoder's own, as for counts). */
function fieldValue(spec: FieldSpec): fc.Arbitrary<EncodeValue> | undefined {
  const { type } = spec;
  switch (type.kind) {
    case 'u8':
    case 'u16':
    case 'u32':
    case 'i32':
      return INTEGER[type.kind];
    case 'ipv4':
      return fc.ipV4();
    case 'lstring':
      return text;
    case 'bytes':
      return fc.uint8Array({ minLength: type.length, maxLength: type.length }).map((a) => Buffer.from(a));
    case 'repeat':
      return fc.array(values(type.fields), { maxLength: 4 });
    case 'group':
    case 'rest':
      return undefined;
  }
}

/** Values for a list of fields (a group's parts are the list's own, as the encoder reads them). */
function values(specs: readonly FieldSpec[], fixed: EncodeValues = {}): fc.Arbitrary<EncodeValues> {
  const counts = new Set(specs.flatMap((s) => (s.type.kind === 'repeat' ? [s.type.count] : [])));
  const record: Record<string, fc.Arbitrary<EncodeValue>> = {};
  const visit = (list: readonly FieldSpec[]): void => {
    for (const spec of list) {
      if (spec.type.kind === 'group') visit(spec.type.fields);
      else if (!counts.has(spec.name) && !FILLED.has(spec.name) && !(spec.name in fixed)) {
        const arbitrary = fieldValue(spec);
        if (arbitrary) record[spec.name] = arbitrary;
      }
    }
  };
  visit(specs);
  return fc.record(record).map((chosen) => ({ ...chosen, ...fixed }));
}

/** Peer layouts are chosen by MESSAGE_TYPE: the layout's own value, or (the document's) one no other layout takes. */
function selector(table: CommandTable, layout: LayoutVariant): fc.Arbitrary<EncodeValues> {
  if (layout.when) return fc.constantFrom(...layout.when.values).map((v) => ({ [layout.when!.field]: v }));
  const taken = new Set(table.layouts.flatMap((l) => (l.when ? l.when.values : [])));
  const field = table.layouts.find((l) => l.when)?.when?.field;
  if (!field) return fc.constant({});
  return INTEGER.u16.filter((v) => !taken.has(v & 0x7fff)).map((v) => ({ [field]: v }));
}

/** What the dissector must read back, in wire order: every field given a value, by name. */
function expectedReadings(specs: readonly FieldSpec[], given: EncodeValues): [string, unknown][] {
  return specs.flatMap((spec): [string, unknown][] => {
    const value = given[spec.name];
    if (spec.type.kind === 'group') return expectedReadings(spec.type.fields, given);
    if (spec.type.kind === 'repeat') {
      const items = (value ?? []) as readonly EncodeValues[];
      return [[spec.type.count, items.length], ...items.flatMap((item) => expectedReadings((spec.type as { fields: readonly FieldSpec[] }).fields, item))];
    }
    if (value === undefined || FILLED.has(spec.name)) return [];
    if (Buffer.isBuffer(value)) return [[spec.name, value.toString('hex')]];
    return [[spec.name, value]];
  });
}

const reading = (f: Field): unknown => (f.value === undefined ? f.hex : f.value);

for (const table of ALL_COMMANDS) {
  for (const layout of table.layouts) {
    test(`property: ${table.direction} ${table.name} (${layout.name}) reads back any values`, () => {
      // The header as the encoder writes it (the peer messages' too), then the layout's body.
      const specs = [...documentReading(table.direction, table).header, ...layout.fields];
      const peer = table.direction === 'peer-to-peer';
      const arbitrary = selector(table, layout).chain((fixed) => values(specs, fixed));
      fc.assert(
        fc.property(arbitrary, (given) => {
          const bytes = encodePdu(table, given, { layout: layout.name });
          const d = dissect(bytes, { transport: peer ? 'tcp' : 'udp', fromServer: table.direction === 'server-to-client' });
          assert.equal(d.pdu.command?.code, table.code);
          if (table.layouts.length > 1) assert.equal(d.pdu.layout, layout.name);
          assert.equal(coverageBreach(d.pdu.fields, bytes.length), undefined);
          assert.equal(d.pdu.fields.map((f) => f.hex).join(''), bytes.toString('hex'));
          const expected = expectedReadings(specs, given);
          const names = new Set(expected.map(([name]) => name));
          const read = allFields(d.pdu.fields).filter((f) => names.has(f.name)).map((f): [string, unknown] => [f.name, reading(f)]);
          assert.deepEqual(read, expected);
        }),
        { numRuns: 40, seed: table.code * 31 + layout.name.length },
      );
    });
  }
}
