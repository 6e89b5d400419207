import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DissectedPdu } from '../src/dissect/pdu.js';
import { infoText } from '../src/format/info.js';
import { note } from '../src/net/note-kinds.js';
import { summaryOf } from '../src/cli/filter-schema.js';
import { BUILTIN_REGISTRY } from '../src/protocol/registry.js';
import { ALICE, analyze, client, login, type Step } from './analysis-fixtures.js';
import { dissect, hex } from './support/payload.js';
import { encodeStep, timedUdpCapture } from './support/client-captures.js';
import { CLI, ENV } from './support/cli.js';

/** The expert tags of the Info column (src/format/expert-tags.ts), one test per tag, on PDUs the encoder wrote. */

const info = (d: DissectedPdu): string => infoText(d.pdu, summaryOf(BUILTIN_REGISTRY)(d.pdu));
const alice = client(ALICE, 1001);
/** Info of every frame of the analysed steps, by frame number (1-based). */
const infos = (steps: readonly Step[]): string[] => ['', ...analyze(steps).pdus.map(info)];

test('[retransmission of N] names the first copy; the ACK after it pairs with the copy and is not marked', () => {
  const steps = [...login(alice, 0, 1001), alice.send(1, 'KEEP_ALIVE', 2), alice.send(6, 'KEEP_ALIVE', 2), alice.recv(6.001, 'ACK', 2)];
  const shown = infos(steps);
  assert.match(shown[6]!, /\[retransmission of 5\]$/);
  assert.doesNotMatch(shown[7]!, /\[/);
});

test('[dup ACK] on a second ACK of the same packet', () => {
  const steps = [...login(alice, 0, 1001), alice.send(1, 'KEEP_ALIVE', 2), alice.recv(1.001, 'ACK', 2), alice.recv(1.002, 'ACK', 2)];
  const shown = infos(steps);
  assert.deepEqual([shown[6], shown[7]], ['ack seq 2', 'ack seq 2 [dup ACK]']);
});

test('[stray ACK] on an ACK of a number never sent', () => {
  assert.equal(infos([...login(alice, 0, 1001), alice.recv(1, 'ACK', 9)])[5], 'ack seq 9 [stray ACK]');
});

test('[no ACK] on a packet no ACK answered (the two passes know it)', () => {
  assert.match(infos([...login(alice, 0, 1001), alice.send(1, 'KEEP_ALIVE', 2)])[5]!, /\[no ACK\]$/);
});

test('[gap 3-4] on the packet after numbers never seen, [gap 3] for one', () => {
  const steps = (next: number) => [...login(alice, 0, 1001), alice.send(1, 'KEEP_ALIVE', 2), alice.recv(1.001, 'ACK', 2), alice.send(2, 'KEEP_ALIVE', next), alice.recv(2.001, 'ACK', next)];
  assert.match(infos(steps(5))[7]!, /\[gap 3-4\]$/);
  assert.match(infos(steps(4))[7]!, /\[gap 3\]$/);
});

test('[no answer] on a request no response answered', () => {
  const steps = [...login(alice, 0, 1001), alice.send(1, 'INFO_REQ', 2, { INFO_SEQ_NUM: 7, QUERY_UIN: 1002 }), alice.recv(1.001, 'ACK', 2)];
  assert.match(infos(steps)[5]!, /\[no answer\]$/);
});

const keepAlive = encodeStep({ fromClient: true, command: 'KEEP_ALIVE', values: { SEQ_NUM: 2, UIN: 1001 } });

test('[malformed] once however many malformed notes; [snap-cut] on a frame the snap length cut', () => {
  assert.equal(info(dissect(hex('0200'))), '[malformed]');
  const trailing = dissect(Buffer.concat([keepAlive, hex('0000')]));
  trailing.pdu.notes.push(note('malformed', 'a second reason'));
  assert.match(info(trailing), /\[malformed\]$/);
  assert.equal(info(trailing).match(/\[malformed\]/g)?.length, 1);
  const cut = dissect(keepAlive.subarray(0, 8), { truncated: true });
  assert.deepEqual(info(cut).match(/\[[^\]]+\]/g), ['[malformed]', '[snap-cut]']);
});

test('[unknown command 0x0abc] on a code no table knows', () => {
  assert.equal(info(dissect(hex('0200 bc0a 0200 e9030000'))), '[unknown command 0x0abc]');
});

test('[v5: not decoded] on another ICQ version; [not ICQ] on a VERSION no ICQ has (an HTTP request), with no command or version', () => {
  const v5 = dissect(hex('0500 0000 0000 0000'));
  assert.deepEqual([info(v5), v5.pdu.version, v5.pdu.notes.map((n) => n.id)], ['[v5: not decoded]', 5, ['not-v2']]);
  const http = dissect(Buffer.from('GET / HTTP/1.0\r\n\r\n'));
  assert.deepEqual(
    [info(http), http.pdu.version, http.pdu.command, http.pdu.notes.map((n) => n.id), http.pdu.fields.map((f) => [f.name, f.length])],
    ['[not ICQ]', null, null, ['not-icq'], [['PAYLOAD', 18]]],
  );
});

/** A capture of a login and a KEEP_ALIVE nobody acknowledged: only two passes know it had no ACK. */
async function unackedCapture(dir: string): Promise<{ path: string; bytes: Buffer }> {
  const steps = [...login(alice, 0, 1001), alice.send(1, 'KEEP_ALIVE', 2)];
  const bytes = timedUdpCapture(
    steps.map((step, i) => ({
      client: ALICE,
      fromClient: step.from === ALICE,
      bytes: encodeStep({ fromClient: step.from === ALICE, command: step.command, values: step.values ?? {} }),
      at: i / 1000,
    })),
    { ip: '10.0.0.1', port: 4000 },
  );
  const path = join(dir, 'unacked.pcap');
  await writeFile(path, bytes);
  return { path, bytes };
}

const run = (args: string[], input?: Buffer) => spawnSync(process.execPath, [...CLI, ...args], { env: ENV, encoding: 'utf8', ...(input ? { input } : {}) });

test('the list reads two passes from a file by default, one from stdin; -2 and --no-2 choose; the marks in the table, -T fields and -Y', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'icq2-expert-'));
  try {
    const { path, bytes } = await unackedCapture(dir);
    // The row of frame 5, the KEEP_ALIVE, whatever the table draws around it.
    const lastLine = (args: string[], input?: Buffer) => run(args, input).stdout.split('\n').find((line) => /^\W*5\s/.test(line))!;
    const table = ['--color=never'];
    assert.match(lastLine([...table, path]), /\[no ACK\]$/);
    assert.doesNotMatch(lastLine([...table, '--no-2', path]), /\[no ACK\]/);
    assert.doesNotMatch(lastLine([...table, '-'], bytes), /\[no ACK\]/);
    assert.match(lastLine([...table, '-2', '-'], bytes), /\[no ACK\]$/);
    assert.equal(run(['-T', 'fields', '-e', 'frame', '-e', 'note', path]).stdout.trimEnd().split('\n').at(-1), '5\tunacknowledged');
    assert.equal(run(['-Y', 'info contains "[no ACK]"', '-T', 'fields', '-e', 'frame', path]).stdout, '5\n');
    assert.equal(run(['-Y', 'frame == 5', '-T', 'fields', '-e', 'info', path]).stdout.trimEnd().endsWith('[no ACK]'), true);
    assert.match(JSON.parse(run(['-Y', 'frame == 5', '-T', 'json', path]).stdout)[0].info, /\[no ACK\]$/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
