import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DissectedPdu, Pdu } from '../src/dissect/pdu.js';
import { createStyle } from '../src/format/style.js';
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
]);

function table(options: { columns?: number; color?: boolean; mode?: TimeMode; pdus?: DissectedPdu[] } = {}): string {
  const clock = new TimeColumn(options.mode ?? 'r');
  const printer = textPrinter({ verbose: false, hex: false, style: createStyle(options.color ?? false), clock, terminalColumns: options.columns, summaryFor });
  let out = '';
  for (const d of options.pdus ?? PDUS) out += printer.pdu(d, []);
  return out + printer.end();
}

const HEADER = [
  '┌────────┬────────────────┬───────────────────────┬───────────────────────┬─────┬──────────────────┬───────┬────────────┬──────',
  '│ No.    │ Time           │ Source                │ Destination           │ Dir │ Command          │ Seq   │ UIN        │ Info',
  '├────────┼────────────────┼───────────────────────┼───────────────────────┼─────┼──────────────────┼───────┼────────────┼──────',
];

test('piped table: one row per PDU, Info never cut, wire text escaped, errors in Info', () => {
  assert.equal(
    table(),
    [
      ...HEADER,
      '│ 1      │ 0.000000       │ 10.0.0.5:1026         │ 10.0.0.1:4000         │ C→S │ LOGIN            │ 1     │ 22222      │ uin 22222 port 1026 status online',
      '│ 2      │ 0.000250       │ 10.0.0.1:4000         │ 10.0.0.5:1026         │ S→C │ ACK              │ 1     │            │ ack seq 1',
      '│ 4      │ 1.000005       │ 10.0.0.5:1026         │ 10.0.0.1:4000         │ C→S │ SEND_MESSAGE     │ 2     │ 22222      │ to 1001 (message): hi\\x1b[2J there',
      '│ 5      │ 2.000000       │ 10.0.0.5:1026         │ 10.0.0.1:4000         │ C→S │ ?                │       │            │ [packet too short: 3 bytes, a header needs 10]',
      '└────────┴────────────────┴───────────────────────┴───────────────────────┴─────┴──────────────────┴───────┴────────────┴──────',
      '',
    ].join('\n'),
  );
});

test('terminal table: UIN, Command, Time, then the addresses shrink (cells cut with …) so Info keeps 30 columns; Info is cut with … at the width', () => {
  const lines = table({ columns: 136 }).split('\n');
  assert.equal(lines[1], '│ No.    │ Time         │ Source            │ Destination       │ Dir │ Command      │ Seq   │ UIN     │ Info');
  assert.equal(lines[3], '│ 1      │ 0.000000     │ 10.0.0.5:1026     │ 10.0.0.1:4000     │ C→S │ LOGIN        │ 1     │ 22222   │ uin 22222 port 1026 status on…');
  assert.equal(lines[4], '│ 2      │ 0.000250     │ 10.0.0.1:4000     │ 10.0.0.5:1026     │ S→C │ ACK          │ 1     │         │ ack seq 1');
  assert.ok(lines.every((line) => [...line].length <= 136));
});

test('a terminal narrower than the shrunk columns: every line is cut at its width, never wrapped', () => {
  const lines = table({ columns: 60 }).split('\n');
  assert.deepEqual(lines.slice(0, 4), [
    '┌────────┬──────────────┬───────────────┬───────────────┬──…',
    '│ No.    │ Time         │ Source        │ Destination   │ D…',
    '├────────┼──────────────┼───────────────┼───────────────┼──…',
    '│ 1      │ 0.000000     │ 10.0.0.5:1026 │ 10.0.0.1:4000 │ C…',
  ]);
  assert.deepEqual(lines.filter((line) => [...line].length > 60), []);
  const coloured = table({ columns: 60, color: true }).split('\n');
  assert.equal(coloured[1], '│ \x1b[1mNo.\x1b[22m    │ \x1b[1mTime\x1b[22m         │ \x1b[1mSource\x1b[22m        │ \x1b[1mDestination\x1b[22m   │ \x1b[1mD…\x1b[0m');
});

test('no colour: not a single escape code, borders included; colour: bold headings, red errors, plain borders', () => {
  assert.doesNotMatch(table(), /\x1b/);
  const coloured = table({ color: true }).split('\n');
  assert.equal(coloured[0], HEADER[0]);
  assert.match(coloured[1] as string, /^│ \x1b\[1mNo\.\x1b\[22m/);
  assert.match(coloured[6] as string, /│ \x1b\[31m\[packet too short: 3 bytes, a header needs 10\]\x1b\[39m$/);
});

test('-t ud shows UTC with the date and widens the Time column; -t a local time of day; -t e epoch seconds', () => {
  const absolute = table({ mode: 'ud', pdus: PDUS.slice(0, 1) }).split('\n');
  assert.equal(absolute[1], '│ No.    │ Time                       │ Source                │ Destination           │ Dir │ Command          │ Seq   │ UIN        │ Info');
  assert.match(absolute[3] as string, /^│ 1      │ 2026-01-02 03:04:05\.000000 │ /);
  assert.match(table({ mode: 'a', pdus: PDUS.slice(0, 1) }).split('\n')[3] as string, /^│ 1      │ 08:34:05\.000000 │ /);
  assert.match(table({ mode: 'e', pdus: PDUS.slice(2, 3) }).split('\n')[3] as string, /^│ 4      │ 1767323046\.000005 │ /);
});

test('no PDU shown: no table at all', () => {
  assert.equal(table({ pdus: [] }), '');
});
