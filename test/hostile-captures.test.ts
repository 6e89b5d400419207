import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { hostileRecords, type HostileKind } from '../src/writers/build-hostile.js';
import { DEFAULT_NET_LIMITS } from '../src/net/limits.js';
import { writeMixFile } from '../scripts/bench/mixes.js';
import { CLI, ENV } from './support/cli.js';

/**
 * Each hostile capture (npm run hostile) read by the command line in a child whose heap is capped: a table
 * that grew with the capture would fail it. Each says what it dropped. The connections pass the connection
 * limit; the fragments stay below theirs (a burst of 10,000 at the end is slow to analyse: the cap itself
 * is tested in net-ip.test.ts).
 */

/** Below what an unbounded connection table of this size takes with the analysis reading beside the output. */
const HEAP_MB = 128;
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'icq2-hostile-'));
const SIZES: Record<HostileKind, number> = {
  connections: DEFAULT_NET_LIMITS.tcpConnections + 1000,
  hole: 2000,
  fragments: 1000,
  length: 1000,
};
const file = (kind: HostileKind) => join(dir, `${kind}.pcap`);

interface Note {
  id: string;
  message: string;
}
interface Read {
  pdus: { frame: number; command: { name: string } | null; notes: Note[] }[];
  stderr: string;
}

async function read(kind: HostileKind): Promise<Read> {
  const { stdout, stderr } = await run(process.execPath, [`--max-old-space-size=${HEAP_MB}`, ...CLI, '-T', 'ndjson', file(kind)], { env: ENV, maxBuffer: 1 << 30 });
  return { pdus: stdout.trim().split('\n').map((line) => JSON.parse(line) as Read['pdus'][number]), stderr };
}

const ids = (pdu: Read['pdus'][number]) => pdu.notes.map((n) => n.id);

before(() => {
  for (const [kind, frames] of Object.entries(SIZES) as [HostileKind, number][]) writeMixFile(file(kind), hostileRecords(kind, frames));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('one-segment connections past the connection limit: every message shown, the evicted ones noted and counted, none said cut by the snap length', async () => {
  const { pdus, stderr } = await read('connections');
  assert.equal(pdus.length, SIZES.connections);
  assert.ok(pdus.every((p) => p.command?.name === 'CHANNEL_INIT' && ids(p).includes('tcp-unfinished') && !ids(p).includes('snap-cut')));
  assert.equal(pdus.filter((p) => ids(p).includes('tcp-connection-limit')).length, 1000);
  // Each connection is a session of the analysis too: all but the last 1,000 are settled early.
  assert.equal(
    stderr,
    `icq2-dissect: dropped: 1,000 open TCP connections (cap ${DEFAULT_NET_LIMITS.tcpConnections.toLocaleString('en-US')})\n` +
      `icq2-dissect: analysis: ${(SIZES.connections - 1000).toLocaleString('en-US')} sessions settled early (cap 1,000 at once)\n`,
  );
});

test('endless data behind a hole: the message before it is shown, with where the hole is and how much after it was dropped', async () => {
  const { pdus, stderr } = await read('hole');
  assert.deepEqual(pdus.map((p) => p.command?.name), ['CHANNEL_INIT', 'CHANNEL_MESSAGE']);
  const gap = pdus[1]!.notes.find((n) => n.id === 'tcp-gap')?.message;
  const after = (SIZES.hole - 5) * 1400;
  assert.equal(gap, `TCP hole of 1385 bytes at stream byte 128 never filled: the message ends there (100 of 1485 bytes); ${after} bytes after it hold no message start (the stream ends)`);
  assert.equal(stderr, `icq2-dissect: dropped: ${after.toLocaleString('en-US')} TCP bytes that start no message\n`);
});

test('first fragments that never complete: each listed by its fragment, with a note, and counted', async () => {
  const { pdus, stderr } = await read('fragments');
  assert.equal(pdus.length, SIZES.fragments);
  assert.deepEqual(pdus.slice(0, 2).map((p) => [p.frame, p.command?.name]), [[1, 'KEEP_ALIVE'], [2, 'KEEP_ALIVE']]);
  const first = pdus[0]!.notes.find((n) => n.id === 'fragment-dropped')?.message;
  assert.equal(first, 'Fragmented IP protocol: IPv4 10.0.0.0 > 192.0.2.1 proto 17 id 0x0 never completed (incomplete at the end of the capture): 1 fragment(s), 16 bytes from its start');
  assert.equal(stderr, `icq2-dissect: dropped: ${SIZES.fragments.toLocaleString('en-US')} incomplete IP datagrams (cap 1,024 at once, 8,388,608 bytes)\n`);
});

test('LENGTH 0xFFFF everywhere: every PDU shown and flagged, nothing dropped', async () => {
  const { pdus, stderr } = await read('length');
  assert.equal(pdus.length, SIZES.length);
  assert.ok(pdus.every((p) => p.notes.some((n) => n.id === 'malformed' && n.message.includes('LENGTH of MESSAGE says 65535'))));
  assert.equal(stderr, '');
});
