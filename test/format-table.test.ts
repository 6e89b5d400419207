import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DissectedPdu, Pdu } from '../src/dissect/pdu.js';
import { createStyle } from '../src/format/style.js';
import { tabsPrinter } from '../src/format/tabs-printer.js';
import { textPrinter } from '../src/format/text-printer.js';
import { TimeColumn, type TimeMode } from '../src/format/time-column.js';
import { findTable } from '../src/protocol/registry.js';
import { dissectBytes, inCapture, login, message, serverAck } from './format-fixtures.js';

// -t a is local time: 5 h 30 ahead of UTC here.
process.env.TZ = 'Asia/Kolkata';

const summaryFor = (pdu: Pdu) => (pdu.command === null ? undefined : findTable(pdu.direction, pdu.command.code)?.summary);

const PDUS: DissectedPdu[] = inCapture([
  login({ frame: 1 }),
  serverAck({ frame: 2, nanos: 250_000 }, 1),
  message({ frame: 4, offset: 1, nanos: 5000 }, 'hi\x1b[2J there'),
  dissectBytes(Buffer.from('0200e8', 'hex'), 'client-to-server', { frame: 5, offset: 2 }),
  // A password past 8 characters: a warning note.
  login({ frame: 6, offset: 3 }, 'a long password'),
]);

/** The table of `batches` (each ends as a batch the capture was read in does), as the CLI prints it. */
function table(options: { columns?: number; color?: boolean; mode?: TimeMode; batches?: DissectedPdu[][] } = {}): string {
  const clock = new TimeColumn(options.mode ?? 'r');
  const printer = textPrinter({ verbose: false, hex: false, style: createStyle(options.color ?? false), clock, terminalColumns: options.columns, summaryFor });
  let out = '';
  for (const batch of options.batches ?? [PDUS]) {
    for (const d of batch) {
      out += printer.pdu(d, []);
    }
    out += printer.batchEnd?.() ?? '';
  }
  return out + printer.end();
}

const PIPED = [
  'No.     Time Source        Destination   Dir Command      Seq   UIN Info',
  '  1 0.000000 10.0.0.5:1026 10.0.0.1:4000 C→S LOGIN          1 22222 uin 22222 port 1026 status online',
  '  2 0.000250 10.0.0.1:4000 10.0.0.5:1026 S→C ACK            1       ack seq 1',
  '  4 1.000005 10.0.0.5:1026 10.0.0.1:4000 C→S SEND_MESSAGE   2 22222 to 1001 (message): hi\\x1b[2J there',
  '  5 2.000000 10.0.0.5:1026 10.0.0.1:4000 C→S ?                      [malformed]',
  '  6 3.000000 10.0.0.5:1026 10.0.0.1:4000 C→S LOGIN          1 22222 uin 22222 port 1026 status online',
  '',
];

test('piped: a heading line and plain columns as wide as their content, no box, no rule, Info never cut, wire text escaped', () => {
  assert.equal(table(), PIPED.join('\n'));
  assert.doesNotMatch(table(), /[│┌├└─]/);
});

test('the first batch is held until it ends, so its widths fit every row of it; later rows are printed at once', () => {
  const clock = new TimeColumn('r');
  const printer = textPrinter({ verbose: false, hex: false, style: createStyle(false), clock, terminalColumns: undefined, summaryFor });
  const printed = (d: DissectedPdu) => printer.pdu(d, []);
  assert.equal(printed(PDUS[0]!), '');
  assert.equal(
    printer.batchEnd!(),
    'No.     Time Source        Destination   Dir Command Seq   UIN Info\n' +
      '  1 0.000000 10.0.0.5:1026 10.0.0.1:4000 C→S LOGIN     1 22222 uin 22222 port 1026 status online\n',
  );
  assert.equal(printed(PDUS[1]!), '  2 0.000250 10.0.0.1:4000 10.0.0.5:1026 S→C ACK       1       ack seq 1\n');
  assert.equal(printer.batchEnd!() + printer.end(), '');
});

test('a wider cell in a later batch widens its column from that row on', () => {
  const lines = table({ batches: [PDUS.slice(0, 2), PDUS.slice(2, 3)] }).split('\n');
  assert.deepEqual(lines.slice(0, 4), [
    'No.     Time Source        Destination   Dir Command Seq   UIN Info',
    '  1 0.000000 10.0.0.5:1026 10.0.0.1:4000 C→S LOGIN     1 22222 uin 22222 port 1026 status online',
    '  2 0.000250 10.0.0.1:4000 10.0.0.5:1026 S→C ACK       1       ack seq 1',
    '  4 1.000005 10.0.0.5:1026 10.0.0.1:4000 C→S SEND_MESSAGE   2 22222 to 1001 (message): hi\\x1b[2J there',
  ]);
});

test('terminal: a rule under the headings; Info takes the rest and is cut with … at the edge', () => {
  const wide = [...PIPED[1]!].length;
  const lines = table({ columns: wide }).split('\n');
  assert.deepEqual(lines.slice(0, 3), [PIPED[0], '─'.repeat(wide), PIPED[1]]);
  assert.equal(table({ columns: wide - 1 }).split('\n')[2], PIPED[1]!.slice(0, -2) + '…');
  const narrow = table({ columns: 90 }).split('\n');
  assert.equal(narrow[2], '  1 0.000000 C→S LOGIN          1 22222 uin 22222 port 1026 status online');
  assert.equal(table({ columns: 70 }).split('\n')[4], '  4 1.000005 C→S SEND_MESSAGE   2 22222 to 1001 (message): hi\\x1b[2J …');
});

