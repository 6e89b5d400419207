import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePdu, type EncodeValues } from '../src/protocol/encode.js';
import { findTableByName } from '../src/protocol/registry.js';
import type { Direction } from '../src/protocol/types.js';
import { CLI, cli, ENV } from './support/cli.js';

/**
 * Live capture end to end: the command runs dumpcap on the loopback interface while the test sends ICQ
 * packets (written by the encoder) with node:dgram, and reads the decoded lines as they come. Where
 * dumpcap is missing or may not capture, those tests are skipped and say why.
 */

const MISSING =
  'icq2-dissect: live capture needs dumpcap: apt-get install tshark (Debian, Ubuntu), dnf install wireshark-cli (Fedora), brew install wireshark (macOS)\n';

/** Why live capture on lo cannot be tested here, or undefined when it can (dumpcap -L opens the device as a capture would). */
function cannotCapture(): string | undefined {
  const probe = spawnSync('dumpcap', ['-L', '-i', 'lo'], { encoding: 'utf8' });
  if (probe.error) return 'dumpcap is not installed (apt-get install tshark)';
  if (probe.status !== 0) return `dumpcap may not capture on lo here: ${probe.stderr.split('\n')[0]}`;
  return undefined;
}
const skipLive = cannotCapture();
if (skipLive) console.log(`# live capture tests skipped: ${skipLive}`);
const skipNoDumpcap = spawnSync('dumpcap', ['-v']).error ? 'dumpcap is not installed' : undefined;

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icq2-live-test-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The command running: its output lines as they come, its stderr, its end. */
function runLive(args: string[]) {
  const child = spawn(process.execPath, [...CLI, ...args], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let pending = '';
  let stderr = '';
  const changed = new EventTarget();
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    const parts = (pending + text).split('\n');
    pending = parts.pop()!;
    lines.push(...parts);
    changed.dispatchEvent(new Event('change'));
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    changed.dispatchEvent(new Event('change'));
  });
  const ended = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  /** Resolves once `ready()` holds, while the command still runs (fails if it ended first). */
  const until = async (what: string, ready: () => boolean): Promise<void> => {
    while (!ready()) {
      const exited = child.exitCode !== null || child.signalCode !== null;
      if (exited) assert.fail(`the command ended before ${what}: ${stderr}`);
      await Promise.race([once(changed, 'change'), ended]);
    }
  };
  return {
    child,
    lines,
    stderr: () => stderr,
    /** dumpcap runs (it said "Capturing on"): packets sent from now on are captured. */
    capturing: () => until('capturing', () => stderr.includes('Capturing on ')),
    lineCount: (n: number) => until(`${n} lines`, () => lines.length >= n),
    ended: ended.then(([code]) => code),
  };
}

/** A UDP socket on 127.0.0.1 that sends encoded ICQ packets to `port`. */
async function icqSocket(bindPort = 0): Promise<{ socket: Socket; port: number; send: (port: number, direction: Direction, command: string, values: EncodeValues) => Promise<void> }> {
  const socket = createSocket('udp4');
  socket.bind(bindPort, '127.0.0.1');
  await once(socket, 'listening');
  return {
    socket,
    port: socket.address().port,
    send: (port, direction, command, values) =>
      new Promise((resolve, reject) => socket.send(encodePdu(findTableByName(direction, command)!, values), port, '127.0.0.1', (error) => (error ? reject(error) : resolve()))),
  };
}

const LOGIN = { SEQ_NUM: 1, UIN: 1001, PORT: 2001, PASSWORD: 'secret', LOGIN_SEQ_NUM: 1 };

test('without dumpcap on PATH: -i and -D say in one line which package brings it, exit 1', async () => {
  const env = { ...ENV, PATH: '/nonexistent' };
  assert.deepEqual(await cli(['-i', 'lo'], env), { code: 1, stdout: '', stderr: MISSING });
  assert.deepEqual(await cli(['-D'], env), { code: 1, stdout: '', stderr: MISSING });
});

test('a dumpcap that may not capture: its reason as one line (without its paragraphs of advice), exit 1', async () => {
  const bin = join(dir, 'bin');
  await mkdir(bin);
  await writeFile(join(dir, 'advice.txt'), "Capturing on 'Loopback: lo'\ndumpcap: You do not have permission to capture on device \"lo\".\n(socket: Operation not permitted)\nPlease check to make sure you have sufficient permissions.\n\nOn Debian ...\n");
  await writeFile(join(bin, 'dumpcap'), `#!/bin/sh\ncat '${join(dir, 'advice.txt')}' >&2\nexit 1\n`);
  await chmod(join(bin, 'dumpcap'), 0o755);
  const result = await cli(['-i', 'lo'], { ...ENV, PATH: `${bin}:${process.env.PATH}` });
  assert.deepEqual(result, {
    code: 1,
    stdout: '',
    stderr:
      'icq2-dissect: dumpcap: You do not have permission to capture on device "lo". (socket: Operation not permitted); ' +
      'run as root, or join the wireshark group: sudo usermod -a -G wireshark $USER (Debian: sudo dpkg-reconfigure wireshark-common)\n',
  });
});

test('an interface dumpcap does not know: its message as one line, exit 1', { skip: skipNoDumpcap }, async () => {
  const result = await cli(['-i', 'icq2nosuch0']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^icq2-dissect: dumpcap: [^\n]*"icq2nosuch0"[^\n]*\n$/);
});

