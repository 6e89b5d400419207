import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { FieldReport } from '../src/study/field-study.js';
import { CLI, cli, ENV } from './support/cli.js';

/** `icq2-dissect unknowns` end to end, on the genuine mICQ capture and the samples. */

const MICQ = 'test/data/micq-0.2.5-session.pcap';
const SAMPLE = 'samples/session.pcap';

async function json(args: string[]): Promise<FieldReport[]> {
  const { code, stdout, stderr } = await cli(['unknowns', '-T', 'json', ...args]);
  assert.equal(stderr, '');
  assert.equal(code, 0);
  return JSON.parse(stdout) as FieldReport[];
}

const find = (reports: FieldReport[], command: string, field: string) => reports.find((r) => r.command === command && r.field === field && r.runOffset === undefined)!;

test('unknowns over two captures: LOGIN X1 against the document, X2 telling the clients apart, with their software', async () => {
  const reports = await json([MICQ, SAMPLE]);
  const x1 = find(reports, 'LOGIN', 'X1');
  assert.deepEqual(
    { count: x1.count, distinct: x1.distinct, expected: x1.expected, agrees: x1.agreesWithDocument, pattern: x1.pattern.kind, offset: x1.offset, length: x1.length },
    { count: 3, distinct: 1, expected: '78000000', agrees: 0, pattern: 'constant', offset: 23, length: 4 },
  );
  assert.deepEqual(x1.values[0], { hex: '72000400', count: 3, u32le: 0x00040072, u32be: 0x72000400, i32le: 0x00040072, ip: '114.0.4.0' });
  assert.deepEqual(x1.senders, []);
  const x2 = find(reports, 'LOGIN', 'X2');
  assert.deepEqual(
    x2.senders.map((s) => [s.sender, s.software, s.values.map((v) => v.hex)]),
    [['11111', 'mICQ 0.2.5', ['06']], ['1001', 'licq 0.71', ['04']], ['1002', 'licq 0.71', ['04']]],
  );
  const replyX2 = find(reports, 'LOGIN_REPLY', 'X2');
  assert.deepEqual([replyX2.expected, replyX2.alsoExpected, replyX2.agreesWithDocument], ['19001600', ['18001600'], 3]);
});

test('the peer X4: a counter in the messages, an echo in the acknowledgements', async () => {
  const reports = await json([SAMPLE, '--command', 'CHANNEL_ACK', '--field', 'X4']);
  assert.deepEqual(reports.map((r) => [r.command, r.field]), [['CHANNEL_ACK', 'X4']]);
  assert.deepEqual(reports[0]!.pattern, { kind: 'echo', detail: 'repeats X4 of the CHANNEL_MESSAGE it answers', support: 4, against: 0 });
  const [message] = await json([SAMPLE, '--command', 'CHANNEL_MESSAGE', '--field', 'X4']);
  assert.equal(message!.pattern.kind, 'counter');
  assert.deepEqual(message!.values.map((v) => v.i32le), [1, 2, 3, 4]);
});

test('-Y studies a subset, --min-count drops the rare, stdin is read with -', async () => {
  const micqOnly = await json([SAMPLE, MICQ, '-Y', 'uin == 11111']);
  assert.deepEqual(find(micqOnly, 'LOGIN', 'X2').values.map((v) => v.hex), ['06']);
  const often = await json([SAMPLE, '--min-count', '4']);
  assert.ok(often.length > 0 && often.every((r) => r.count >= 4));
  const piped = spawnSync('sh', ['-c', `${process.execPath} ${CLI.join(' ')} unknowns -T csv --command LOGIN - < ${MICQ}`], { env: ENV, encoding: 'utf8' });
  assert.equal(piped.status, 0);
  const [header, ...rows] = piped.stdout.trimEnd().split('\n');
  assert.equal(header, 'Command,Dir,Field,Offset,Length,Count,Distinct,Top values,Pattern,Support');
  assert.deepEqual(rows[0], 'LOGIN,C→S,X1,23,4,1,1,72000400×1,insufficient: 1 sample,1/1');
});

test('the table names every unit; bad input is one line on stderr', async () => {
  const table = await cli(['unknowns', MICQ]);
  assert.equal(table.code, 0);
  assert.match(table.stdout, /│ LOGIN_REPLY +│ S→C +│ X2 +│ 20 +│ 4 +│ 1 +│ 1 +│ 19001600×1 +│ insufficient: 1 sample +│ 1\/1 +│/);
  for (const [args, message] of [
    [['unknowns'], 'icq2-dissect: <stdin>: file is empty\n'],
    [['unknowns', MICQ, '--min-count', '0'], "icq2-dissect: --min-count: expected a positive integer, got '0'\n"],
    [['unknowns', MICQ, '-Y', 'NOPE == 1'], "icq2-dissect: filter: unknown field 'NOPE' at position 1\n"],
    [['unknowns', 'no-such.pcap'], 'icq2-dissect: no-such.pcap: no such file\n'],
    [['unknowns', MICQ, '-o', 'no-such-dir/study.html'], 'icq2-dissect: no-such-dir/study.html: cannot write (no such directory)\n'],
  ] as const) {
    const result = await cli([...args]);
    assert.equal(result.stderr, message, args.join(' '));
    assert.equal(result.code, 1, args.join(' '));
  }
});
