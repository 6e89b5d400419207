import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_COMMANDS } from '../src/protocol/registry.js';
import { encodePdu, type EncodeValues } from '../src/protocol/encode.js';
import type { FieldSpec, LayoutVariant } from '../src/protocol/types.js';
import { allFields, coverage, dissect } from './support/payload.js';

/**
 * Every table, every layout: encode distinct values for every field, dissect the bytes, and get the same
 * values back with every byte covered exactly once.
 */

function sampleValues(specs: readonly FieldSpec[], seed: number, values: EncodeValues, expected: Map<string, unknown>): void {
  const counts = new Set(specs.flatMap((s) => (s.type.kind === 'repeat' ? [s.type.count] : [])));
  specs.forEach((spec, i) => {
    if (counts.has(spec.name) || spec.name === 'LENGTH') return; // the encoder counts groups and peer LENGTH
    const n = seed * 37 + i * 11 + 1;
    const type = spec.type;
    switch (type.kind) {
      case 'u8':
      case 'u16':
      case 'u32':
      case 'i32': {
        if (spec.expected !== undefined) {
          expected.set(spec.name, null); // written from the document's fixed value
          return;
        }
        // counts and selectors are chosen by the layout below
        if (values[spec.name] !== undefined) return;
        const value = type.kind === 'u8' ? n % 200 : type.kind === 'u16' ? n * 97 : type.kind === 'i32' ? -n : n * 100003;
        values[spec.name] = value;
        expected.set(spec.name, value);
        return;
      }
      case 'ipv4': {
        const ip = `10.${n % 250}.${(n * 3) % 250}.${(n * 7) % 250}`;
        values[spec.name] = ip;
        expected.set(spec.name, ip);
        return;
      }
      case 'lstring': {
        const text = `${spec.name.toLowerCase()} ${n} åäö`;
        values[spec.name] = text;
        expected.set(spec.name, text);
        return;
      }
      case 'repeat':
        values[spec.name] = [0, 1, 2].map((k) => {
          const item: EncodeValues = {};
          sampleValues(type.fields, seed + k + 1, item, new Map());
          return item;
        });
        return;
      case 'group':
        sampleValues(type.fields, seed + 5, values, expected);
        return;
      case 'bytes':
      case 'rest':
        return;
    }
  });
}

for (const table of ALL_COMMANDS) {
  for (const layout of table.layouts) {
    test(`round trip: ${table.direction} ${table.name} (${layout.name})`, () => {
      const values: EncodeValues = { SEQ_NUM: 7, UIN: 123456 };
      if (layout.when) values[layout.when.field] = layout.when.values[0]!;
      else if (table.direction === 'peer-to-peer') values.MESSAGE_TYPE = 1;
      const expected = new Map<string, unknown>();
      sampleValues(layout.fields satisfies LayoutVariant['fields'], 1, values, expected);
      const bytes = encodePdu(table, values, { layout: layout.name });
      const d = dissect(bytes, { transport: table.direction === 'peer-to-peer' ? 'tcp' : 'udp', fromServer: table.direction === 'server-to-client' });
      assert.equal(d.pdu.command?.name, table.name);
      assert.equal(d.pdu.command?.code, table.code);
      assert.equal(d.pdu.length, bytes.length);
      assert.equal(coverage(d.pdu.fields, 0, bytes.length), null);
      assert.equal(d.pdu.fields.map((f) => f.hex).join(''), bytes.toString('hex'));
      assert.deepEqual(d.pdu.notes.filter((n) => n.severity === 'error'), []);
      if (table.layouts.length > 1) assert.equal(d.pdu.layout, layout.name);
      const byName = new Map(allFields(d.pdu.fields).map((f) => [f.name, f.value]));
      for (const [name, value] of expected) {
        if (value !== null) assert.equal(byName.get(name), value, name);
      }
    });
  }
}

test('round trip: the repeated group keeps every contact in order', () => {
  const table = ALL_COMMANDS.find((t) => t.name === 'CONTACT_LIST')!;
  for (const layout of table.layouts) {
    const bytes = encodePdu(table, { SEQ_NUM: 2, UIN: 1, CONTACTS: [{ CONTACT_UIN: 1001 }, { CONTACT_UIN: 1002 }, { CONTACT_UIN: 70000 }] }, { layout: layout.name });
    const d = dissect(bytes);
    const contacts = d.pdu.fields.find((f) => f.name === 'CONTACTS')!;
    assert.deepEqual(contacts.fields!.map((f) => f.value), [1001, 1002, 70000]);
    assert.equal(d.pdu.fields.find((f) => f.name === 'NUM_CONTACTS')!.value, 3);
    assert.equal(d.pdu.layout, layout.name);
  }
});
