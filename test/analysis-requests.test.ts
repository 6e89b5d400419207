import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALICE, BOB, analyze, analyzeStreamed, client, login, notesByFrame, type Step } from './analysis-fixtures.js';

const alice = client(ALICE, 11111);
const found = (at: number, seq: number, search: number, uin: number) =>
  alice.recv(at, 'USER_FOUND', seq, { SEARCH_SEQ_NUM: search, FOUND_UIN: uin, NICK_NAME: `n${uin}` });

test('a search answered by several USER_FOUND then END_OF_SEARCH', () => {
  const { pdus } = analyze([
    ...login(alice, 0, 11111),
    alice.send(1, 'SEARCH_USER', 2, { SEARCH_SEQ_NUM: 7, NICK_NAME: 'bo' }),
    alice.recv(1.01, 'ACK', 2),
    found(1.02, 1, 7, 22222),
    alice.send(1.03, 'ACK', 1),
    found(1.04, 2, 7, 33333),
    alice.send(1.05, 'ACK', 2),
    alice.recv(1.06, 'END_OF_SEARCH', 3, { SEARCH_SEQ_NUM: 7, MORE_FOUND: 0 }),
    alice.send(1.07, 'ACK', 3),
  ]);
  assert.deepEqual(pdus[4]!.pdu.analysis, { ackedBy: 6, responses: [7, 9, 11] });
  assert.deepEqual(
    [6, 8, 10].map((i) => pdus[i]!.pdu.analysis),
    [
      { ackedBy: 8, responseTo: 5, responseTime: 0.02 },
      { ackedBy: 10, responseTo: 5, responseTime: 0.04 },
      { ackedBy: 12, responseTo: 5, responseTime: 0.06 },
    ],
  );
  assert.deepEqual(notesByFrame(pdus), []);
});

test('INFO_REQ and EXT_INFO_REQ pair by INFO_SEQ_NUM with their own reply only', () => {
  const { pdus } = analyze([
    alice.send(0, 'INFO_REQ', 2, { INFO_SEQ_NUM: 3, QUERY_UIN: 22222 }),
    alice.send(0.1, 'EXT_INFO_REQ', 3, { INFO_SEQ_NUM: 3, QUERY_UIN: 22222 }),
    alice.recv(0.3, 'EXT_INFO_REPLY', 1, { INFO_SEQ_NUM: 3, REMOTE_UIN: 22222 }),
    alice.recv(0.4, 'INFO_REPLY', 2, { INFO_SEQ_NUM: 3, REMOTE_UIN: 22222 }),
    alice.recv(0.5, 'INFO_REPLY', 3, { INFO_SEQ_NUM: 9, REMOTE_UIN: 22222 }),
  ]);
  assert.deepEqual(
    pdus.map((d) => d.pdu.analysis),
    [
      { responses: [4] },
      { responses: [3] },
      { responseTo: 2, responseTime: 0.2 },
      { responseTo: 1, responseTime: 0.4 },
      {},
    ],
  );
});

test('a request never answered, and a search that never finished', () => {
  const { pdus } = analyze([
    alice.send(0, 'INFO_REQ', 2, { INFO_SEQ_NUM: 3, QUERY_UIN: 22222 }),
    alice.send(0.1, 'SEARCH_UIN', 3, { SEARCH_SEQ_NUM: 4, SEARCHED_UIN: 22222 }),
    found(0.2, 1, 4, 22222),
    alice.send(0.3, 'SEARCH_UIN', 4, { SEARCH_SEQ_NUM: 5, SEARCHED_UIN: 33333 }),
    ...[2, 3, 4].map((seq, i) => alice.recv(1 + i / 10, 'ACK', seq)),
    alice.send(2, 'ACK', 1),
  ]);
  assert.deepEqual(notesByFrame(pdus), [
    '1: warning INFO_REQ never answered (no INFO_REPLY)',
    '2: warning SEARCH_UIN never finished (no END_OF_SEARCH)',
    '4: warning SEARCH_UIN never answered (no USER_FOUND or END_OF_SEARCH)',
  ]);
});

test('a retransmitted reply answers what its first copy answered, and is not counted twice; its ACK pairs with the copy', () => {
  const { pdus } = analyze([
    alice.send(0, 'INFO_REQ', 2, { INFO_SEQ_NUM: 3, QUERY_UIN: 22222 }),
    alice.recv(0.1, 'INFO_REPLY', 1, { INFO_SEQ_NUM: 3, REMOTE_UIN: 22222 }),
    alice.recv(2.1, 'INFO_REPLY', 1, { INFO_SEQ_NUM: 3, REMOTE_UIN: 22222 }),
    alice.send(2.2, 'ACK', 1),
  ]);
  assert.deepEqual(
    pdus.slice(0, 3).map((d) => d.pdu.analysis),
    [{ responses: [2] }, { responseTo: 1, responseTime: 0.1, retransmittedIn: [3] }, { responseTo: 1, retransmissionOf: 2, ackedBy: 4 }],
  );
});

const PEER_A = { ip: '10.0.0.2', port: 5000 };
const PEER_B = { ip: '10.0.0.3', port: 6000 };
const peer = (at: number, from: typeof PEER_A, command: string, x4: number, cmdType = 0x10): Step => ({
  at,
  from,
  to: from === PEER_A ? PEER_B : PEER_A,
  command,
  stream: 0,
  values: { UIN: from === PEER_A ? 11111 : 22222, UIN_2: from === PEER_A ? 11111 : 22222, MESSAGE_TYPE: 1, MESSAGE: 'hi', CMD_TYPE: cmdType, X4: x4 },
});
const AUTO_REPLY = 0x0000;

