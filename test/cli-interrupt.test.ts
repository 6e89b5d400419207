import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { spoolStdin } from '../src/cli/spool-stdin.js';
import { CLI, ENV } from './support/cli.js';
import { clientCapture } from './support/client-captures.js';

/**
 * Ctrl-C and SIGTERM leave no temporary file behind: the stdin spool (made when the analysis reads the
 * capture twice) is removed, and the program dies of the signal, so a shell sees 130 or 143.
 */

const SAMPLE = new URL('../samples/session.pcap', import.meta.url).pathname;

/** The CLI reading `-T json` from a stdin pipe, its temporary files in a directory of their own; `end` when it exits. */
async function start(): Promise<{ child: ChildProcess; temp: string; end: ReturnType<typeof ended> }> {
  const temp = await mkdtemp(join(tmpdir(), 'icq2-interrupt-'));
  const child = spawn(process.execPath, [...CLI, '-T', 'json', '-'], { env: { ...ENV, TMPDIR: temp }, stdio: ['pipe', 'pipe', 'pipe'] });
  return { child, temp, end: ended(child) };
}

/** 3,000 KEEP_ALIVEs and their ACKs: some 8 MB of JSON, far more than a pipe holds. */
function bigCapture(): Buffer {
  const steps = Array.from({ length: 3000 }, (_, i) => [
    { fromClient: true, command: 'KEEP_ALIVE', values: { SEQ_NUM: i + 1, UIN: 1001 } },
    { fromClient: false, command: 'ACK', values: { SEQ_NUM: i + 1 } },
  ]).flat();
  return clientCapture({ ip: '198.51.100.10', port: 1026 }, steps);
}

/** Our temporary directories (tsx keeps its cache beside them). */
const spools = async (temp: string): Promise<string[]> => (await readdir(temp)).filter((name) => name.startsWith('icq2-dissect-'));

async function spoolAppears(temp: string): Promise<void> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    if ((await spools(temp)).length > 0) return;
    await sleep(50);
  }
  assert.fail('no spool appeared');
}

async function ended(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return { code, signal, stderr };
}

test('SIGINT while a big stdin is still being copied: the spool is gone, the program dies of SIGINT (130)', async () => {
  const { child, temp, end } = await start();
  try {
    const capture = await readFile(SAMPLE);
    // The capture's header and a first part; stdin stays open, as a big one still coming.
    child.stdin!.write(capture.subarray(0, 4096));
    await spoolAppears(temp);
    child.kill('SIGINT');
    const { code, signal, stderr } = await end;
    assert.deepEqual([code, signal, stderr], [null, 'SIGINT', '']);
    assert.deepEqual(await spools(temp), []);
  } finally {
    child.kill('SIGKILL');
    await rm(temp, { recursive: true, force: true });
  }
});

test('SIGTERM while the output waits for its reader: the spool is gone, the program dies of SIGTERM (143)', async () => {
  const { child, temp, end } = await start();
  try {
    child.stdin!.end(bigCapture());
    // Nobody reads stdout: the JSON fills the pipe, and the run waits with its spool read.
    await spoolAppears(temp);
    await sleep(1500);
    child.kill('SIGTERM');
    const { code, signal } = await end;
    assert.deepEqual([code, signal], [null, 'SIGTERM']);
    assert.deepEqual(await spools(temp), []);
  } finally {
    child.kill('SIGKILL');
    await rm(temp, { recursive: true, force: true });
  }
});

test('spoolStdin copies a stream to a temporary file that its remove deletes, with its directory', async () => {
  const bytes = Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 0, 1, 2, 255]);
  const spool = await spoolStdin(Readable.from([bytes.subarray(0, 3), bytes.subarray(3)]));
  assert.deepEqual(await readFile(spool.path), bytes);
  await spool.remove();
  assert.equal(existsSync(dirname(spool.path)), false);
});