test('terminal: the addresses shrink first, cut at the start so the port stays; then Time drops digits (cut, not rounded); then the addresses go', () => {
  assert.equal(table({ columns: 98 }).split('\n')[2], '  1 0.000000 10.0.0.5:1026 10.0.0.1:4000 C→S LOGIN          1 22222 uin 22222 port 1026 status on…');
  assert.equal(table({ columns: 97 }).split('\n')[2], '  1 0.000000 ….0.0.5:1026 ….0.0.1:4000 C→S LOGIN          1 22222 uin 22222 port 1026 status onl…');
  assert.equal(table({ columns: 95 }).split('\n')[4], '  4 1.00000 ….0.0.5:1026 ….0.0.1:4000 C→S SEND_MESSAGE   2 22222 to 1001 (message): hi\\x1b[2J …');
  assert.equal(table({ columns: 93 }).split('\n')[2], '  1 0.000 ….0.0.5:1026 ….0.0.1:4000 C→S LOGIN          1 22222 uin 22222 port 1026 status on…');
  assert.equal(table({ columns: 92 }).split('\n')[0], 'No.     Time Dir Command      Seq   UIN Info');
  // Without the addresses, Time has its digits back as long as Info keeps its room.
  assert.equal(table({ columns: 60 }).split('\n')[2], '  1 0.000 C→S LOGIN          1 22222 uin 22222 port 1026 st…');
});

test('Time keeps milliseconds when frames have fewer digits than the first (merged captures)', () => {
  const mixed = inCapture([login({ frame: 1, digits: 9 }), serverAck({ frame: 2, nanos: 250_000 }, 1)]);
  const lines = table({ columns: 60, batches: [mixed] }).split('\n');
  assert.deepEqual([lines[2]!.slice(0, 9), lines[3]!.slice(0, 9)], ['  1 0.000', '  2 0.000']);
  assert.deepEqual([lines[2]!.slice(9, 11), lines[3]!.slice(9, 11)], [' C', ' S']);
});

test('a terminal narrower than the fixed columns: every line is cut at its width, never wrapped', () => {
  const lines = table({ columns: 30 }).split('\n');
  assert.deepEqual(lines.slice(0, 3), ['No.  Time Dir Command      Se…', '─'.repeat(30), '  1 0.000 C→S LOGIN          …']);
  assert.deepEqual(lines.filter((line) => [...line].length > 30), []);
});

test('no colour: not a single escape code; colour: bold headings, the row red for an error note, yellow for a warning', () => {
  assert.doesNotMatch(table({ columns: 100 }), /\x1b/);
  const coloured = table({ color: true, columns: 120 }).split('\n');
  assert.equal(coloured[0], `\x1b[1m${PIPED[0]}\x1b[22m`);
  assert.equal(coloured[1], '─'.repeat(120));
  assert.equal(coloured[2], PIPED[1]);
  assert.equal(coloured[5], `\x1b[31m${PIPED[4]}\x1b[39m`);
  assert.equal(coloured[6], `\x1b[33m${PIPED[5]}\x1b[39m`);
});

test('-t ud shows UTC with the date, the Time column as wide; -t a local time of day; -t e epoch seconds', () => {
  const first = [PDUS.slice(0, 1)];
  assert.deepEqual(table({ mode: 'ud', batches: first }).split('\n').slice(0, 2), [
    'No.                       Time Source        Destination   Dir Command Seq   UIN Info',
    '  1 2026-01-02 03:04:05.000000 10.0.0.5:1026 10.0.0.1:4000 C→S LOGIN     1 22222 uin 22222 port 1026 status online',
  ]);
  assert.match(table({ mode: 'a', batches: first }).split('\n')[1] as string, /^ {2}1 08:34:05\.000000 10/);
  assert.match(table({ mode: 'e', batches: [PDUS.slice(2, 3)] }).split('\n')[1] as string, /^ {2}4 1767323046\.000005 10/);
});

test('no PDU shown: no table at all', () => {
  assert.equal(table({ batches: [[]] }), '');
});

test('-T tabs: a heading line, then the same cells tab-separated, a tab from the wire escaped; nothing held, no colour', () => {
  const clock = new TimeColumn('r');
  const printer = tabsPrinter(clock, summaryFor);
  let out = '';
  for (const d of inCapture([PDUS[1]!, message({ frame: 3, offset: 1 }, 'tab\there')])) out += printer.pdu(d, []);
  assert.equal(
    out + printer.end(),
    'No.\tTime\tSource\tDestination\tDir\tCommand\tSeq\tUIN\tInfo\n' +
      '2\t0.000000\t10.0.0.1:4000\t10.0.0.5:1026\tS→C\tACK\t1\t\tack seq 1\n' +
      '3\t0.999750\t10.0.0.5:1026\t10.0.0.1:4000\tC→S\tSEND_MESSAGE\t2\t22222\tto 1001 (message): tab\\there\n',
  );
});
