import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coverage, dissect, field, hex } from './support/payload.js';

/** Malformed packets: every byte still shown, an error note says what is wrong, nothing throws. */

const errors = (d: ReturnType<typeof dissect>) => d.pdu.notes.filter((n) => n.severity === 'error').map((n) => n.message);

// SEND_MESSAGE from UIN 1001 to 1002, type 1: LENGTH 6 "hello\0"
const HEADER = '0200 0e01 0300 e9030000';
const GOOD = `${HEADER} ea030000 0100 0600 68656c6c6f00`;

test('a well-formed SEND_MESSAGE has no note', () => {
  const d = dissect(hex(GOOD));
  assert.deepEqual(d.pdu.notes, []);
  assert.equal(field(d, 'MESSAGE')!.value, 'hello');
  assert.equal(field(d, 'MESSAGE')!.hex, '68656c6c6f00');
});

test('cut in a string: bytes shown, error names the field', () => {
  const bytes = hex(GOOD).subarray(0, -3);
  const d = dissect(bytes);
  assert.deepEqual(errors(d), ['string past the end: LENGTH of MESSAGE says 6, 3 bytes left']);
  assert.equal(field(d, 'MESSAGE')!.hex, '68656c');
  assert.equal(field(d, 'MESSAGE')!.value, 'hel');
  assert.equal(coverage(d.pdu.fields, 0, bytes.length), null);
});

test('LENGTH past the end of the packet', () => {
  const bytes = hex(`${HEADER} ea030000 0100 ff00 6869 00`);
  const d = dissect(bytes);
  assert.deepEqual(errors(d), ['string past the end: LENGTH of MESSAGE says 255, 3 bytes left']);
  assert.equal(coverage(d.pdu.fields, 0, bytes.length), null);
});

test('string without its NUL', () => {
  const bytes = hex(`${HEADER} ea030000 0100 0500 68656c6c6f`);
  const d = dissect(bytes);
  assert.deepEqual(errors(d), ['MESSAGE does not end in NUL']);
  assert.equal(field(d, 'MESSAGE')!.value, 'hello');
});

test('trailing bytes after the last field', () => {
  const bytes = hex(`${GOOD} abcd`);
  const d = dissect(bytes);
  assert.deepEqual(errors(d), ['2 trailing bytes after the last field']);
  const trailing = d.pdu.fields.at(-1)!;
  assert.deepEqual([trailing.name, trailing.offset, trailing.hex, trailing.unknown], ['TRAILING', 24, 'abcd', true]);
  assert.equal(coverage(d.pdu.fields, 0, bytes.length), null);
});

test('a fixed field cut short', () => {
  const bytes = hex(`${HEADER} ea03`);
  const d = dissect(bytes);
  assert.deepEqual(errors(d), ['packet too short: RECEIVER_UIN needs 4 bytes, 2 left']);
  assert.equal(field(d, 'RECEIVER_UIN')!.hex, 'ea03');
  assert.equal(field(d, 'RECEIVER_UIN')!.value, null);
  assert.equal(coverage(d.pdu.fields, 0, bytes.length), null);
});

test('two-byte packet', () => {
  const d = dissect(hex('0200'));
  assert.deepEqual(errors(d), ['packet too short: 2 bytes, a header needs 10']);
  assert.deepEqual(d.pdu.fields.map((f) => [f.name, f.hex]), [['PAYLOAD', '0200']]);
  assert.equal(d.pdu.command, null);
});

test('empty payload', () => {
  const d = dissect(Buffer.alloc(0));
  assert.deepEqual(errors(d), ['empty payload']);
  assert.deepEqual(d.pdu.fields, []);
  assert.equal(d.pdu.length, 0);
});

test('version other than 2 is shown, noted, and not decoded as v2', () => {
  const bytes = hex('0500 0000 e803 0100 00000000 12345678');
  const d = dissect(bytes);
  assert.equal(d.pdu.version, 5);
  assert.equal(d.pdu.command, null);
  assert.deepEqual(d.pdu.fields.map((f) => [f.name, f.hex]), [['VERSION', '0500'], ['PAYLOAD', bytes.subarray(2).toString('hex')]]);
  assert.deepEqual(d.pdu.notes, [{ id: 'not-v2', severity: 'warning', message: 'version 5 is not 2: not decoded as ICQ v2' }]);
});

test('unknown command: header decoded, body as unknown bytes', () => {
  const bytes = hex('0200 3412 0900 e9030000 0102');
  const d = dissect(bytes);
  assert.deepEqual(d.pdu.command, { code: 0x1234, name: null });
  assert.deepEqual(errors(d), ['unknown command 0x1234 in client-to-server: body shown as unknown bytes']);
  assert.deepEqual(d.pdu.fields.at(-1), { name: 'UNKNOWN', offset: 10, length: 2, hex: '0102', display: '2 bytes', unknown: true, description: 'Body of a command nobody describes' });
});

test('undescribed command body shown byte for byte', () => {
  const bytes = hex('0200 1c02 0400 aabbcc');
  const d = dissect(bytes, { fromServer: true });
  assert.equal(d.pdu.command?.name, 'REPLY_X1');
  assert.deepEqual(d.pdu.notes, []);
  assert.deepEqual(d.pdu.fields.at(-1)!.hex, 'aabbcc');
  assert.equal(d.pdu.fields.at(-1)!.unknown, true);
});

test('CONTACT_LIST count larger than the UINs present', () => {
  const bytes = hex('0200 0604 0500 672b0000 0300 e9030000');
  const d = dissect(bytes);
  assert.ok(errors(d).includes('packet too short: NUM_CONTACTS says 3, only 1 present'));
  assert.equal(coverage(d.pdu.fields, 0, bytes.length), null);
});

test('snap-length cut frame gets a warning', () => {
  const d = dissect(hex(GOOD).subarray(0, 12), { truncated: true });
  assert.ok(d.pdu.notes.some((n) => n.severity === 'warning' && n.message === 'frame cut by the snap length: 12 bytes captured'));
});

test('peer message cut short: LENGTH disagrees with the bytes present', () => {
  const d = dissect(hex('1a00 ff 03000000 00000000'), { transport: 'tcp' });
  assert.equal(d.pdu.command?.name, 'CHANNEL_INIT');
  assert.deepEqual(errors(d), ['packet too short: MY_UIN needs 4 bytes, 0 left', 'LENGTH says 26 bytes, 9 present']);
});
