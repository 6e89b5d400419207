import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFlowsTable } from '../src/format/flows-table.js';
import { formatLadder } from '../src/format/ladder.js';
import { formatMermaid } from '../src/format/mermaid.js';
import { createStyle } from '../src/format/style.js';
import { note } from '../src/net/note-kinds.js';
import { ALICE, analyze, client, login } from './analysis-fixtures.js';

const alice = client(ALICE, 11111);

/** A login, a message sent twice (the first ACK late), a status change never acknowledged. */
const { pdus, sessions } = analyze([
  ...login(alice, 0, 11111),
  alice.send(1, 'SEND_MESSAGE', 2, { RECEIVER_UIN: 22222, MESSAGE_TYPE: 1, MESSAGE: 'hi' }),
  alice.send(3, 'SEND_MESSAGE', 2, { RECEIVER_UIN: 22222, MESSAGE_TYPE: 1, MESSAGE: 'hi' }),
  alice.recv(3.1, 'ACK', 2),
  alice.send(4, 'STATUS_CHANGE', 3, { STATUS: 1 }),
]);
const session = sessions[0]!;

test('ladder: times from the session start, arrows both ways, ACKs dotted, warnings after the frame', () => {
  assert.equal(
    formatLadder(session, pdus),
    [
      'Session 1: UDP, UIN 11111',
      '              client                              server',
      '        time  10.0.0.2:1024                10.0.0.1:4000',
      '    0.000000  |------------- LOGIN seq 1 ------------->|  #1',
      '    0.000265  |<.............. ACK seq 1 ..............|  #2',
      '    0.000300  |<---------- LOGIN_REPLY seq 0 ----------|  #3',
      '    0.004000  |.............. ACK seq 0 ..............>|  #4',
      '    1.000000  |--------- SEND_MESSAGE seq 2 ---------->|  #5',
      '    3.000000  |--------- SEND_MESSAGE seq 2 ---------->|  #6  ! retransmission of seq 2 (first sent in frame 5)',
      '    3.100000  |<.............. ACK seq 2 ..............|  #7',
      '    4.000000  |--------- STATUS_CHANGE seq 3 --------->|  #8  ! seq 3 never acknowledged',
      '',
    ].join('\n'),
  );
});

test('mermaid: a sequenceDiagram with the client and server as participants and warnings as notes', () => {
  assert.equal(
    formatMermaid(session, pdus),
    [
      'sequenceDiagram',
      '    title Session 1: UDP, UIN 11111',
      '    participant C as client 10.0.0.2:1024 (UIN 11111)',
      '    participant S as server 10.0.0.1:4000',
      '    C->>S: LOGIN seq 1 (frame 1)',
      '    S-->>C: ACK seq 1 (frame 2)',
      '    S->>C: LOGIN_REPLY seq 0 (frame 3)',
      '    C-->>S: ACK seq 0 (frame 4)',
      '    C->>S: SEND_MESSAGE seq 2 (frame 5)',
      '    C->>S: SEND_MESSAGE seq 2 (frame 6)',
      '    Note over C,S: retransmission of seq 2 (first sent in frame 5)',
      '    S-->>C: ACK seq 2 (frame 7)',
      '    C->>S: STATUS_CHANGE seq 3 (frame 8)',
      '    Note over C,S: seq 3 never acknowledged',
      '',
    ].join('\n'),
  );
});

test('mermaid: # and ; in text become entities so they cannot end a message', () => {
  const copy = structuredClone(pdus[7]!);
  copy.pdu.notes = [note('retransmission', 'a;b #1')];
  assert.match(formatMermaid(session, [copy]), /Note over C,S: a#59;b #35;1\n$/);
});

test('flows table: one row per session, no escape codes without colour', () => {
  const text = formatFlowsTable(sessions, createStyle(false));
  assert.equal(text.includes('\u001b'), false);
  const row = text.split('\n')[3]!.split('│').map((cell) => cell.trim());
  assert.deepEqual(row, [
    '', '1', 'udp', '11111', '10.0.0.2:1024', '10.0.0.1:4000', 'unknown', '1998-07-09T16:00:00.000000Z', '4.000',
    '5/3', '116/50', '1', '0', '1', '0', '0.265/0.265/3.700', '1', '1/0', 'away', '',
  ]);
  assert.match(formatFlowsTable(sessions, createStyle(true)), /\u001b\[1m#\u001b\[22m/);
});
