import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALICE, analyze, analyzeStreamed, client, login, notesByFrame } from './analysis-fixtures.js';

const alice = client(ALICE, 11111);

test('a healthy login pairs every ACK and reply and adds no note', () => {
  const { pdus } = analyze(login(alice, 0, 11111));
  assert.deepEqual(
    pdus.map((d) => d.pdu.analysis),
    [
      { ackedBy: 2, responses: [3] },
      { acks: 1, ackRtt: 0.000265 },
      { ackedBy: 4, responseTo: 1, responseTime: 0.0003 },
      { acks: 3, ackRtt: 0.0037 },
    ],
  );
  assert.deepEqual(notesByFrame(pdus), []);
});

const message = (at: number, seq: number) => alice.send(at, 'SEND_MESSAGE', seq, { RECEIVER_UIN: 22222, MESSAGE_TYPE: 1, MESSAGE: 'hi' });

test("an ACK after a retransmission pairs with the latest copy, its RTT ambiguous (Karn's rule) and left out of the figures; the first copy says where it was sent again", () => {
  const { pdus, sessions } = analyze([
    ...login(alice, 0, 11111),
    message(1, 2),
    message(3, 2),
    alice.recv(3.1, 'ACK', 2),
    alice.recv(3.2, 'ACK', 2),
  ]);
  assert.deepEqual(
    pdus.slice(4).map((d) => d.pdu.analysis),
    [{ retransmittedIn: [6] }, { retransmissionOf: 5, ackedBy: 7 }, { acks: 6, ackRtt: 0.1, ackRttAmbiguous: true }, { acks: 6 }],
  );
  assert.deepEqual(notesByFrame(pdus), [
    '6: warning retransmission of seq 2 (first sent in frame 5)',
    '8: note duplicate ACK for seq 2 (first acknowledged in frame 7)',
  ]);
  assert.equal(sessions[0]!.retransmissions, 1);
  assert.deepEqual(sessions[0]!.retransmissionFrames, [6]);
  assert.deepEqual(sessions[0]!.ackRtt, { min: 0.000265, median: 0.000265, max: 0.0037 });
});

test('one ACK for a retransmitted number acknowledges the number: no copy is reported unacknowledged', () => {
  const { pdus, sessions } = analyze([...login(alice, 0, 11111), message(1, 2), message(3, 2), alice.recv(3.1, 'ACK', 2)]);
  assert.deepEqual(pdus[6]!.pdu.analysis, { acks: 6, ackRtt: 0.1, ackRttAmbiguous: true });
  assert.deepEqual(notesByFrame(pdus), ['6: warning retransmission of seq 2 (first sent in frame 5)']);
  assert.equal(sessions[0]!.unacknowledged, 0);
});

test('a packet sent again after its ACK (the ACK lost on the way back): its first copy learns of it within 30 s, streamed as in full', async () => {
  const resent = (at: number) => [...login(alice, 0, 11111), message(1, 2), alice.recv(1.1, 'ACK', 2), message(at, 2), alice.recv(at + 0.1, 'ACK', 2)];
  const expected = (retransmittedIn: object) => [
    { ackedBy: 6, ...retransmittedIn },
    { acks: 5, ackRtt: 0.1 },
    { retransmissionOf: 5, ackedBy: 8 },
    { acks: 7, ackRtt: 0.1, ackRttAmbiguous: true },
  ];
  for (const [at, retransmittedIn] of [[3, { retransmittedIn: [7] }], [40, {}]] as const) {
    const steps = resent(at);
    const { pdus, sessions } = analyze(steps);
    assert.deepEqual(pdus.slice(4).map((d) => d.pdu.analysis), expected(retransmittedIn));
    assert.deepEqual(sessions[0]!.ackRtt, { min: 0.000265, median: 0.0037, max: 0.1 });
    const streamed = await analyzeStreamed(steps);
    assert.deepEqual([streamed.pdus.map((d) => d.pdu.analysis), streamed.late], [pdus.map((d) => d.pdu.analysis), 0]);
  }
});

test('ACKs out of order pair by number, not by arrival', () => {
  const { pdus } = analyze([
    ...login(alice, 0, 11111),
    message(1, 2),
    alice.send(1.001, 'STATUS_CHANGE', 3, { STATUS: 1 }),
    alice.recv(1.002, 'ACK', 3),
    alice.recv(1.003, 'ACK', 2),
  ]);
  assert.deepEqual(
    pdus.slice(4).map((d) => d.pdu.analysis),
    [{ ackedBy: 8 }, { ackedBy: 7 }, { acks: 6, ackRtt: 0.001 }, { acks: 5, ackRtt: 0.003 }],
  );
  assert.deepEqual(notesByFrame(pdus), []);
});

test('an ACK for a number never sent is a stray ACK', () => {
  const { pdus, sessions } = analyze([...login(alice, 0, 11111), alice.recv(1, 'ACK', 9), alice.send(2, 'ACK', 4)]);
  assert.deepEqual(notesByFrame(pdus), [
    '5: warning ACK for seq 9, which was never seen (stray ACK)',
    '6: warning ACK for seq 4, which was never seen (stray ACK)',
  ]);
  assert.deepEqual(pdus[4]!.pdu.analysis, {});
  assert.equal(sessions[0]!.strayAcks, 2);
  assert.deepEqual(sessions[0]!.strayAckFrames, [5, 6]);
});

test('packets with no ACK by the end of the capture are reported on their first copy, both ways', () => {
  const { pdus, sessions } = analyze([
    ...login(alice, 0, 11111),
    message(1, 2),
    message(2, 2),
    alice.recv(2.5, 'USER_OFFLINE', 1, { REMOTE_UIN: 22222 }),
  ]);
  assert.deepEqual(notesByFrame(pdus), [
    '5: warning seq 2 never acknowledged',
    '6: warning retransmission of seq 2 (first sent in frame 5)',
    '7: warning seq 1 never acknowledged',
  ]);
  assert.equal(sessions[0]!.unacknowledged, 2);
  assert.deepEqual(sessions[0]!.unackedFrames, [5, 7]);
});

test('a second ACK of a number sent once is a duplicate, pointing at the packet', () => {
  const { pdus } = analyze([...login(alice, 0, 11111), message(1, 2), alice.recv(1.1, 'ACK', 2), alice.recv(1.2, 'ACK', 2)]);
  assert.deepEqual(pdus[6]!.pdu.analysis, { acks: 5 });
  assert.deepEqual(notesByFrame(pdus), ['7: note duplicate ACK for seq 2 (first acknowledged in frame 6)']);
});

test('a capture that starts mid-session: ACKs of earlier packets are noted, not stray; numbering starts where seen', () => {
  const { pdus, sessions } = analyze([
    alice.recv(0, 'ACK', 7),
    alice.send(0.5, 'KEEP_ALIVE', 8),
    alice.recv(0.6, 'ACK', 8),
    alice.send(0.7, 'ACK', 40),
    alice.recv(1, 'USER_OFFLINE', 41, { REMOTE_UIN: 22222 }),
    alice.send(1.1, 'ACK', 41),
  ]);
  assert.deepEqual(notesByFrame(pdus), [
    '1: note ACK for seq 7, sent before the capture started',
    '4: note ACK for seq 40, sent before the capture started',
  ]);
  assert.deepEqual(pdus[5]!.pdu.analysis, { acks: 5, ackRtt: 0.1 });
  assert.equal(sessions[0]!.strayAcks, 0);
});
