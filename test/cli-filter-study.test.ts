import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { tokenize } from '../src/analysis/filter-lex.js';
import { valuesOf } from '../src/analysis/filter-values.js';
import { isKnownFieldName } from '../src/cli/field-names.js';
import type { DissectedPdu } from '../src/dissect/pdu.js';
import { defaultFieldsSettings, fieldsPrinter } from '../src/format/fields-printer.js';
import { TimeColumn } from '../src/format/time-column.js';
import { dissect } from './support/payload.js';
import { filterError, matchingFrames } from './support/filter.js';
import { encoded, login, serverAck, udpPdu } from './format-fixtures.js';

/**
 * Issue 11, filters and fields for the study: COMMAND.FIELD names, byte-string literals, `.hex`,
 * bitwise `&`. Each feature: what it must match, and a near miss it must not.
 */

const at = (frame: number) => ({ frame });
const status = (frame: number, value: number) => udpPdu('client-to-server', 'STATUS_CHANGE', { SEQ_NUM: frame, UIN: 22222, STATUS: value }, at(frame));

function peerMessage(frame: number): DissectedPdu {
  const d = dissect(encoded('peer-to-peer', 'CHANNEL_MESSAGE', { UIN: 1001, MESSAGE: 'hi', X4: -1, TRAILER: Buffer.from('4cc602', 'hex') }), { transport: 'tcp' });
  d.pdu.frame = frame;
  return d;
}

const PDUS: DissectedPdu[] = [
  udpPdu('client-to-server', 'LOGIN', { SEQ_NUM: 1, UIN: 22222, PASSWORD: 'pw', X1: 0x00040072, X3: 3 }, at(1)),
  login(at(2)),
  udpPdu('client-to-server', 'LOGIN_2', { SEQ_NUM: 3, UIN: 22222, X1: 0x72 }, at(3)),
  udpPdu('client-to-server', 'CONTACT_LIST', { SEQ_NUM: 4, UIN: 22222, CONTACTS: [{ CONTACT_UIN: 1001 }, { CONTACT_UIN: 1002 }] }, at(4)),
  status(5, 0x100),
  status(6, 0x11),
  status(7, 0),
  serverAck(at(8), 5),
  peerMessage(9),
  udpPdu('client-to-server', 'SEND_TEXT_CODE', { SEQ_NUM: 10, UIN: 22222, TEXT_CODE: 'B_USER_DISCONNECTED' }, at(10)),
];

const frames = (expression: string): number[] => matchingFrames(PDUS, expression);

const fieldsLines = (names: string[], pdus: DissectedPdu[]): string =>
  pdus.map((d) => fieldsPrinter({ ...defaultFieldsSettings(false), names, csv: false, clock: new TimeColumn('r'), summaryFor: () => undefined }).pdu(d, [])).join('');

test('COMMAND.FIELD names the field only in that command\'s PDUs', () => {
  assert.deepEqual(frames('LOGIN.X1 != 78:00:00:00'), [1]);
  assert.deepEqual(frames('X1 != 78:00:00:00'), [1, 3, 9, 10]);
  assert.deepEqual(frames('LOGIN.X1'), [1, 2]);
  assert.deepEqual(frames('LOGIN_2.X1 == 0x72'), [3]);
  assert.deepEqual(frames('CONTACT_LIST.CONTACT_UIN == 1002'), [4]);
  assert.deepEqual(frames('LOGIN.UIN == 1002'), []);
  assert.deepEqual(frames('STATUS_CHANGE.STATUS == 0'), [7]);
  assert.deepEqual(frames('LOGIN.STATUS == 0'), [1, 2]);
  // A command's alias qualifies as well as its name.
  assert.deepEqual(frames('logoff.TEXT_CODE contains "DISCONNECTED"'), [10]);
  assert.deepEqual(frames('SEND_TEXT_CODE.TEXT_CODE'), [10]);
  assert.equal(fieldsLines(['frame', 'LOGIN.X1', 'LOGIN.X3', 'CONTACT_LIST.CONTACT_UIN'], PDUS.slice(0, 4)), '1\t262258\t3\t\n2\t120\t2\t\n3\t\t\t\n4\t\t\t1001,1002\n');
});

