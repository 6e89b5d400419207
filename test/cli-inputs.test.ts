import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, cli, ENV } from './support/cli.js';
import { clientCapture, SERVER, udpCapture } from './support/client-captures.js';

/**
 * Input as people give it (issue 12): several captures in one run, standard input when no file is
 * named, named pipes and process substitution, and a capture with no ICQ in it.
 */

const MICQ = 'test/data/micq-0.2.5-session.pcap';
const SAMPLE = 'samples/session.pcap';
const MICQ_FRAMES = 32;
const dir = mkdtempSync(join(tmpdir(), 'icq2-inputs-'));
const COMMAND = `${process.execPath} ${CLI.join(' ')}`;

/** A shell command line run with bash (process substitution), its exit code and output. */
function shell(line: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync('bash', ['-c', line], { env: ENV, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const frames = (stdout: string): number[] => stdout.trimEnd().split('\n').map((line) => Number(line.split('\t')[0]));

const CLIENT = { ip: '198.51.100.77', port: 50300 };
const login = (seq: number) => ({ fromClient: true, command: 'LOGIN', values: { SEQ_NUM: seq, UIN: 1001, PORT: 2001, PASSWORD: 'pw' } });
const ack = (seq: number) => ({ fromClient: false, command: 'ACK', values: { SEQ_NUM: seq } });

test('several captures are read one after the other as one: frame numbers continue, as mergecap -a', async () => {
  const single = await cli(['-T', 'fields', '-e', 'frame', '-e', 'command', SAMPLE]);
  const both = await cli(['-T', 'fields', '-e', 'frame', '-e', 'command', MICQ, SAMPLE]);
  assert.equal(both.code, 0);
  const lines = both.stdout.trimEnd().split('\n');
  assert.deepEqual(lines.slice(0, 2), ['1\tLOGIN', '2\tACK']);
  // The sample's PDUs follow, their frames after the mICQ capture's 32.
  const sampleLines = single.stdout.trimEnd().split('\n').map((line) => line.split('\t'));
  assert.deepEqual(
    lines.slice(-sampleLines.length),
    sampleLines.map(([frame, command]) => `${Number(frame) + MICQ_FRAMES}\t${command}`),
  );
  assert.deepEqual(await cli(['-r', MICQ, '-r', SAMPLE, '-T', 'fields', '-e', 'frame', '-e', 'command']), both);
  // The analysis runs across them as over one capture: the second LOGIN_REPLY of the same capture twice answers frame 33.
  const twice = await cli(['-T', 'fields', '-e', 'frame', '-e', 'analysis.responseTo', '-Y', 'command == LOGIN_REPLY', MICQ, MICQ]);
  assert.deepEqual(twice.stdout, `3\t1\n${3 + MICQ_FRAMES}\t${1 + MICQ_FRAMES}\n`);
});

test('flows and unknowns take several captures too', async () => {
  const flows = JSON.parse((await cli(['flows', '-T', 'json', MICQ, SAMPLE])).stdout) as { id: number; uin: number }[];
  assert.deepEqual(flows.map((s) => s.uin), [11111, 1001, 1002, 1001]);
  const ladder = await cli(['flows', '--ladder', '--session', '2', MICQ, SAMPLE]);
  assert.match(ladder.stdout, new RegExp(`LOGIN seq 1 -+>\\|  frame ${1 + MICQ_FRAMES}\\n`));
  const unknowns = await cli(['unknowns', '-T', 'csv', '--command', 'LOGIN', '--field', 'X2', MICQ, SAMPLE]);
  assert.equal(unknowns.stdout.split('\n')[1], 'LOGIN,C→S,X2,31,1,3,2,04×2 06×1,insufficient: no test explains 3 samples of 2 values,0/3');
});

test('each file\'s errors name the file: a missing one before anything is read, a damaged one after what it held', async () => {
  const missing = join(dir, 'missing.pcap');
  for (const command of [[], ['flows'], ['unknowns']]) {
    assert.deepEqual(await cli([...command, MICQ, missing]), { code: 1, stdout: '', stderr: `icq2-dissect: ${missing}: no such file\n` }, command.join(' '));
  }
  const cut = join(dir, 'cut.pcap');
  writeFileSync(cut, readFileSync(MICQ).subarray(0, 24 + 16 + 20));
  const result = await cli(['-T', 'fields', '-e', 'frame', SAMPLE, cut]);
  assert.equal(result.code, 2);
  assert.equal(frames(result.stdout).length, 84);
  assert.match(result.stderr, new RegExp(`^icq2-dissect: ${cut}: [^\\n]+\\n$`));
  assert.deepEqual(await cli(['-', '-']), { code: 1, stdout: '', stderr: 'icq2-dissect: standard input (-) can be read only once\n' });
  assert.deepEqual(await cli(['-r', MICQ, SAMPLE]), { code: 1, stdout: '', stderr: 'icq2-dissect: give the files either as FILE... or with -r, not both\n' });
});

test('no FILE: standard input when something is piped in, the usage line on a terminal', (t) => {
  // The list reads a file in two passes by default and standard input in one: --no-2 reads the file as stdin is read.
  for (const [command, onFile] of [['', '--no-2'], ['flows -T json', ''], ['unknowns -T csv', '']] as const) {
    const piped = shell(`${COMMAND} ${command} < ${MICQ}`);
    const named = shell(`${COMMAND} ${command} ${onFile} ${MICQ}`);
    assert.deepEqual(piped, named, command);
    assert.ok(piped.stdout.length > 0);
  }
  const json = shell(`${COMMAND} -T ndjson -c 2 < ${MICQ}`);
  assert.deepEqual(json.stdout.trimEnd().split('\n').map((line) => JSON.parse(line).analysis), [{ ackedBy: 2, responses: [3] }, { acks: 1, ackRtt: 0.000265 }]);
  if (spawnSync('script', ['--version']).status !== 0) return t.skip('no script(1) to run the command on a terminal');
  // script(1) runs the command on a pseudo-terminal of its own: standard input is a terminal there.
  for (const command of ['', 'flows', 'unknowns']) {
    const terminal = spawnSync('script', ['-qec', `${COMMAND} ${command}`, '/dev/null'], { env: ENV, encoding: 'utf8', input: '' });
    assert.equal(terminal.status, 1, command);
    assert.equal(terminal.stdout.replace(/\r/g, ''), 'icq2-dissect: no capture file; Usage: icq2-dissect [options] FILE...|- (or pipe a capture in; -h for help)\n');
  }
});

test('a named pipe and a process substitution are read as standard input is, spooled where the output reads twice', () => {
  const fifo = join(dir, 'capture.fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const expected = shell(`${COMMAND} -T ndjson ${MICQ}`).stdout;
  assert.equal(expected.split('\n').length, 33);
  // -T ndjson reads twice (the analysis ahead of the output); a fifo read twice used to hang.
  assert.deepEqual(shell(`cat ${MICQ} > ${fifo} & ${COMMAND} -T ndjson ${fifo}`), { code: 0, stdout: expected, stderr: '' });
  assert.deepEqual(shell(`cat ${MICQ} > ${fifo} & ${COMMAND} -T fields -e frame ${fifo}`).stdout, shell(`${COMMAND} -T fields -e frame ${MICQ}`).stdout);
  assert.deepEqual(shell(`${COMMAND} -T ndjson <(cat ${MICQ})`), { code: 0, stdout: expected, stderr: '' });
  const ladder = shell(`${COMMAND} flows --ladder ${MICQ}`).stdout;
  assert.match(ladder, /LOGIN seq 1/);
  assert.deepEqual(shell(`${COMMAND} flows --ladder <(cat ${MICQ})`), { code: 0, stdout: ladder, stderr: '' });
  assert.deepEqual(shell(`cat ${MICQ} > ${fifo} & ${COMMAND} flows --ladder ${fifo}`), { code: 0, stdout: ladder, stderr: '' });
  assert.deepEqual(shell(`${COMMAND} unknowns -T csv <(cat ${MICQ})`).stdout, shell(`${COMMAND} unknowns -T csv ${MICQ}`).stdout);
  // Errors name the path given, never the spooled copy.
  assert.deepEqual(shell(`echo not a capture > ${fifo} & ${COMMAND} -V ${fifo}`), {
    code: 1,
    stdout: '',
    stderr: `icq2-dissect: ${fifo}: not a capture file (starts with 6e 6f 74 20)\n`,
  });
});

test('a capture with no ICQ says so on stderr with the UDP ports seen most and the one to try, exit 0', async () => {
  const dns = join(dir, 'dns.pcap');
  const query = Buffer.from('123401000001000000000000', 'hex');
  writeFileSync(dns, udpCapture({ ip: '198.51.100.9', port: 33000 }, [true, false, true].map((fromClient) => ({ fromClient, bytes: query })), { ip: '192.0.2.53', port: 53 }));
  const onPort4001 = join(dir, 'icq-4001.pcap');
  writeFileSync(onPort4001, clientCapture(CLIENT, [login(1), ack(1), login(2), ack(2)], undefined, { ...SERVER, port: 4001 }));
  const both = join(dir, 'both.pcap');
  writeFileSync(both, Buffer.concat([readFileSync(onPort4001), readFileSync(dns).subarray(24)]));
  for (const command of [[], ['flows'], ['unknowns']]) {
    const none = await cli([...command, dns]);
    assert.deepEqual([none.code, none.stderr], [0, 'icq2-dissect: no ICQ v2 traffic in 3 frames; UDP ports seen most: 53 (3 frames)\n'], command.join(' '));
    const found = await cli([...command, '-T', 'json', both]);
    assert.equal(found.stderr, 'icq2-dissect: no ICQ v2 traffic in 7 frames; UDP ports seen most: 4001 (4 frames), 53 (3); try --port 4001\n', command.join(' '));
    assert.equal(found.code, 0);
    const told = await cli([...command, '-T', 'json', '--port', '4001', both]);
    assert.deepEqual([told.code, told.stderr], [0, ''], command.join(' '));
    assert.ok(told.stdout.includes('LOGIN'));
  }
  // unknowns studies each capture as its own, so it names the one without ICQ.
  assert.equal((await cli(['unknowns', MICQ, dns])).stderr, `icq2-dissect: ${dns}: no ICQ v2 traffic in 3 frames; UDP ports seen most: 53 (3 frames)\n`);
});
