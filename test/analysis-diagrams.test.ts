import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFlowsTable } from '../src/format/flows-table.js';
import { formatLadder } from '../src/format/ladder.js';
import { formatMermaid } from '../src/format/mermaid.js';
import { createStyle } from '../src/format/style.js';
import { note } from '../src/net/note-kinds.js';
import { ALICE, analyze, client, login } from './analysis-fixtures.js';

const alice = client(ALICE, 11111);

/** A login, a message sent twice (the first ACK late), a status change never acknowledged, a gap. */
const { pdus, sessions } = analyze([
  ...login(alice, 0, 11111),
  alice.send(1, 'SEND_MESSAGE', 2, { RECEIVER_UIN: 22222, MESSAGE_TYPE: 1, MESSAGE: 'hi' }),
  alice.send(3, 'SEND_MESSAGE', 2, { RECEIVER_UIN: 22222, MESSAGE_TYPE: 1, MESSAGE: 'hi' }),
  alice.recv(3.1, 'ACK', 2),
  alice.send(4, 'STATUS_CHANGE', 3, { STATUS: 1 }),
  // seq 4 never seen: a gap, drawn before the packet that shows it.
  alice.send(5, 'KEEP_ALIVE', 5),
  alice.recv(5.1, 'ACK', 5),
]);
const session = sessions[0]!;

test('ladder: times from the session start, arrows both ways, ACKs dotted, warnings after the frame', () => {
  assert.equal(
    formatLadder(session, pdus),
    [
      'Session 1: UDP, UIN 11111',
      '              client                              server',
      '        time  10.0.0.2:1024                10.0.0.1:4000',
      '    0.000000  |------------- LOGIN seq 1 ------------->|  frame 1',
      '    0.000265  |<.............. ACK seq 1 ..............|  frame 2',
      '    0.000300  |<---------- LOGIN_REPLY seq 0 ----------|  frame 3',
      '    0.004000  |.............. ACK seq 0 ..............>|  frame 4',
      '    1.000000  |--------- SEND_MESSAGE seq 2 ---------->|  frame 5',
      '    3.000000  |--------- SEND_MESSAGE seq 2 ---------->|  frame 6  ! retransmission of seq 2 (first sent in frame 5)',
      '    3.100000  |<.............. ACK seq 2 ..............|  frame 7',
      '    4.000000  |--------- STATUS_CHANGE seq 3 --------->|  frame 8  ! seq 3 never acknowledged',
      '              |~~~~~~~~~~~ seq 4 not seen ~~~~~~~~~~~~>|  ! gap',
      '    5.000000  |---------- KEEP_ALIVE seq 5 ----------->|  frame 9',
      '    5.100000  |<.............. ACK seq 5 ..............|  frame 10',
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
      '    Note over C: gap: seq 4 not seen',
      '    C->>S: KEEP_ALIVE seq 5 (frame 9)',
      '    S-->>C: ACK seq 5 (frame 10)',
      '',
    ].join('\n'),
  );
});

test('mermaid: # and ; in text become entities so they cannot end a message', () => {
  const copy = structuredClone(pdus[7]!);
  copy.pdu.notes = [note('retransmission', 'a;b #1')];
  assert.match(formatMermaid(session, [copy]), /Note over C,S: a#59;b #35;1\n$/);
});

/** The session as flows prints it: one frame a PDU, 42 bytes of headers each (Ethernet, IPv4, UDP). */
const withHeaders = (direction: 'client-to-server' | 'server-to-client') => session.bytes[direction] + 42 * session.packets[direction];
const flow = { ...session, frames: session.packets, frameBytes: { 'client-to-server': withHeaders('client-to-server'), 'server-to-client': withHeaders('server-to-client') } };

test('flows table piped: the columns read first, aligned, no box, no rule, nothing cut', () => {
  const lines = formatFlowsTable([flow], createStyle(false)).split('\n');
  assert.deepEqual(lines.map((line) => line.split(/ {2,}/)), [
    ['#', 'Proto', 'Client', 'Server', 'UIN', 'Software', 'Duration', 'PDUs', 'Frames', 'Bytes', 'Problems'],
    ['', 's', 'C→S/S→C', 'C→S/S→C', 'C→S/S→C'],
    ['1', 'UDP', '10.0.0.2:1024', '10.0.0.1:4000', '11111', 'unknown', '5.100', '6/4', '6/4', '378/224', '1 retrans, 1 gap, 1 unacked'],
    [''],
  ]);
  assert.equal(/[│─┌]/.test(lines.join('\n')), false);
  assert.match(formatFlowsTable([flow], createStyle(true)), /\u001b\[1m#\u001b\[22m/);
});

test('flows table --wide: every count in its own column', () => {
  const [first, second, row] = formatFlowsTable([flow], createStyle(false), { wide: true }).split('\n').map((line) => line.split(/ {2,}/));
  assert.deepEqual(first, ['#', 'Proto', 'Client', 'Server', 'UIN', 'Software', 'Start', 'Duration', 'PDUs', 'ICQ bytes', 'Frames', 'Bytes', 'Retrans', 'Gaps', 'Unacked', 'Stray', 'ACK RTT ms', 'Logins', 'Msgs', 'Final status']);
  assert.equal(second!.join(' ').trim(), 's C→S/S→C C→S/S→C C→S/S→C C→S/S→C ACKs min/med/max sent/recv');
  assert.deepEqual(row, ['1', 'UDP', '10.0.0.2:1024', '10.0.0.1:4000', '11111', 'unknown', '1998-07-09T16:00:00.000000Z', '5.100',
    '6/4', '126/56', '6/4', '378/224', '1', '1', '1', '0', '0.265/3.700/100.000', '1', '1/0', 'away']);
});

test('flows table on a terminal: a rule under the head, fitted to the width (endpoints keep their ends), left-out columns named', () => {
  const at = (columns: number) => formatFlowsTable([flow], createStyle(false), { wide: false, columns }).split('\n').filter(Boolean);
  const wide = at(200);
  assert.match(wide[2]!, /^─+  ─+/);
  assert.equal(wide.length, 4);
  for (const columns of [80, 100, 132]) {
    const lines = at(columns);
    const table = lines.filter((line) => !line.startsWith('(not shown'));
    assert.ok(table.every((line) => line.length <= columns), `${columns}: ${table.find((line) => line.length > columns)}`);
  }
  const narrow = at(80);
  assert.equal(narrow[3], '1  UDP    ….0.0.2:1024  ….0.0.1:4000  11111  6/4      6/4      378/224  1 retra…');
  assert.equal(narrow[4], '(not shown at 80 columns: Software, Duration; --wide shows every column)');
  // At 100 the problems are whole: the software and duration are left out before they are cut.
  assert.match(at(100)[3]!, /  1 retrans, 1 gap, 1 unacked$/);
});