test('COMMAND.FIELD is known only for a known command whose tables have the field; keys keep their dotted names', () => {
  const known = ['LOGIN.X1', 'LOGIN.X3', 'LOGIN.UIN', 'LOGIN.LENGTH', 'CONTACT_LIST.UIN', 'CONTACT_LIST.CONTACTS[1]', 'ACK.SEQ_NUM', 'CHANNEL_MESSAGE.TRAILER', 'logoff.X1'];
  const unknown = ['LOGIN.NOPE', 'NOPE.X1', 'LOGIN_2.X3', 'ACK.UIN.', 'LOGIN.', '.X1', 'login.X1', 'LOGIN.MESSAGE', 'SEND_MESSAGE.X1', 'command.X1'];
  assert.deepEqual(known.filter((name) => !isKnownFieldName(name)), []);
  assert.deepEqual(unknown.filter(isKnownFieldName), []);
  assert.deepEqual(['command.code', 'analysis.acks', 'client.software', 'client.confidence'].filter((name) => !isKnownFieldName(name)), []);
  assert.deepEqual(valuesOf(PDUS[0]!.pdu, 'command.code'), [0x03e8]);
  assert.equal(filterError('frame > 1 && LOGIN.NOPE == 1'), "unknown field 'LOGIN.NOPE' at position 14");
});

test('byte-string literals compare with the raw bytes, whatever the field\'s type', () => {
  assert.deepEqual(frames('X1 == 72:00:04:00'), [1]);
  assert.deepEqual(frames('X1 == 72-00-04-00'), [1]);
  assert.deepEqual(frames('X1 == 72.00.04.00'), [1]);
  assert.deepEqual(frames('X1 == 72:00:04:01 || X1 == 72:00:04 || X1 == 72:00:04:00:00'), []);
  assert.deepEqual(frames('X1 == 72:00 || X1 == 00:00'), [9, 10]);
  assert.deepEqual(frames('LOGIN.X1 < 78:00:00:00'), [1]);
  assert.deepEqual(frames('TRAILER == 4c:c6:02'), [9]);
  assert.deepEqual(frames('TRAILER == 4C:C6:02'), [9]);
  assert.deepEqual(frames('TRAILER == 4c:c6'), []);
  assert.deepEqual(frames('PASSWORD == 70:77:00'), [1]);
  // Keys have no raw bytes: a byte string never matches them.
  assert.deepEqual(frames('seq == 01:00'), []);
});

test('contains with a byte string is byte-aligned; an integer field has no bytes to look into, as in Wireshark', () => {
  assert.deepEqual(frames('TRAILER contains c6:02'), [9]);
  assert.deepEqual(frames('TRAILER contains 4c:c6'), [9]);
  assert.deepEqual(frames('TRAILER contains cc:60'), []);
  assert.equal(filterError('X1 contains 04:00'), "X1 is a number: 'contains' looks into text and bytes only at position 1");
  assert.deepEqual(frames('X1.hex contains "0400"'), [1]);
});

test('a single byte stays a number, so does a decimal; bad byte strings are errors', () => {
  const kinds = (source: string) => tokenize(source).map((token) => token.type);
  assert.deepEqual(kinds('78 10.25 10:25 c6-02 ab.cd.ef'), ['number', 'number', 'bytes', 'bytes', 'bytes', 'end']);
  assert.deepEqual(frames('X2 == 04'), [1, 2, 9]);
  assert.deepEqual(frames('X1 == 78'), []);
  assert.equal(filterError('X1 == 72:00:0'), "invalid number or byte string '72:00:0' at position 7");
  assert.equal(filterError('X1 == 72:00-04'), "invalid number or byte string '72:00-04' at position 7");
  assert.equal(filterError('TRAILER matches 72:00'), "'matches' needs a string but found '72:00' at position 17");
  assert.equal(filterError('72:00 == X1'), "expected a field name but found '72:00' at position 1");
});

test('.hex is the raw bytes as hex text, in -Y and -e, qualified too', () => {
  assert.deepEqual(frames('X1.hex == "72000400"'), [1]);
  assert.deepEqual(frames('LOGIN_2.X1.hex == "72"'), [3]);
  assert.deepEqual(frames('X1.hex == "72:00:04:00" || X1.hex == 0x72000400 || LOGIN.X1.hex == "72"'), []);
  assert.deepEqual(frames('X1.hex == 72:00:04:00'), [1]);
  assert.deepEqual(frames('STATUS.hex contains "01"'), [5]);
  assert.equal(fieldsLines(['X1.hex', 'LOGIN.X1.hex', 'TRAILER.hex'], [PDUS[2]!, PDUS[8]!]), '72\t\t\n0000\t\t4cc602\n');
  assert.deepEqual(['X1.hex', 'LOGIN.X1.hex', 'CONTACTS[1].hex'].filter((name) => !isKnownFieldName(name)), []);
  assert.deepEqual(['seq.hex', 'command.hex', 'analysis.acks.hex', 'X1.hex.hex', 'LOGIN.hex', 'X1.HEX'].filter(isKnownFieldName), []);
});

