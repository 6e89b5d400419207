import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dissectBytes, login, message, serverAck, udpPdu } from './format-fixtures.js';
import { valuesOf } from '../src/analysis/filter-values.js';
import { filterError as syntaxError, matchingFrames } from './support/filter.js';

const PDUS = [
  login({ frame: 1 }),
  serverAck({ frame: 2 }, 1),
  message({ frame: 3 }, 'Hello there', 2),
  message({ frame: 4 }, 'bye', 3),
  udpPdu('client-to-server', 'CONTACT_LIST', { SEQ_NUM: 4, UIN: 22222, CONTACTS: [{ CONTACT_UIN: 1001 }, { CONTACT_UIN: 1002 }] }, { frame: 5 }),
  dissectBytes(Buffer.from('02003412050000000000aabb', 'hex'), 'client-to-server', { frame: 6 }),
];

const frames = (expression: string): number[] => matchingFrames(PDUS, expression);

test('command by bare name, by code (decimal and hex), and by direction', () => {
  assert.deepEqual(frames('command == SEND_MESSAGE'), [3, 4]);
  assert.deepEqual(frames('command == 0x03e8'), [1]);
  assert.deepEqual(frames('command == 10'), [2]);
  assert.deepEqual(frames('direction == "server-to-client"'), [2]);
  assert.deepEqual(frames('command != ACK'), [1, 3, 4, 5, 6]);
});

test('a code nobody names reads as 0x1234 for -e and compares by code; raw bytes read as hex', () => {
  const unknown = PDUS[5]!.pdu;
  assert.deepEqual([valuesOf(unknown, 'command'), valuesOf(unknown, 'command.code'), valuesOf(unknown, 'UNKNOWN')], [['0x1234'], [0x1234], ['aabb']]);
  assert.deepEqual(frames('command == 0x1234'), [6]);
  assert.deepEqual(frames('command == "0x1234" && UNKNOWN == aa:bb'), [6]);
  // As in Wireshark, a quoted string in a byte field is its bytes: "aabb" is 61 61 62 62.
  assert.deepEqual(frames('UNKNOWN == "aabb" || UNKNOWN contains "aa"'), []);
});

test('numbers compare numerically, strings as strings; contains and matches', () => {
  assert.deepEqual(frames('seq >= 2 && seq < 4'), [3, 4]);
  assert.deepEqual(frames('seq > 4'), [6]);
  assert.deepEqual(frames('MESSAGE contains "there"'), [3]);
  assert.deepEqual(frames('MESSAGE matches "^b.e$"'), [4]);
  // Case-insensitive as Wireshark's, unless "(?-i)" says otherwise.
  assert.deepEqual(frames('MESSAGE matches "(?i)^hello"'), [3]);
  assert.deepEqual(frames('MESSAGE matches "^HELLO"'), [3]);
  assert.deepEqual(frames('MESSAGE matches "(?-i)^HELLO"'), []);
  assert.deepEqual(frames('src == "10.0.0.1:4000"'), [2]);
  assert.deepEqual(frames('uin == 22222 and frame > 4'), [5]);
});

test('existence, not, or, parentheses', () => {
  assert.deepEqual(frames('PASSWORD'), [1]);
  assert.deepEqual(frames('!uin'), [2]);
  assert.deepEqual(frames('not (command == SEND_MESSAGE or command == ACK)'), [1, 5, 6]);
  assert.deepEqual(frames('frame == 1 || frame == 2 && seq == 1'), [1, 2]);
});

test('a repeated field matches when any occurrence does; != when none does', () => {
  assert.deepEqual(frames('CONTACT_UIN == 1002'), [5]);
  assert.deepEqual(frames('CONTACT_UIN != 1001'), []);
  assert.deepEqual(frames('RECEIVER_UIN != 5'), [3, 4]);
});

test('syntax errors: message and 1-based position', () => {
  assert.equal(syntaxError('command == '), "expected a value after '==' but found end of expression at position 12");
  assert.equal(syntaxError('uin = 5'), "'=' is not an operator, use '==' at position 5");
  assert.equal(syntaxError('(seq == 1'), "expected ')' but found end of expression at position 10");
  assert.equal(syntaxError('seq == 1 frame'), "unexpected 'frame' at position 10");
  assert.equal(syntaxError('MESSAGE contains "abc'), 'unterminated string at position 18');
  assert.equal(syntaxError('MESSAGE matches "("'), "invalid regular expression '(' at position 17: unterminated group");
  assert.equal(syntaxError('MESSAGE ~ "a{2,1}"'), "invalid regular expression 'a{2,1}' at position 11: numbers out of order in {} quantifier");
  assert.equal(syntaxError('MESAGE contains "x"'), "unknown field 'MESAGE' at position 1");
  assert.equal(syntaxError('== 5'), "expected a field name but found '==' at position 1");
  assert.equal(syntaxError('seq == 1 & uin'), "unexpected '&' at position 10");
  assert.equal(syntaxError(''), 'empty expression at position 1');
});

test('analysis keys are names too (as tcp.analysis.* in Wireshark), decimal fractions are numbers', () => {
  const [acked, ack, retransmitted] = [login({ frame: 10 }), serverAck({ frame: 11 }, 1), login({ frame: 12 })];
  acked.pdu.analysis = { ackedBy: 11, responses: [13, 14] };
  ack.pdu.analysis = { acks: 10, ackRtt: 0.0025 };
  retransmitted.pdu.analysis = { retransmissionOf: 10 };
  const pick = (expression: string) => matchingFrames([acked, ack, retransmitted], expression);
  assert.deepEqual(pick('analysis.retransmissionOf'), [12]);
  assert.deepEqual(pick('analysis.ackRtt > 0.001 && analysis.ackRtt < 0.01'), [11]);
  assert.deepEqual(pick('analysis.responses == 14'), [10]);
  assert.deepEqual(valuesOf(acked.pdu, 'analysis.responses'), [13, 14]);
  assert.deepEqual(valuesOf(ack.pdu, 'analysis.ackedBy'), []);
});

test('the CLI runs the analysis pass when a filter or -e names an analysis key', async () => {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', '-Y', 'analysis.retransmissionOf', '-T', 'fields', '-e', 'frame', '-e', 'analysis.retransmissionOf', 'samples/session.pcap'], { encoding: 'utf8' });
  assert.equal(out, '50\t49\n');
});
