import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_LISTED_UINS } from '../src/analysis/contact-list.js';
import { ALICE, analyze, analyzeStreamed, client, login, notesByFrame, type Step } from './analysis-fixtures.js';

/**
 * Issue 10, the document's rule under CONTACT_LIST: "The server will send online/offline notification to
 * client only of users registered using CONTACT_LIST."
 */

const alice = client(ALICE, 11111);
const RULE = '(the document: "The server will send online/offline notification to client only of users registered using CONTACT_LIST.")';

const contacts = (at: number, seq: number, uins: readonly number[], layout?: string): Step[] => [
  { ...alice.send(at, 'CONTACT_LIST', seq, { CONTACTS: uins.map((CONTACT_UIN) => ({ CONTACT_UIN })) }), ...(layout ? { layout } : {}) },
  alice.recv(at + 0.01, 'ACK', seq),
];
/** A server notification and the client's ACK of it. */
const notified = (at: number, command: string, seq: number, uin: number): Step[] => [
  alice.recv(at, command, seq, { REMOTE_UIN: uin, REMOTE_IP: '10.0.0.3', REMOTE_REAL_IP: '10.0.0.3', STATUS: 0 }),
  alice.send(at + 0.01, 'ACK', seq),
];

test('notifications for listed UINs get no note; one for a UIN no list named is a warning; lists add up', async () => {
  const steps = [
    ...login(alice, 0, 11111),
    ...contacts(1, 2, [22222, 33333]),
    ...notified(2, 'USER_ONLINE', 1, 22222),
    ...notified(3, 'STATUS_UPDATE', 2, 33333),
    ...notified(4, 'USER_ONLINE', 3, 44444),
    ...contacts(5, 3, [44444]),
    ...notified(6, 'USER_OFFLINE', 4, 44444),
    ...notified(7, 'USER_OFFLINE', 5, 55555),
  ];
  const { pdus } = analyze(steps);
  assert.deepEqual(notesByFrame(pdus), [
    `11: warning USER_ONLINE for UIN 44444, which no CONTACT_LIST of this session named ${RULE}`,
    `17: warning USER_OFFLINE for UIN 55555, which no CONTACT_LIST of this session named ${RULE}`,
  ]);
  assert.equal(pdus[10]!.pdu.notes[0]!.field, 'REMOTE_UIN');
  const streamed = await analyzeStreamed(steps);
  assert.deepEqual([notesByFrame(streamed.pdus), streamed.late], [notesByFrame(pdus), 0]);
});

test('without a CONTACT_LIST in the session (the capture began mid-session) nothing is checked', () => {
  const { pdus } = analyze([...notified(0, 'USER_ONLINE', 7, 44444), ...notified(1, 'STATUS_UPDATE', 8, 55555)]);
  assert.deepEqual(notesByFrame(pdus), []);
});

test('a retransmitted notification is noted once, on its first copy', () => {
  const { pdus } = analyze([...contacts(0, 2, [22222]), alice.recv(1, 'USER_ONLINE', 1, { REMOTE_UIN: 44444 }), ...notified(3, 'USER_ONLINE', 1, 44444)]);
  assert.deepEqual(
    notesByFrame(pdus).map((n) => n.replace(/, which .*| \(first .*/, '')),
    ['3: warning USER_ONLINE for UIN 44444', '4: warning retransmission of seq 1'],
  );
});

test("the UIN as the PDU reads it: mICQ's overwritten first byte lists 22016, so 22222 is unlisted, and the note says why it may be", () => {
  const { pdus } = analyze([...contacts(0, 2, [22016], 'one-byte NUM_CONTACTS'), ...notified(1, 'USER_ONLINE', 1, 22222)]);
  assert.equal(pdus[0]!.pdu.notes.filter((n) => n.severity === 'warning').length, 1);
  assert.deepEqual(notesByFrame(pdus).slice(2), [
    `3: warning USER_ONLINE for UIN 22222, which no CONTACT_LIST of this session named ${RULE}; ` +
      'the CONTACT_LIST in frame 1 has a warning on its CONTACTS, so a UIN there may be misread',
  ]);
});

test(`beyond ${MAX_LISTED_UINS} listed UINs the check stops for the session (a forgotten UIN would be a false alarm)`, () => {
  const half = MAX_LISTED_UINS / 2;
  const uins = (from: number) => Array.from({ length: half }, (_, i) => from + i);
  const within = analyze([...contacts(0, 2, uins(100_000)), ...contacts(1, 3, uins(200_000)), ...notified(2, 'USER_ONLINE', 1, 44444)]);
  assert.equal(notesByFrame(within.pdus).length, 1);
  const beyond = analyze([
    ...contacts(0, 2, uins(100_000)),
    ...contacts(1, 3, [...uins(200_000), 300_000]),
    ...notified(2, 'USER_ONLINE', 1, 44444),
    ...notified(3, 'USER_ONLINE', 2, 100_000),
  ]);
  assert.deepEqual(notesByFrame(beyond.pdus), []);
});