test('TCP: CHANNEL_MESSAGE pairs with the CHANNEL_ACK carrying its X4, per sender', () => {
  const { pdus, sessions } = analyze([
    {
      at: 0,
      from: PEER_A,
      to: PEER_B,
      command: 'CHANNEL_INIT',
      stream: 0,
      values: { MY_UIN: 11111, MY_IP: '10.0.0.2', MY_IP_REAL: '10.0.0.2', MY_PORT: 5000 },
    },
    peer(1, PEER_A, 'CHANNEL_MESSAGE', -1),
    peer(1.5, PEER_B, 'CHANNEL_MESSAGE', -1),
    peer(2, PEER_A, 'CHANNEL_MESSAGE', -2),
    peer(2.25, PEER_B, 'CHANNEL_ACK', -2),
    peer(2.5, PEER_B, 'CHANNEL_ACK', -1),
    peer(2.75, PEER_A, 'CHANNEL_ACK', -1),
  ]);
  assert.deepEqual(
    pdus.map((d) => d.pdu.analysis),
    [
      {},
      { responses: [6] },
      { responses: [7] },
      { responses: [5] },
      { responseTo: 4, responseTime: 0.25 },
      { responseTo: 2, responseTime: 1.5 },
      { responseTo: 3, responseTime: 1.25 },
    ],
  );
  assert.deepEqual(notesByFrame(pdus), []);
  assert.deepEqual(
    sessions.map((s) => [s.transport, s.stream, s.uin, s.client, s.server, s.messages, s.packets]),
    [['tcp', 0, 11111, '10.0.0.2:5000', '10.0.0.3:6000', { sent: 2, received: 1 }, { 'client-to-server': 4, 'server-to-client': 3 }]],
  );
});

test('TCP: a CHANNEL_MESSAGE never acknowledged', () => {
  const { pdus } = analyze([peer(1, PEER_A, 'CHANNEL_MESSAGE', -1), peer(2, PEER_B, 'CHANNEL_ACK', -5)]);
  assert.deepEqual(notesByFrame(pdus), ['1: warning CHANNEL_MESSAGE never answered (no CHANNEL_ACK or auto-reply CHANNEL_MESSAGE)']);
});

test("TCP: the document's auto reply (CHANNEL_MESSAGE CMD_TYPE 00 00 repeating X4) answers a new message, and is no request itself", async () => {
  const steps = [
    peer(1, PEER_A, 'CHANNEL_MESSAGE', -1),
    peer(1.5, PEER_B, 'CHANNEL_MESSAGE', -1, AUTO_REPLY),
    // licq's urgent message (CMD_TYPE 0x0040) is a new message too, answered by its CHANNEL_ACK.
    peer(2, PEER_B, 'CHANNEL_MESSAGE', -2, 0x40),
    peer(2.25, PEER_A, 'CHANNEL_ACK', -2, AUTO_REPLY),
  ];
  const { pdus } = analyze(steps);
  assert.deepEqual(
    pdus.map((d) => [d.pdu.command?.name, d.pdu.analysis]),
    [
      ['CHANNEL_MESSAGE', { responses: [2] }],
      ['CHANNEL_MESSAGE', { responseTo: 1, responseTime: 0.5 }],
      ['CHANNEL_MESSAGE', { responses: [4] }],
      ['CHANNEL_ACK', { responseTo: 3, responseTime: 0.25 }],
    ],
  );
  assert.deepEqual(notesByFrame(pdus), []);
  const streamed = await analyzeStreamed(steps);
  assert.deepEqual([streamed.pdus.map((d) => d.pdu.analysis), streamed.late], [pdus.map((d) => d.pdu.analysis), 0]);
});

test('TCP: an auto reply with another X4, or from the sender itself, answers nothing; the message says what it waited for', async () => {
  const steps = [
    peer(1, PEER_A, 'CHANNEL_MESSAGE', -1),
    peer(1.5, PEER_A, 'CHANNEL_MESSAGE', -1, AUTO_REPLY),
    peer(2, PEER_B, 'CHANNEL_MESSAGE', -7, AUTO_REPLY),
  ];
  const { pdus } = analyze(steps);
  assert.deepEqual(pdus.map((d) => d.pdu.analysis), [{}, {}, {}]);
  assert.deepEqual(notesByFrame(pdus), ['1: warning CHANNEL_MESSAGE never answered (no CHANNEL_ACK or auto-reply CHANNEL_MESSAGE)']);
  const streamed = await analyzeStreamed(steps);
  assert.deepEqual([notesByFrame(streamed.pdus), streamed.late], [notesByFrame(pdus), 0]);
});

test('KEEP_ALIVE intervals outside 60-180 s are noted; the usual rhythm and the limits themselves are not', () => {
  const bob = client(BOB, 22222);
  const steps = [0, 120, 245, 275, 455, 640].flatMap((at, i) => [bob.send(at, 'KEEP_ALIVE', i + 2), bob.recv(at + 0.1, 'ACK', i + 2)]);
  const { pdus } = analyze(steps);
  assert.deepEqual(notesByFrame(pdus), [
    '7: warning KEEP_ALIVE 30.0 s after the previous one (expected about 120 s)',
    '11: warning KEEP_ALIVE 185.0 s after the previous one (expected about 120 s)',
  ]);
});
