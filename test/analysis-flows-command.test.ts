import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { execFileSync, spawnSync } from 'node:child_process';
import { runFlows, type FlowsArgs } from '../src/cli/flows-command.js';
import type { FlowSummary, SessionSummary } from '../src/analysis/session-summary.js';
import { parseFilter } from '../src/analysis/filter-parse.js';
import { filterSchemaOf } from '../src/cli/filter-schema.js';
import { BUILTIN_REGISTRY } from '../src/protocol/registry.js';
import { cli } from './support/cli.js';

const MICQ = 'test/data/micq-0.2.5-session.pcap';

function collector(): Writable & { text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => Buffer.concat(chunks).toString('utf8') });
}

async function flows({ file, ...args }: Partial<FlowsArgs> & { file: string }) {
  const stdout = collector();
  const stderr = collector();
  const code = await runFlows(
    { files: [file], json: false, ladder: false, mermaid: false, charset: 'windows-1252', udpPorts: [4000], ...args },
    { stdout, stderr },
  );
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

test('flows -T json on the genuine mICQ capture: one session and its figures', async () => {
  const { code, stdout, stderr } = await flows({ file: MICQ, json: true });
  assert.equal(code, 0);
  assert.equal(stderr, '');
  const sessions = JSON.parse(stdout) as SessionSummary[];
  assert.equal(sessions.length, 1);
  const s = sessions[0]!;
  assert.deepEqual(
    [s.uin, s.client, s.server, s.packets, s.bytes, s.logins, s.messages, s.finalStatus, s.retransmissions, s.unacknowledged, s.strayAcks],
    [11111, '127.0.0.1:34335', '127.0.0.1:4000', { 'client-to-server': 16, 'server-to-client': 16 }, { 'client-to-server': 366, 'server-to-client': 184 },
      1, { sent: 3, received: 1 }, { value: 0, display: 'online' }, 0, 0, 0],
  );
  // mICQ spends 2, 12, 14 and 16 on LOGIN_SEQ_NUM, INFO_SEQ_NUM and SEARCH_SEQ_NUM: those are no gaps; 4 is one.
  assert.equal(s.gaps, 1);
  assert.deepEqual(s.gapRanges.map((g) => [g.side, g.from, g.to, g.frame]), [['client', 4, 4, 7]]);
  assert.deepEqual(s.ackRtt, { min: 0.000025, median: 0.000274, max: 0.003705 });
  assert.equal(s.duration, 13.571086);
});

test('flows --ladder --session 1 draws that session', async () => {
  const { code, stdout } = await flows({ file: MICQ, ladder: true, session: 1 });
  assert.equal(code, 0);
  const lines = stdout.split('\n');
  assert.equal(lines[0], 'Session 1: UDP, UIN 11111');
  assert.equal(lines[3], '    0.000000  |------------- LOGIN seq 1 ------------->|  frame 1');
  // The gap the table counts (seq 4) is drawn before the packet that showed it.
  assert.equal(lines[9], '              |~~~~~~~~~~~ seq 4 not seen ~~~~~~~~~~~~>|  ! gap');
  assert.match(lines[10]!, /\|--------- CONTACT_LIST seq 5 ---------->\|  frame 7  ! /);
  assert.equal(lines[26], '    9.048636  |----------- INFO_REQ seq 11 ----------->|  frame 23  ! INFO_REQ never answered (no INFO_REPLY)');
  assert.equal(lines.length, 3 + 32 + 1 + 1);
});

test('flows -T mermaid with several sessions draws the first and says how to pick another', async () => {
  const { code, stdout, stderr } = await flows({ file: 'samples/session.pcap', mermaid: true });
  assert.equal(code, 0);
  assert.equal(stderr, 'icq2-dissect: 3 sessions; drawing session 1 (choose with --session N)\n');
  assert.match(stdout, /^sequenceDiagram\n {4}title Session 1: UDP, UIN 1001\n/);
  const peer = await flows({ file: 'samples/session.pcap', mermaid: true, session: 3 });
  assert.match(peer.stdout, /\n {4}participant C as peer 198\.51\.100\.10:3100 \(UIN 1001\)\n/);
  assert.match(peer.stdout, /\n {4}C->>S: CHANNEL_MESSAGE X4 -?\d+ \(frame \d+\)\n/);
});

test('flows --session N for a session that does not exist: exit 1 and a message', async () => {
  const { code, stdout, stderr } = await flows({ file: MICQ, session: 4 });
  assert.deepEqual([code, stdout, stderr], [1, '', 'icq2-dissect: no session 4 (the capture has 1)\n']);
});

test('a capture cut short: the sessions read so far, then the error and exit code 2', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'flows-test-'));
  try {
    const cut = join(directory, 'cut.pcap');
    const bytes = await readFile(MICQ);
    await writeFile(cut, bytes.subarray(0, bytes.length - 10));
    const { code, stdout, stderr } = await flows({ file: cut, json: true });
    assert.equal(code, 2);
    assert.deepEqual((JSON.parse(stdout) as SessionSummary[]).map((s) => s.packets), [{ 'client-to-server': 16, 'server-to-client': 15 }]);
    assert.match(stderr, new RegExp(`^icq2-dissect: ${cut}: .+\\n$`));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test('a file that cannot be read: only the reason, exit 1', async () => {
  const { code, stdout, stderr } = await flows({ file: 'test/data/no-such-file.pcap', session: 1 });
  assert.deepEqual([code, stdout], [1, '']);
  assert.match(stderr, /^icq2-dissect: test\/data\/no-such-file\.pcap: .+\n$/);
});

const tsharkMissing = spawnSync('tshark', ['--version']).error !== undefined;

/** tshark's -z conv rows: "A <-> B  framesB→A bytesB→A  framesA→B bytesA→B ...", by the pair. */
function tsharkConversations(file: string, transport: 'udp' | 'tcp'): Map<string, { a: string; toA: [number, number]; toB: [number, number] }> {
  const out = execFileSync('tshark', ['-r', file, '-q', '-z', `conv,${transport}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const rows = new Map<string, { a: string; toA: [number, number]; toB: [number, number] }>();
  for (const [, a, b, framesToA, bytesToA, framesToB, bytesToB] of out.matchAll(/^(\S+)\s+<->\s+(\S+)\s+(\d+)\s+(\d+) bytes\s+(\d+)\s+(\d+) bytes/gm)) {
    rows.set([a, b].sort().join(' '), { a: a!, toA: [Number(framesToA), Number(bytesToA)], toB: [Number(framesToB), Number(bytesToB)] });
  }
  return rows;
}

for (const file of ['samples/session.pcap', 'samples/session.pcapng']) {
  test(`flows counts frames and frame bytes as tshark -z conv,udp / conv,tcp on ${file}`, { skip: tsharkMissing && 'tshark is not installed (apt-get install tshark): the -z conv comparison is skipped' }, async () => {
    const sessions = JSON.parse((await flows({ file, json: true })).stdout) as FlowSummary[];
    assert.equal(sessions.length, 3);
    for (const s of sessions) {
      const row = tsharkConversations(file, s.transport).get([s.client, s.server].sort().join(' '));
      assert.ok(row, `tshark has no conversation ${s.client} <-> ${s.server}`);
      const [fromClient, fromServer] = row.a === s.client ? [row.toB, row.toA] : [row.toA, row.toB];
      assert.deepEqual(
        [s.frames, s.frameBytes],
        [{ 'client-to-server': fromClient[0], 'server-to-client': fromServer[0] }, { 'client-to-server': fromClient[1], 'server-to-client': fromServer[1] }],
        `session ${s.id}`,
      );
    }
  });
}

test('flows on the sample: PDUs and ICQ bytes beside frames and frame bytes (the TCP session: 5/4 PDUs in 20 frames)', async () => {
  const sessions = JSON.parse((await flows({ file: 'samples/session.pcap', json: true })).stdout) as FlowSummary[];
  assert.deepEqual(sessions.map((s) => [s.id, s.packets, s.bytes, s.frames, s.frameBytes]), [
    [1, { 'client-to-server': 27, 'server-to-client': 26 }, { 'client-to-server': 502, 'server-to-client': 560 }, { 'client-to-server': 27, 'server-to-client': 26 }, { 'client-to-server': 1636, 'server-to-client': 1652 }],
    [2, { 'client-to-server': 11, 'server-to-client': 11 }, { 'client-to-server': 160, 'server-to-client': 194 }, { 'client-to-server': 11, 'server-to-client': 11 }, { 'client-to-server': 622, 'server-to-client': 656 }],
    [3, { 'client-to-server': 5, 'server-to-client': 4 }, { 'client-to-server': 354, 'server-to-client': 218 }, { 'client-to-server': 14, 'server-to-client': 6 }, { 'client-to-server': 1110, 'server-to-client': 542 }],
  ]);
  // The JSON's order: the PDUs' counts, then the frames'.
  assert.deepEqual(Object.keys(sessions[0]!).slice(7, 11), ['packets', 'bytes', 'frames', 'frameBytes']);
});

const filterOf = (text: string, needsAnalysis = false) => ({ node: parseFilter(text, filterSchemaOf(BUILTIN_REGISTRY)), needsAnalysis });

test('flows -Y: only the selected PDUs are counted and make the sessions; -c stops after N of them', async () => {
  const messages = JSON.parse((await flows({ file: 'samples/session.pcap', json: true, filter: filterOf('command == SEND_MESSAGE') })).stdout) as FlowSummary[];
  assert.deepEqual(messages.map((s) => [s.id, s.client, s.packets, s.frames]), [[1, '198.51.100.10:1026', { 'client-to-server': 3, 'server-to-client': 0 }, { 'client-to-server': 3, 'server-to-client': 0 }]]);
  const first = JSON.parse((await flows({ file: 'samples/session.pcap', json: true, count: 5 })).stdout) as FlowSummary[];
  assert.deepEqual(first.map((s) => s.packets), [{ 'client-to-server': 3, 'server-to-client': 2 }]);
  // A filter on the analysis: the PDUs are annotated before they are selected.
  const again = await flows({ file: 'samples/session.pcap', ladder: true, filter: filterOf('analysis.retransmissionOf', true) });
  assert.match(again.stdout, /\n {4}0\.000000 {2}\|-+ SEND_MESSAGE seq 9 -+>\| {2}frame 50 {2}! /);
  assert.equal(again.stdout.split('\n').filter((line) => line.includes('frame ')).length, 1);
});

test("flows --ladder -T json: each session's steps, gaps among them, as the text ladder draws them", async () => {
  const { code, stdout } = await flows({ file: MICQ, ladder: true, json: true });
  assert.equal(code, 0);
  const [ladder] = JSON.parse(stdout) as { session: number; title: string; steps: { kind: string; frame: number }[] }[];
  assert.equal(ladder!.title, 'Session 1: UDP, UIN 11111');
  assert.deepEqual(ladder!.steps.slice(0, 2), [
    { kind: 'pdu', frame: 1, time: 0, from: 'client', label: 'LOGIN seq 1', ack: false, problems: [] },
    { kind: 'pdu', frame: 2, time: 0.000265, from: 'server', label: 'ACK seq 1', ack: true, problems: [] },
  ]);
  assert.deepEqual(ladder!.steps.find((step) => step.kind === 'gap'), { kind: 'gap', frame: 7, side: 'client', from: 4, to: 4, text: 'seq 4 not seen' });
  assert.equal(ladder!.steps.length, 32 + 1);
});

test('flows command line: -r, -Y, -c, --color as the main command; --ladder with -T mermaid and --wide outside the table refused', async () => {
  const read = await cli(['flows', '-r', 'samples/session.pcap', '-Y', 'transport == "tcp"', '-T', 'json']);
  assert.deepEqual((JSON.parse(read.stdout) as FlowSummary[]).map((s) => s.transport), ['tcp']);
  const colour = await cli(['flows', '--color', 'always', '-c', '1', 'samples/session.pcap']);
  assert.match(colour.stdout, /^\u001b\[1m#\u001b\[22m/);
  for (const [args, message] of [
    [['--ladder', '-T', 'mermaid'], '--ladder and -T mermaid are two diagrams: give one'],
    [['--wide', '-T', 'json'], '--wide widens the table: it does not combine with --ladder or -T json|mermaid'],
    [['-Y', 'command =='], /^filter: /],
    [['-c', '0'], "-c: expected a positive integer, got '0'"],
  ] as const) {
    const { code, stdout, stderr } = await cli(['flows', ...args, 'samples/session.pcap']);
    assert.deepEqual([code, stdout], [1, ''], args.join(' '));
    assert.match(stderr, new RegExp(`^icq2-dissect: ${typeof message === 'string' ? message.replace(/[|]/g, '\\$&') : message.source.slice(1)}`));
  }
  const both = await cli(['flows', '-r', 'samples/session.pcap', 'samples/session.pcap']);
  assert.equal(both.stderr, 'icq2-dissect: give the files either as FILE... or with -r, not both\n');
});

test('flows on a terminal: fitted to its width with a rule under the head; piped: the full rows, no rule', async () => {
  const stdout = Object.assign(collector(), { isTTY: true, columns: 80 });
  assert.equal(await runFlows({ files: ['samples/session.pcap'], json: false, ladder: false, mermaid: false, charset: 'windows-1252', udpPorts: [4000], color: 'never' }, { stdout, stderr: collector() }), 0);
  const lines = stdout.text().split('\n');
  assert.match(lines[2]!, /^─  ─────  ─+  ─+/);
  assert.ok(lines.slice(0, 6).every((line) => line.length <= 80));
  assert.equal(lines[3], '1  UDP    …100.10:1026  ….0.2.1:4000  1001  27/26    1636/1652  1 retrans, 1 gap');
  assert.equal(lines[6], '(not shown at 80 columns: Software, Duration, Frames; --wide shows every column)');
  const piped = (await flows({ file: 'samples/session.pcap' })).stdout.split('\n');
  assert.equal(piped[2], '1  UDP    198.51.100.10:1026  192.0.2.1:4000      1001  licq 0.71 (0.86)  253.529   27/26    27/26    1636/1652  1 retrans, 1 gap');
});
