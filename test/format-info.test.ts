import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { infoText } from '../src/format/info.js';
import { encodePdu, type EncodeValue, type EncodeValues } from '../src/protocol/encode.js';
import { ALL_COMMANDS } from '../src/protocol/registry.js';
import type { CommandTable, FieldSpec, LayoutVariant } from '../src/protocol/types.js';
import type { DissectedPdu } from '../src/dissect/pdu.js';
import { dissect } from './support/payload.js';

/** The Info of a PDU the encoder wrote from `table` with `values`, read back as the dissector reads it. */
function infoOf(table: CommandTable, layout: LayoutVariant, values: EncodeValues): { info: string; dissected: DissectedPdu } {
  const bytes = encodePdu(table, values, { layout: layout.name });
  const dissected = dissect(bytes, { transport: table.direction === 'peer-to-peer' ? 'tcp' : 'udp', fromServer: table.direction === 'server-to-client' });
  return { info: infoText(dissected.pdu, table.summary), dissected };
}

/** Values for a layout's fields, within what each wire type holds (a one-byte count holds few items). */
function valuesOf(fields: readonly FieldSpec[]): fc.Arbitrary<EncodeValues> {
  const entries: Record<string, fc.Arbitrary<EncodeValue>> = {};
  for (const spec of fields) {
    const arbitrary = valueOf(spec);
    if (arbitrary) entries[spec.name] = arbitrary;
  }
  return fc.record(entries);
}

function valueOf(spec: FieldSpec): fc.Arbitrary<EncodeValue> | undefined {
  // Fixed fields keep the document's values, so the PDU is read by the layout under test.
  if (spec.expected !== undefined) return undefined;
  const type = spec.type;
  switch (type.kind) {
    case 'u8':
      return fc.integer({ min: 0, max: 0xff });
    case 'u16':
      return fc.integer({ min: 0, max: 0xffff });
    case 'u32':
      return fc.integer({ min: 0, max: 0xffffffff });
    case 'i32':
      return fc.integer({ min: -256, max: -1 });
    case 'ipv4':
      return fc.ipV4();
    case 'lstring':
      // Words without separators of their own, so a separator at the end can only be the template's.
      return fc.stringMatching(/^[A-Za-z0-9]{0,12}$/);
    case 'repeat':
      return fc.array(valuesOf(type.fields), { maxLength: 3 });
    default:
      return undefined;
  }
}

/** A layout's own counts and selectors are written by the encoder, or chosen by the layout (`when`). */
function fixedValues(layout: LayoutVariant): EncodeValues {
  return layout.when ? { [layout.when.field]: layout.when.values[0]! } : {};
}

const EVERY_LAYOUT = ALL_COMMANDS.flatMap((table) => table.layouts.map((layout) => ({ table, layout })));

test('every command has an Info on the emptiest PDU the encoder writes from its table, every layout', () => {
  const empty = EVERY_LAYOUT.filter(({ table, layout }) => infoOf(table, layout, fixedValues(layout)).info === '').map(({ table, layout }) => `${table.direction} ${table.name} (${layout.name})`);
  assert.deepEqual(empty, []);
});

test('property: over every table and layout, the Info is never empty and reads each value once, with no dangling separator', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...EVERY_LAYOUT).chain(({ table, layout }) =>
        valuesOf(layout.fields).map((values) => ({ table, layout, values: { ...values, ...fixedValues(layout) } })),
      ),
      ({ table, layout, values }) => {
        const { info } = infoOf(table, layout, values);
        assert.notEqual(info, '', `${table.name}: empty Info`);
        assert.doesNotMatch(info, /[:,] ?$/, `${table.name}: dangling separator in "${info}"`);
        // A reading inside a reading ("5 (0x0005)" in parentheses) says the value twice.
        assert.doesNotMatch(info, /\(\d+ \(0x/, `${table.name}: a value read twice in "${info}"`);
      },
    ),
    { numRuns: 400 },
  );
});

const client = (name: string) => ALL_COMMANDS.find((t) => t.direction === 'client-to-server' && t.name === name)!;
const server = (name: string) => ALL_COMMANDS.find((t) => t.direction === 'server-to-client' && t.name === name)!;
const peer = (name: string) => ALL_COMMANDS.find((t) => t.direction === 'peer-to-peer' && t.name === name)!;
const documentLayout = (table: CommandTable) => table.layouts.find((l) => l.name === 'document') ?? table.layouts[0]!;
const info = (table: CommandTable, values: EncodeValues) => infoOf(table, documentLayout(table), values).info;

test('the Info says each value once: a count in the singular, an X-field by its number, an empty message without its colon', () => {
  assert.equal(info(client('CONTACT_LIST'), { CONTACTS: [{ CONTACT_UIN: 1001 }] }), '1 contact: 1001');
  assert.equal(info(client('CONTACT_LIST'), { CONTACTS: [{ CONTACT_UIN: 1001 }, { CONTACT_UIN: 1003 }] }), '2 contacts: 1001, 1003');
  assert.equal(info(client('CONTACT_LIST'), {}), '0 contacts');
  assert.equal(info(client('SEND_TEXT_CODE'), { TEXT_CODE: 'B_USER_DISCONNECTED', X1: 5 }), 'B_USER_DISCONNECTED (the user has disconnected), X1 5');
  assert.equal(info(server('USER_OFFLINE'), { REMOTE_UIN: 1001 }), '1001 went offline');
  assert.equal(info(peer('CHANNEL_ACK'), { UIN: 1002, MESSAGE_TYPE: 1, X4: -1 }), 'from 1002 (message, auto reply, X4 -1)');
  assert.equal(info(peer('CHANNEL_ACK'), { UIN: 1002, MESSAGE_TYPE: 1, X4: -1, MESSAGE: 'away' }), 'from 1002 (message, auto reply, X4 -1): away');
  assert.equal(info(server('EXT_INFO_REPLY'), { INFO_SEQ_NUM: 6, REMOTE_UIN: 1002, COUNTRY_CODE: 46, AGE: 30, SEX: 1 }), '#6 1002 Sweden, age 30, female');
});

test('commands without a summary of their own say what they are: KEEP_ALIVE, LOGIN_1, and an undescribed body by its licq name and size', () => {
  assert.equal(info(client('KEEP_ALIVE'), {}), 'connection still up');
  assert.equal(info(client('LOGIN_1'), {}), 'during login (licq: system messages request)');
  assert.equal(info(server('REPLY_X1'), {}), 'licq: user list done');
  assert.equal(info(server('UPDATE_REPLY'), { UNDESCRIBED: Buffer.of(1, 2, 3) }), 'Confirmation of basic information update, 3 bytes');
  assert.equal(info(server('WRONG_PASSWORD'), { UNDESCRIBED: Buffer.of(1) }), 'Wrong password, 1 byte');
});