test('live options checked before dumpcap runs', async () => {
  const usage = async (args: string[]) => (await cli(args)).stderr;
  assert.equal(await usage(['-f', 'udp', 'samples/session.pcap']), 'icq2-dissect: -f and -a are for a live capture: give -i IFACE (-Y filters a file)\n');
  assert.equal(await usage(['-i', 'lo', '-a', 'filesize:10']), 'icq2-dissect: -a filesize:10: expected duration:SECONDS or packets:N\n');
  assert.equal(await usage(['-i', 'lo', '-a', 'duration:0']), 'icq2-dissect: -a duration:0: expected duration:SECONDS or packets:N\n');
  assert.equal(await usage(['-i', 'lo', 'samples/session.pcap']), 'icq2-dissect: -i captures live: give no capture file with it\n');
  assert.equal(await usage(['-i', 'lo', '-f', 'udp', '-f', 'tcp']), 'icq2-dissect: -f: one capture filter (join them with "and")\n');
});

test('-D lists the interfaces dumpcap can capture on', { skip: skipLive }, async () => {
  const { code, stdout } = await cli(['-D']);
  assert.equal(code, 0);
  assert.match(stdout, /^\d+\. lo\b/m);
});

test('-i lo: each PDU sent to 127.0.0.1:4000 is printed as it arrives; -c 3 ends dumpcap after the third', { skip: skipLive, timeout: 30_000 }, async () => {
  const client = await icqSocket();
  try {
    const live = runLive(['-ilo', '-f', `udp and dst port 4000 and src port ${client.port}`, '-a', 'duration:20', '-c3', '-Tfields', '-e', 'frame', '-e', 'command', '-e', 'uin', '-e', 'seq']);
    await live.capturing();
    await client.send(4000, 'client-to-server', 'LOGIN', LOGIN);
    await live.lineCount(1); // shown while dumpcap still runs: written at once, not batched
    await client.send(4000, 'client-to-server', 'CONTACT_LIST', { SEQ_NUM: 2, UIN: 1001, CONTACTS: [{ UIN: 1002 }, { UIN: 1003 }] });
    await live.lineCount(2);
    await client.send(4000, 'client-to-server', 'KEEP_ALIVE', { SEQ_NUM: 3, UIN: 1001 });
    assert.equal(await live.ended, 0);
    assert.deepEqual(live.lines, ['1\tLOGIN\t1001\t1', '2\tCONTACT_LIST\t1001\t2', '3\tKEEP_ALIVE\t1001\t3']);
    assert.equal(live.stderr(), "Capturing on 'Loopback: lo'\nicq2-dissect: 3 frames captured, 3 ICQ PDUs\n");
  } finally {
    client.socket.close();
  }
});

test('-i lo -T json with the analysis: ACKs pair live, an unanswered PDU is shown within the bound, Ctrl-C ends cleanly', { skip: skipLive, timeout: 30_000 }, async () => {
  const [server, client] = [await icqSocket(), await icqSocket()];
  // A server on a port of its own (--port): it acknowledges each packet, as an ICQ server does.
  server.socket.on('message', (bytes, from) => void server.send(from.port, 'server-to-client', 'ACK', { SEQ_NUM: bytes.readUInt16LE(4) }));
  try {
    const live = runLive(['-i', 'lo', '-f', `udp port ${server.port}`, '--port', String(server.port), '-a', 'duration:20', '-T', 'json']);
    await live.capturing();
    await client.send(server.port, 'client-to-server', 'LOGIN', LOGIN);
    // LOGIN and its ACK: the session's last packet waits for more, at most LIVE_SETTLE_MS (1 s).
    const sent = Date.now();
    await live.lineCount(2);
    assert.ok(Date.now() - sent < 5000, 'the LOGIN was shown while the capture ran');
    await client.send(server.port, 'client-to-server', 'KEEP_ALIVE', { SEQ_NUM: 2, UIN: 1001 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    live.child.kill('SIGINT');
    assert.equal(await live.ended, 0);
    type Shown = { frame: number; direction: string; command: { name: string }; uin?: number; seq: number; analysis?: { acks?: number; ackedBy?: number } };
    const pdus = JSON.parse(live.lines.join('\n')) as Shown[];
    assert.deepEqual(
      pdus.map((p) => [p.frame, p.command.name, p.seq, p.analysis?.acks ?? p.analysis?.ackedBy]),
      [[1, 'LOGIN', 1, 2], [2, 'ACK', 1, 1], [3, 'KEEP_ALIVE', 2, 4], [4, 'ACK', 2, 3]],
    );
    assert.deepEqual(pdus.filter((p) => p.direction === 'client-to-server').map((p) => p.uin), [1001, 1001]);
    assert.equal(live.stderr(), "Capturing on 'Loopback: lo'\nicq2-dissect: 4 frames captured, 4 ICQ PDUs\n");
  } finally {
    server.socket.close();
    client.socket.close();
  }
});

test('-a duration:1 is passed to dumpcap: the capture ends by itself, with its summary', { skip: skipLive, timeout: 30_000 }, async () => {
  const result = await cli(['-i', 'lo', '-f', 'udp port 9 and udp port 7', '-a', 'duration:1']);
  assert.deepEqual(result, { code: 0, stdout: '', stderr: "Capturing on 'Loopback: lo'\nicq2-dissect: 0 frames captured, 0 ICQ PDUs\n" });
});
