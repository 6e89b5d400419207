import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIXES, writeMixFile, type MixName } from '../scripts/bench/mixes.js';
import { terminalTable } from './support/terminal-table.js';

/**
 * Every output, byte for byte, as it was before the fast paths (issue 9): the digests in
 * test/golden/output-digests.json were recorded by the version before them (commit 39c588e) over the
 * samples, the mICQ capture and small captures of both benchmark mixes. A change of output must be
 * deliberate: re-record with `RECORD_DIGESTS=1 node --import tsx --test test/output-identity.test.ts`.
 */

const DIGESTS = 'test/golden/output-digests.json';
const TERMINAL_DIGESTS = 'test/golden/terminal-table-digests.json';
const CLI = ['--import', 'tsx', 'src/cli/run.ts'];
// -t a is local time: the digests are UTC's, in-process (the terminal table) and in the children.
process.env.TZ = 'UTC';
const ENV = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined };
const MIX_FRAMES = 3000;

const FILES = ['samples/session.pcap', 'samples/session.pcapng', 'test/data/micq-0.2.5-session.pcap'];
const MIX_NAMES = Object.keys(MIXES) as MixName[];

const MODES: readonly string[][] = [
  [],
  ['-V'],
  ['-x'],
  ['-V', '-x'],
  ['-T', 'json'],
  ['-T', 'ndjson'],
  ['-T', 'fields'],
  ['-T', 'csv'],
  ['-T', 'fields', '-E', 'header=y', '-e', 'frame', '-e', 'command', '-e', 'MESSAGE', '-e', 'X1', '-e', 'analysis.ackRtt', '-e', 'analysis.responses'],
  ['-T', 'ndjson', '-Y', 'command == SEND_MESSAGE || STATUS || analysis.retransmissionOf'],
  ['-Y', 'uin == 1001 && !(command == ACK)'],
  ['-t', 'a'],
  ['-t', 'd', '-c', '20'],
  ['-t', 'e', '-Y', 'transport == tcp'],
  ['-t', 'ud', '-Y', 'command == ACK'],
  ['-t', 'dd', '-Y', 'command == KEEP_ALIVE || transport == tcp'],
  ['-T', 'fields', '-t', 'ad', '-e', 'frame', '-e', 'time', '-e', 'time.epoch', '-e', 'time.relative', '-e', 'time.delta', '-Y', 'command != ACK'],
  ['-V', '-c', '5'],
  ['-T', 'json', '-c', '3'],
  ['-V', '-x', '--redact', '-c', '30'],
  ['--charset', 'koi8-r', '-T', 'ndjson'],
  ['-q', '-z', 'icq2,commands', '-z', 'icq2,srt', '-z', 'icq2,clients', '-z', 'io,stat,1,transport == tcp,'],
  ['-T', 'json', '-c', '40', '-z', 'icq2,srt', '-z', 'io,stat,0.5'],
  ['flows'],
  ['flows', '-T', 'json'],
  ['flows', '--ladder'],
  ['flows', '-T', 'mermaid', '--session', '2'],
];

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...CLI, ...args], { env: ENV, maxBuffer: 1 << 30, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const digest = (o: Outcome): string => `${o.code} ${createHash('sha256').update(o.stdout).digest('hex')} ${createHash('sha256').update(o.stderr).digest('hex').slice(0, 16)}`;

/** Runs the cases three at a time (two cores; a child spends part of its time starting up). */
async function runAll(cases: { key: string; args: string[] }[]): Promise<Map<string, string>> {
  const results = new Map<string, string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const c = cases[next++]!;
      results.set(c.key, digest(await cli(c.args)));
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return results;
}

let dir = '';
const cases: { key: string; args: string[] }[] = [];
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icq2-identity-'));
  const inputs = FILES.map((file) => ({ label: file, path: file }));
  for (const mix of MIX_NAMES) {
    const path = join(dir, `${mix}.pcap`);
    writeMixFile(path, MIXES[mix](MIX_FRAMES));
    inputs.push({ label: `bench mix ${mix} (${MIX_FRAMES} frames)`, path });
  }
  for (const input of inputs) {
    for (const mode of MODES) {
      const args = mode[0] === 'flows' ? ['flows', input.path, ...mode.slice(1)] : [...mode, input.path];
      cases.push({ key: `${input.label} :: ${mode.join(' ')}`, args });
    }
  }
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('every output is byte-identical to the version before the fast paths (samples, mICQ, bench mixes)', { timeout: 300_000 }, async () => {
  const actual = await runAll(cases);
  if (process.env.RECORD_DIGESTS === '1') {
    await writeFile(DIGESTS, JSON.stringify(Object.fromEntries(actual), null, 2) + '\n');
    return;
  }
  const expected = JSON.parse(await readFile(DIGESTS, 'utf8')) as Record<string, string>;
  assert.equal(actual.size, Object.keys(expected).length);
  const differing = [...actual].filter(([key, value]) => expected[key] !== value).map(([key]) => key);
  assert.deepEqual(differing, []);
});

const WIDTHS = [40, 80, 100, 120, 132, 145, 160, 220];

test('the table on terminals 40 to 220 columns wide, with and without colour, is byte-identical to before', { timeout: 120_000 }, async () => {
  const actual: Record<string, string> = {};
  const inputs = [...FILES, join(dir, 'small-udp.pcap')];
  for (const path of inputs) {
    for (const columns of WIDTHS) {
      for (const color of [false, true]) {
        const text = await terminalTable(path, columns, color, columns === 132 ? ['-t', 'a'] : []);
        actual[`${path.replace(dir, '<mix>')} :: table ${columns} columns${color ? ' colour' : ''}`] = createHash('sha256').update(text).digest('hex');
      }
    }
  }
  if (process.env.RECORD_DIGESTS === '1') {
    await writeFile(TERMINAL_DIGESTS, JSON.stringify(actual, null, 2) + '\n');
    return;
  }
  const expected = JSON.parse(await readFile(TERMINAL_DIGESTS, 'utf8')) as Record<string, string>;
  assert.deepEqual(actual, expected);
});
