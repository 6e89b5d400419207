import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EncodeValues } from '../src/protocol/encode.js';
import { ALICE, analyze, analyzeStreamed, client, notesByFrame, type Step } from './analysis-fixtures.js';

/** Issue 10: mICQ 0.2.5 numbers its requests from the counter of its SEQ_NUMs; a number spent so is no gap. */

const alice = client(ALICE, 11111);

/** A client packet and the server's ACK of it. */
const sent = (at: number, command: string, seq: number, values: EncodeValues = {}): Step[] => [
  alice.send(at, command, seq, values),
  alice.recv(at + 0.01, 'ACK', seq),
];

/** mICQ's login: LOGIN seq 1 spends 2 on LOGIN_SEQ_NUM, its next packet is seq 3. */
const micqLogin: Step[] = [
  ...sent(0, 'LOGIN', 1, { LOGIN_SEQ_NUM: 2, PASSWORD: 'secret', STATUS: 0 }),
  alice.recv(0.02, 'LOGIN_REPLY', 0, { LOGIN_SEQ_NUM: 2, USER_UIN: 11111, USER_IP: '10.0.0.2' }),
  alice.send(0.03, 'ACK', 0),
  ...sent(0.04, 'LOGIN_1', 3),
];

test('a SEQ_NUM spent on a request number in an earlier packet is no gap: a note on the packet after the hole', async () => {
  const steps = [
    ...micqLogin,
    ...sent(1, 'INFO_REQ', 4, { INFO_SEQ_NUM: 5, QUERY_UIN: 22222 }),
    alice.recv(1.02, 'INFO_REPLY', 1, { INFO_SEQ_NUM: 5, REMOTE_UIN: 22222 }),
    alice.send(1.03, 'ACK', 1),
    ...sent(2, 'CHANGE_PASSWORD', 6, { PASSWORD_SEQ_NUM: 7, NEW_PASSWORD: 'new' }),
    ...sent(3, 'KEEP_ALIVE', 8),
  ];
  const { pdus, sessions } = analyze(steps);
  assert.deepEqual(notesByFrame(pdus), [
    '5: note seq 2 used as LOGIN_SEQ_NUM in frame 1',
    '11: note seq 5 used as INFO_SEQ_NUM in frame 7',
    '13: note seq 7 used as PASSWORD_SEQ_NUM in frame 11',
  ]);
  assert.deepEqual(pdus[4]!.pdu.notes[0], { id: 'seq-spent', severity: 'note', message: 'seq 2 used as LOGIN_SEQ_NUM in frame 1', field: 'SEQ_NUM' });
  assert.deepEqual([sessions[0]!.gaps, sessions[0]!.gapRanges], [0, []]);
  const streamed = await analyzeStreamed(steps);
  assert.deepEqual([notesByFrame(streamed.pdus), streamed.late], [notesByFrame(pdus), 0]);
});

test('a number spent in the packet that reveals the hole explains it too (a counter that numbers the request first)', () => {
  const { pdus, sessions } = analyze([...micqLogin, ...sent(1, 'SEARCH_UIN', 5, { SEARCH_SEQ_NUM: 4, SEARCHED_UIN: 22222 })]);
  assert.deepEqual(notesByFrame(pdus).filter((n) => !n.includes('never')), [
    '5: note seq 2 used as LOGIN_SEQ_NUM in frame 1',
    '7: note seq 4 used as SEARCH_SEQ_NUM in frame 7',
  ]);
  assert.equal(sessions[0]!.gaps, 0);
});

test('a hole no request number explains stays a gap, and a request number sent after the hole does not explain it', async () => {
  const steps = [
    ...micqLogin,
    ...sent(1, 'KEEP_ALIVE', 5),
    ...sent(2, 'INFO_REQ', 6, { INFO_SEQ_NUM: 4, QUERY_UIN: 22222 }),
    alice.recv(2.02, 'INFO_REPLY', 1, { INFO_SEQ_NUM: 4, REMOTE_UIN: 22222 }),
    alice.send(2.03, 'ACK', 1),
  ];
  const { pdus, sessions } = analyze(steps);
  assert.deepEqual(notesByFrame(pdus), ['5: note seq 2 used as LOGIN_SEQ_NUM in frame 1', '7: note seq 4 not seen']);
  assert.deepEqual([sessions[0]!.gaps, sessions[0]!.gapRanges], [1, [{ side: 'client', from: 4, to: 4, frame: 7 }]]);
  const streamed = await analyzeStreamed(steps);
  assert.deepEqual([notesByFrame(streamed.pdus), streamed.late], [notesByFrame(pdus), 0]);
});

test('a hole only partly spent on request numbers is a gap for the rest', () => {
  const { pdus, sessions } = analyze([
    ...micqLogin,
    ...sent(1, 'EXT_INFO_REQ', 4, { INFO_SEQ_NUM: 6, QUERY_UIN: 22222 }),
    alice.recv(1.02, 'EXT_INFO_REPLY', 1, { INFO_SEQ_NUM: 6, REMOTE_UIN: 22222 }),
    alice.send(1.03, 'ACK', 1),
    ...sent(2, 'KEEP_ALIVE', 9),
  ]);
  assert.deepEqual(notesByFrame(pdus), [
    '5: note seq 2 used as LOGIN_SEQ_NUM in frame 1',
    // The explained number is noted when the hole shows; the gaps when nothing late can fill them any more.
    '11: note seq 6 used as INFO_SEQ_NUM in frame 7',
    '11: note seq 5 not seen',
    '11: note seq 7-8 not seen',
  ]);
  assert.deepEqual(
    sessions[0]!.gapRanges.map((g) => [g.from, g.to, g.frame]),
    [[5, 5, 11], [7, 8, 11]],
  );
});
