import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runFlows, type FlowsArgs } from '../src/cli/flows-command.js';
import type { SessionSummary } from '../src/analysis/session-summary.js';

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
