import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALICE, BOB, analyze, client, login, notesByFrame } from './analysis-fixtures.js';

const alice = client(ALICE, 11111);
const bob = client(BOB, 22222);
/** Any numbered client packet (KEEP_ALIVE would get interval notes at these short intervals). */
const keepAlive = (who: typeof alice, at: number, seq: number) => who.send(at, 'STATUS_CHANGE', seq, { STATUS: 0 });

test('one session: every figure of the flows table', () => {
  const { sessions } = analyze([
    ...login(alice, 0, 11111),
    alice.send(1, 'SEND_MESSAGE', 2, { RECEIVER_UIN: 22222, MESSAGE_TYPE: 1, MESSAGE: 'hi' }),
    alice.recv(1.001, 'ACK', 2),
    alice.recv(2, 'RECEIVE_MESSAGE', 1, { REMOTE_UIN: 22222, YEAR: 1998, MONTH: 8, DAY: 26, MESSAGE_TYPE: 1, MESSAGE: 'yo' }),
    alice.send(2.002, 'ACK', 1),
    alice.send(3, 'STATUS_CHANGE', 5, { STATUS: 0x11 }),
    alice.recv(3.01, 'ACK', 5),
  ]);
  assert.deepEqual(sessions.map((s) => s.fingerprint.software), ['unknown']);
  assert.deepEqual(sessions.map(({ fingerprint: _fingerprint, ...figures }) => figures), [
    {
      id: 1,
      transport: 'udp',
      client: '10.0.0.2:1024',
      server: '10.0.0.1:4000',
      uin: 11111,
      packets: { 'client-to-server': 5, 'server-to-client': 5 },
      bytes: { 'client-to-server': 50 + 10 + 21 + 10 + 14, 'server-to-client': 6 + 38 + 6 + 23 + 6 },
      retransmissions: 0,
      gaps: 1,
      unacknowledged: 0,
      strayAcks: 0,
      logins: 1,
      messages: { sent: 1, received: 1 },
      finalStatus: { value: 0x11, display: 'Do Not Disturb (DND), licq bits away + occupied' },
      gapRanges: [{ side: 'client', from: 3, to: 4, frame: 9 }],
      unackedFrames: [],
      strayAckFrames: [],
      retransmissionFrames: [],
      start: '1998-07-09T16:00:00.000000Z',
      duration: 3.01,
      ackRtt: { min: 0.000265, median: 0.002, max: 0.01 },
    },
  ]);
});

test('gaps: a note on the packet after the missing numbers; a late packet shrinks the gap', () => {
  const { pdus, sessions } = analyze([
    ...login(alice, 0, 11111),
    keepAlive(alice, 1, 2),
    keepAlive(alice, 2, 6),
    keepAlive(alice, 3, 3),
    keepAlive(alice, 4, 8),
    alice.recv(5, 'USER_OFFLINE', 3, { REMOTE_UIN: 22222 }),
    ...[2, 6, 3, 8].map((seq, i) => alice.recv(5.1 + i / 10, 'ACK', seq)),
    alice.send(6, 'ACK', 3),
  ]);
  assert.deepEqual(notesByFrame(pdus), [
    '6: note seq 4-5 not seen',
    '8: note seq 7 not seen',
    '9: note seq 1-2 not seen',
  ]);
  assert.deepEqual(
    sessions[0]!.gapRanges.map((g) => [g.side, g.from, g.to, g.frame]),
    [['client', 4, 5, 6], ['client', 7, 7, 8], ['server', 1, 2, 9]],
  );
});

test('sequence numbers wrap past 65535 without gaps, retransmissions or stray ACKs', () => {
  const { pdus } = analyze([
    keepAlive(alice, 0, 65535),
    alice.recv(0.1, 'ACK', 65535),
    keepAlive(alice, 1, 0),
    alice.recv(1.1, 'ACK', 0),
    keepAlive(alice, 2, 1),
    alice.recv(2.1, 'ACK', 1),
  ]);
  assert.deepEqual(notesByFrame(pdus), []);
  assert.deepEqual(pdus[3]!.pdu.analysis, { acks: 3, ackRtt: 0.1 });
});

test('two clients behind one server at once keep separate sessions and numbering', () => {
  const { pdus, sessions } = analyze([
    alice.send(0, 'LOGIN', 1, { LOGIN_SEQ_NUM: 1, PASSWORD: 'a' }),
    bob.send(0.001, 'LOGIN', 1, { LOGIN_SEQ_NUM: 1, PASSWORD: 'b' }),
    bob.recv(0.002, 'ACK', 1),
    alice.recv(0.003, 'ACK', 1),
    bob.recv(0.004, 'LOGIN_REPLY', 0, { LOGIN_SEQ_NUM: 1, USER_UIN: 22222 }),
    alice.recv(0.005, 'LOGIN_REPLY', 0, { LOGIN_SEQ_NUM: 1, USER_UIN: 11111 }),
    alice.send(0.006, 'ACK', 0),
    bob.send(0.007, 'ACK', 0),
  ]);
  assert.deepEqual(
    pdus.map((d) => d.pdu.analysis),
    [
      { ackedBy: 4, responses: [6] },
      { ackedBy: 3, responses: [5] },
      { acks: 2, ackRtt: 0.001 },
      { acks: 1, ackRtt: 0.003 },
      { ackedBy: 8, responseTo: 2, responseTime: 0.003 },
      { ackedBy: 7, responseTo: 1, responseTime: 0.005 },
      { acks: 6, ackRtt: 0.001 },
      { acks: 5, ackRtt: 0.003 },
    ],
  );
  assert.deepEqual(notesByFrame(pdus), []);
  assert.deepEqual(
    sessions.map((s) => [s.id, s.uin, s.client, s.packets['client-to-server'], s.packets['server-to-client']]),
    [[1, 11111, '10.0.0.2:1024', 2, 2], [2, 22222, '10.0.0.3:2048', 2, 2]],
  );
});