test('field & mask holds when the value ANDed with the mask is not zero', () => {
  assert.deepEqual(frames('STATUS & 0x100'), [5]);
  assert.deepEqual(frames('STATUS & 0x11 && !(command == ACK)'), [6]);
  assert.deepEqual(frames('STATUS & 0x111'), [5, 6]);
  assert.deepEqual(frames('STATUS & 0x1'), [6]);
  assert.deepEqual(frames('STATUS & 0x2 || STATUS & 0'), []);
  assert.deepEqual(frames('!(STATUS & 0x110) && STATUS_CHANGE.STATUS'), [7]);
  assert.deepEqual(frames('X4 & 0x80000000'), [9]);
  // A text field has no bits: refused, as Wireshark refuses it.
  assert.equal(filterError('PASSWORD & 0xff'), "PASSWORD is text: '&' tests the bits of numbers only at position 1");
});

test('& needs a whole number as mask; errors say where', () => {
  const mask = "'&' needs a whole number from 0 to 0xffffffff as mask but found";
  assert.equal(filterError('X4 & "x"'), `${mask} '"x"' at position 6`);
  assert.equal(filterError('X4 & ONLINE'), `${mask} 'ONLINE' at position 6`);
  const orBit = "'&' needs a whole number from 0 to 0xffffffff or a bit name (away ...) as mask but found";
  assert.equal(filterError('STATUS & 01:00'), `${orBit} '01:00' at position 10`);
  assert.equal(filterError('STATUS & 1.5'), `${orBit} '1.5' at position 10`);
  assert.equal(filterError('STATUS & -1'), `${orBit} '-1' at position 10`);
  assert.equal(filterError('STATUS & 0x100000000'), `${orBit} '0x100000000' at position 10`);
  assert.equal(filterError('STATUS &'), `${orBit} end of expression at position 9`);
  assert.equal(filterError('STATUS & 1 == 1'), "unexpected '==' at position 12");
  assert.equal(filterError('& 1'), "expected a field name but found '&' at position 1");
});

function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const MICQ = 'test/data/micq-0.2.5-session.pcap';

test('the mICQ capture through the CLI: qualified names, byte strings, .hex, &', () => {
  assert.equal(cli('-Y', 'LOGIN.X1 != 78:00:00:00', '-T', 'fields', '-e', 'frame', MICQ).out, '1\n');
  assert.equal(cli('-Y', 'LOGIN.X1 == 78:00:00:00', '-T', 'fields', '-e', 'frame', MICQ).out, '');
  assert.equal(cli('-Y', 'X1 == 72-00-04-00', '-T', 'fields', '-e', 'frame', MICQ).out, '1\n');
  assert.equal(cli('-Y', 'X1 == 72:00:04', '-T', 'fields', '-e', 'frame', MICQ).out, '');
  assert.equal(cli('-Y', 'frame == 1 || frame == 6', '-T', 'fields', '-e', 'frame', '-e', 'command', '-e', 'LOGIN.X3', '-e', 'LOGIN.X1.hex', MICQ).out, '1\tLOGIN\t3\t72000400\n6\tLOGIN_1\t\t\n');
  assert.equal(cli('-Y', 'frame == 3 || frame == 6', '-T', 'fields', '-e', 'frame', '-e', 'LOGIN.X3', '-e', 'LOGIN.X1.hex', '-e', 'X1.hex', MICQ).out, '3\t\t\t01000100\n6\t\t\t\n');
  assert.equal(cli('-Y', 'STATUS & 0x1', '-T', 'fields', '-e', 'frame', '-e', 'STATUS', MICQ).out, '19\t1\n');
  assert.equal(cli('-Y', 'STATUS & 0x100', '-T', 'fields', '-e', 'frame', MICQ).out, '');
});

test('the samples through the CLI: the peer TRAILER by byte string, aligned contains', () => {
  const trailers = cli('-Y', 'TRAILER == 4c:c6:02', '-T', 'fields', '-e', 'frame', 'samples/session.pcap').out;
  assert.equal(trailers.split('\n')[0], '62');
  assert.equal(cli('-Y', 'TRAILER contains c6:02', '-T', 'fields', '-e', 'frame', 'samples/session.pcap').out, trailers);
  assert.equal(cli('-Y', 'TRAILER contains cc:60', '-T', 'fields', '-e', 'frame', 'samples/session.pcap').out, '');
});

test('unknown qualified names are one-line errors, exit 1', () => {
  assert.deepEqual(cli('-T', 'fields', '-e', 'LOGIN.NOPE', MICQ), { code: 1, out: '', err: 'icq2-dissect: -e LOGIN.NOPE: unknown field\n' });
  assert.deepEqual(cli('-Y', 'LOGIN_2.X3', MICQ), { code: 1, out: '', err: "icq2-dissect: filter: unknown field 'LOGIN_2.X3' at position 1\n" });
  assert.deepEqual(cli('-Y', 'X4 & "x"', MICQ), { code: 1, out: '', err: `icq2-dissect: filter: '&' needs a whole number from 0 to 0xffffffff as mask but found '"x"' at position 6\n` });
});
