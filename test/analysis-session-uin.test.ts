import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALICE, BOB, analyze, analyzeStreamed, client, login, type Step } from './analysis-fixtures.js';

/** Issue 12: every PDU of a session carries the session's id and its client's UIN, server packets too. */

const alice = client(ALICE, 11111);
const bob = client(BOB, 22222);

const sessionAndUin = (pdus: Awaited<ReturnType<typeof analyzeStreamed>>['pdus']) => pdus.map(({ pdu }) => [pdu.frame, pdu.session, pdu.uin]);

test('a server packet carries the UIN of the client it goes to, and every PDU its session id', async () => {
  const steps: Step[] = [...login(alice, 0, 11111), ...login(bob, 1, 22222), alice.recv(2, 'USER_OFFLINE', 1, { REMOTE_UIN: 22222 }), alice.send(2.1, 'ACK', 1)];
  const expected = [
    [1, 1, 11111], [2, 1, 11111], [3, 1, 11111], [4, 1, 11111],
    [5, 2, 22222], [6, 2, 22222], [7, 2, 22222], [8, 2, 22222],
    [9, 1, 11111], [10, 1, 11111],
  ];
  const { pdus, sessions } = analyze(steps);
  assert.deepEqual(sessionAndUin(pdus), expected);
  assert.deepEqual(sessions.map((s) => [s.id, s.uin]), [[1, 11111], [2, 22222]]);
  const streamed = await analyzeStreamed(steps);
  assert.deepEqual([sessionAndUin(streamed.pdus), streamed.late], [expected, 0]);
});

test('server packets before the client\'s first one learn its UIN when it comes (a capture that starts mid-session)', async () => {
  const steps: Step[] = [
    alice.recv(0, 'USER_ONLINE', 7, { REMOTE_UIN: 22222, REMOTE_IP: '10.0.0.3', REMOTE_REAL_IP: '10.0.0.3', STATUS: 0 }),
    alice.recv(0.5, 'STATUS_UPDATE', 8, { REMOTE_UIN: 22222, STATUS: 1 }),
    alice.send(1, 'ACK', 7),
    alice.recv(2, 'STATUS_UPDATE', 9, { REMOTE_UIN: 22222, STATUS: 0 }),
  ];
  const expected = [[1, 1, 11111], [2, 1, 11111], [3, 1, 11111], [4, 1, 11111]];
  assert.deepEqual(sessionAndUin(analyze(steps).pdus), expected);
  const streamed = await analyzeStreamed(steps);
  assert.deepEqual([sessionAndUin(streamed.pdus), streamed.late], [expected, 0]);
});

test('a session whose client never speaks leaves its server packets without a UIN', async () => {
  const notices = Array.from({ length: 20 }, (_, i) => alice.recv(i, 'STATUS_UPDATE', i, { REMOTE_UIN: 22222, STATUS: 0 }));
  const streamed = await analyzeStreamed(notices);
  assert.deepEqual(streamed.pdus.map(({ pdu }) => [pdu.session, pdu.uin]), notices.map(() => [1, undefined]));
  assert.equal(streamed.late, 0);
});