test('a client restart (LOGIN back at seq 1 after traffic) starts a new session; what the old one left open is settled', () => {
  const { pdus, sessions, analyzer } = analyze([
    ...login(alice, 0, 11111),
    keepAlive(alice, 1, 2),
    ...login(alice, 10, 11111),
    keepAlive(alice, 11, 2),
    alice.recv(11.1, 'ACK', 2),
  ]);
  assert.deepEqual(notesByFrame(pdus), ['5: warning seq 2 never acknowledged']);
  assert.deepEqual(pdus[10]!.pdu.analysis, { acks: 10, ackRtt: 0.1 });
  assert.deepEqual(
    sessions.map((s) => [s.id, s.logins, s.packets['client-to-server'], s.unackedFrames]),
    [[1, 1, 3, [5]], [2, 1, 3, []]],
  );
  assert.deepEqual([0, 4, 5, 9].map((i) => analyzer.sessionOf(i)), [1, 1, 2, 2]);
});

test('a LOGIN retransmitted before any answer is a retransmission, not a restart; the times of its ACK and reply are ambiguous', () => {
  const { pdus, sessions } = analyze([
    alice.send(0, 'LOGIN', 1, { LOGIN_SEQ_NUM: 1 }),
    alice.send(2, 'LOGIN', 1, { LOGIN_SEQ_NUM: 1 }),
    alice.recv(2.1, 'ACK', 1),
    alice.recv(2.2, 'LOGIN_REPLY', 0, { LOGIN_SEQ_NUM: 1, USER_UIN: 11111 }),
  ]);
  assert.equal(sessions.length, 1);
  assert.equal(sessions[0]!.logins, 1);
  assert.deepEqual(pdus[0]!.pdu.analysis, { retransmittedIn: [2], responses: [4] });
  assert.deepEqual(pdus[2]!.pdu.analysis, { acks: 2, ackRtt: 0.1, ackRttAmbiguous: true });
  assert.deepEqual(pdus[3]!.pdu.analysis, { responseTo: 1, responseTime: 2.2, responseTimeAmbiguous: true });
  assert.deepEqual(notesByFrame(pdus), [
    '2: warning retransmission of seq 1 (first sent in frame 1)',
    '4: warning seq 0 never acknowledged',
  ]);
});

test('a LOGIN at another number after traffic restarts the numbering in the same session', () => {
  const { pdus, sessions } = analyze([
    ...login(alice, 0, 11111),
    alice.send(1, 'LOGIN', 7, { LOGIN_SEQ_NUM: 2 }),
    alice.recv(1.1, 'ACK', 7),
    alice.recv(1.2, 'LOGIN_REPLY', 0, { LOGIN_SEQ_NUM: 2, USER_UIN: 11111 }),
    alice.send(1.3, 'ACK', 0),
  ]);
  assert.deepEqual(notesByFrame(pdus), []);
  assert.deepEqual(pdus[7]!.pdu.analysis, { acks: 7, ackRtt: 0.1 });
  assert.deepEqual([sessions.length, sessions[0]!.logins], [1, 2]);
});

test('an idle session is settled without a note; if its client comes back, the new session says so', () => {
  const { pdus, sessions } = analyze([keepAlive(alice, 0, 2), keepAlive(alice, 700, 3)], { idleSeconds: 600 });
  assert.deepEqual(notesByFrame(pdus), [
    '1: warning seq 2 never acknowledged',
    '2: note session 2 starts here: session 1 of this client was silent for more than 600 s',
    '2: warning seq 3 never acknowledged',
  ]);
  assert.deepEqual(
    sessions.map((s) => [s.id, s.evicted]),
    [[1, undefined], [2, undefined]],
  );
});

test('a session that ends and stays silent gets no note for its silence', () => {
  const { pdus, sessions } = analyze([keepAlive(alice, 0, 2), keepAlive(bob, 700, 2)], { idleSeconds: 600 });
  assert.deepEqual(notesByFrame(pdus), ['1: warning seq 2 never acknowledged', '2: warning seq 2 never acknowledged']);
  assert.deepEqual(sessions.map((s) => s.id), [1, 2]);
});

test('beyond the session limit the least recently active session is settled', () => {
  const { pdus, sessions } = analyze([keepAlive(alice, 0, 2), keepAlive(bob, 1, 2), alice.recv(2, 'ACK', 2)], { maxSessions: 1 });
  assert.deepEqual(notesByFrame(pdus), [
    '1: warning seq 2 never acknowledged',
    '1: note session 1 no longer tracked after this packet (more than 1 sessions at once): later packets start a new session',
    '2: warning seq 2 never acknowledged',
    '2: note session 2 no longer tracked after this packet (more than 1 sessions at once): later packets start a new session',
    '3: note ACK for seq 2, sent before the capture started',
  ]);
  assert.equal(sessions.length, 3);
});
