import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from './capture-collect.js';
import { CLI, cli, ENV } from './support/cli.js';
import { openCapture } from '../src/capture/open.js';
import { writePcap } from '../src/writers/write-pcap.js';

/**
 * The command line end to end on the genuine mICQ capture, run from the TypeScript sources.
 * Golden files: regenerate with `node --import tsx src/cli/run.ts ARGS > test/golden/NAME`, then READ them.
 */

const MICQ = 'test/data/micq-0.2.5-session.pcap';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icq2-cli-test-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('default table of the mICQ capture (golden)', async () => {
  const result = await cli([MICQ]);
  assert.deepEqual(result, { code: 0, stdout: await readFile('test/golden/micq-table.txt', 'utf8'), stderr: '' });
});

test('default table of the sample session, UDP and peer TCP, with the two-pass analysis (golden)', async () => {
  assert.deepEqual(await cli(['samples/session.pcap']), { code: 0, stdout: await readFile('test/golden/sample-table.txt', 'utf8'), stderr: '' });
});

test('-V -x of a reassembled peer CHANNEL_MESSAGE with licq\'s trailer (golden)', async () => {
  assert.deepEqual(await cli(['-Y', 'frame == 62', '-V', '-x', 'samples/session.pcap']), {
    code: 0,
    stdout: await readFile('test/golden/sample-peer-message-verbose-hex.txt', 'utf8'),
    stderr: '',
  });
});

test('-V -x -c 3 --redact: tree, analysis and masked hex dump (golden); the password appears nowhere', async () => {
  const result = await cli(['-V', '-x', '-c', '3', '--redact', MICQ]);
  assert.deepEqual(result, { code: 0, stdout: await readFile('test/golden/micq-verbose-hex-redacted.txt', 'utf8'), stderr: '' });
  assert.doesNotMatch(result.stdout, /secret|73656372/);
});

test('--redact in JSON masks value, display and hex of PASSWORD', async () => {
  const { stdout } = await cli(['-T', 'ndjson', '-c', '1', '--redact', MICQ]);
  const password = JSON.parse(stdout).fields.find((f: { name: string }) => f.name === 'PASSWORD');
  assert.deepEqual([password.value, password.display, password.hex], ['********', '********', '**************']);
});

test('-r FILE and stdin (-) give the same output as a positional FILE', async () => {
  const positional = await cli(['-c', '4', '-T', 'fields', '-e', 'frame', '-e', 'command', MICQ]);
  assert.equal(positional.stdout, '1\tLOGIN\n2\tACK\n3\tLOGIN_REPLY\n4\tRECEIVE_MESSAGE\n');
  assert.deepEqual(await cli(['-c', '4', '-T', 'fields', '-e', 'frame', '-e', 'command', '-r', MICQ]), positional);
  const piped = spawnSync('sh', ['-c', `${process.execPath} ${CLI.join(' ')} -c 4 -T fields -e frame -e command - < ${MICQ}`], { env: ENV, encoding: 'utf8' });
  assert.deepEqual([piped.status, piped.stdout, piped.stderr], [0, positional.stdout, '']);
  // JSON needs two passes: stdin is spooled to a temporary file first, so the analysis is there too
  const json = spawnSync('sh', ['-c', `${process.execPath} ${CLI.join(' ')} -c 2 -T ndjson - < ${MICQ}`], { env: ENV, encoding: 'utf8' });
  assert.deepEqual(json.stdout.trim().split('\n').map((line) => JSON.parse(line).analysis), [{ ackedBy: 2, responses: [3] }, { acks: 1, ackRtt: 0.000265 }]);
});

test('-Y with -T csv: header, only matching PDUs, CSV quoting', async () => {
  const { stdout } = await cli(['-Y', 'command == SEND_MESSAGE && MESSAGE contains "link"', '-T', 'csv', '-e', 'frame', '-e', 'seq', '-e', 'MESSAGE', '-e', 'DESCRIPTION', '-e', 'URL', MICQ]);
  assert.equal(stdout, 'frame,seq,MESSAGE,DESCRIPTION,URL\n17,8,a link | http://example.invalid/,a link,http://example.invalid/\n');
});

test('-T fields: -E header=y, -E separator=/s, control characters escaped', async () => {
  const { stdout } = await cli(['-Y', 'frame == 29', '-T', 'fields', '-E', 'header=y', '-E', 'separator=/s', '-e', 'frame', '-e', 'MESSAGE', MICQ]);
  assert.equal(stdout, 'frame MESSAGE\n29 \\x03\n');
});

test('-T json is one array of every PDU; -c limits it', async () => {
  const all = JSON.parse((await cli(['-T', 'json', MICQ])).stdout);
  assert.equal(all.length, 32);
  assert.deepEqual(all[1].analysis, { acks: 1, ackRtt: 0.000265 });
  const two = JSON.parse((await cli(['-T', 'json', '-c', '2', MICQ])).stdout);
  assert.deepEqual(two.map((p: { frame: number }) => p.frame), [1, 2]);
});

test('-t d and -t e in the table', async () => {
  const delta = (await cli(['-t', 'd', '-c', '3', MICQ])).stdout.split('\n');
  assert.deepEqual(delta.slice(1, 4).map((line) => line.split(/ +/)[2]), ['0.000000', '0.000265', '0.000039']);
  const epoch = (await cli(['-t', 'e', '-c', '1', MICQ])).stdout.split('\n');
  assert.equal(epoch[1]?.split(/ +/)[2], '1795469703.802543');
});

test('colour: --color=always colours the table, NO_COLOR and pipes do not, FORCE_COLOR forces', async () => {
  assert.match((await cli(['--color=always', '-c', '1', MICQ])).stdout, /\x1b\[1mNo\./);
  assert.doesNotMatch((await cli(['-c', '1', MICQ])).stdout, /\x1b/);
  assert.match((await cli(['-c', '1', MICQ], { ...ENV, FORCE_COLOR: '1' })).stdout, /\x1b\[1mNo\./);
  assert.match((await cli(['--color=always', '-c', '1', MICQ], { ...ENV, NO_COLOR: '1' })).stdout, /^\x1b\[1mNo\./);
});

test('filter syntax error: one line with the position, exit 1, nothing on stdout', async () => {
  assert.deepEqual(await cli(['-Y', 'command == LOGIN &&', MICQ]), {
    code: 1,
    stdout: '',
    stderr: 'icq2-dissect: filter: expected a field name but found end of expression at position 20\n',
  });
  assert.deepEqual(await cli(['-Y', 'uin ~ 5', MICQ]), { code: 1, stdout: '', stderr: "icq2-dissect: filter: uin is a number: 'matches' looks into text and bytes only at position 1\n" });
});

test('bad usage: one line on stderr and exit 1', async () => {
  assert.deepEqual(await cli(['--charset', 'klingon', MICQ]), { code: 1, stdout: '', stderr: "icq2-dissect: unknown charset 'klingon'\n" });
  assert.deepEqual(await cli(['-c', 'x', MICQ]), { code: 1, stdout: '', stderr: "icq2-dissect: -c: expected a positive integer, got 'x'\n" });
  // No FILE and standard input not a terminal: it is read (here an empty pipe).
  assert.deepEqual(await cli([]), { code: 1, stdout: '', stderr: 'icq2-dissect: <stdin>: file is empty\n' });
  assert.deepEqual(await cli(['--nope', MICQ]), { code: 1, stdout: '', stderr: 'icq2-dissect: unknown option --nope\n' });
  assert.deepEqual(await cli(['-T', 'fields', '-e', 'frame', '-e', 'MESAGE', MICQ]), { code: 1, stdout: '', stderr: 'icq2-dissect: -e MESAGE: unknown field\n' });
});

test('unreadable file: one line naming it, exit 1', async () => {
  const notCapture = join(dir, 'notes.txt');
  await writeFile(notCapture, 'hello world, not a capture');
  const result = await cli([notCapture]);
  assert.deepEqual([result.code, result.stdout], [1, '']);
  assert.equal(result.stderr, `icq2-dissect: ${notCapture}: not a capture file (starts with 68 65 6c 6c)\n`);
  assert.deepEqual(await cli([join(dir, 'missing.pcap')]), { code: 1, stdout: '', stderr: `icq2-dissect: ${join(dir, 'missing.pcap')}: no such file\n` });
});

test('truncated capture: everything readable is printed, then one line and exit 2', async () => {
  const whole = await readFile(MICQ);
  const [first, second] = (await collect(openCapture(MICQ))).records;
  const twoRecords = 24 + 16 + (first?.capturedLength ?? 0) + 16 + (second?.capturedLength ?? 0);
  const cut = join(dir, 'cut.pcap');
  await writeFile(cut, whole.subarray(0, twoRecords + 20)); // the third record's header and 4 of its bytes
  const result = await cli(['-T', 'fields', '-e', 'frame', cut]);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '1\n2\n');
  assert.match(result.stderr, /^icq2-dissect: .*cut\.pcap: [^\n]+\n$/);
});

test('--help lists options, jq recipes and exit codes', async () => {
  const { code, stdout } = await cli(['--help']);
  assert.equal(code, 0);
  for (const text of ['-Y, --filter', '--redact', 'jq -r \'.fields[] | select(.name == "X1") | .hex\'', 'KEEP_ALIVE', '2  truncated capture']) {
    assert.ok(stdout.includes(text), text);
  }
});

test('--port adds a server port: a server on 4001 is found only with --port 4001', async () => {
  const { records } = await collect(openCapture(MICQ));
  const moved = records.map((record) => {
    const bytes = Buffer.from(record.bytes); // Ethernet + IPv4 (20 bytes): UDP ports at 34 and 36, checksum at 40
    for (const at of [34, 36]) if (bytes.readUInt16BE(at) === 4000) bytes.writeUInt16BE(4001, at);
    bytes.writeUInt16BE(0, 40); // no UDP checksum
    return { time: record.time, bytes };
  });
  const file = join(dir, 'port4001.pcap');
  await writeFile(file, writePcap(moved, { linkType: records[0]?.linkType ?? 1 }));
  const args = ['-T', 'fields', '-e', 'frame', '-e', 'direction', '-e', 'command', '-c', '3', file];
  assert.deepEqual(await cli(args), { code: 0, stdout: '', stderr: 'icq2-dissect: no ICQ v2 traffic in 32 frames; UDP ports seen most: 4001 (32 frames); try --port 4001\n' });
  assert.deepEqual(await cli(['--port', '4001', ...args]), {
    code: 0,
    stdout: '1\tclient-to-server\tLOGIN\n2\tserver-to-client\tACK\n3\tserver-to-client\tLOGIN_REPLY\n',
    stderr: '',
  });
});

test('| head -1 on a long output ends quietly with exit 0', async () => {
  const { records } = await collect(openCapture(MICQ));
  const many = Array.from({ length: 100 }, () => records).flat();
  const big = join(dir, 'big.pcap');
  await writeFile(big, writePcap(many, { linkType: records[0]?.linkType ?? 1 }));
  for (const args of ['', '-V -x', '-T json']) {
    const command = `${process.execPath} ${CLI.join(' ')} ${args} ${big} | head -1; exit \${PIPESTATUS[0]}`;
    const result = spawnSync('bash', ['-c', command], { env: ENV, encoding: 'utf8' });
    assert.deepEqual([result.status, result.stderr, result.stdout.split('\n').length], [0, '', 2], args);
  }
});

test('frames that cannot be decoded below ICQ are summed up in one note on stderr; the PDUs are still printed', async () => {
  const { records } = await collect(openCapture(MICQ));
  const broken = Buffer.from(records[1]!.bytes);
  broken[14] = 0x41; // IPv4 with a header length of 4 bytes: too short to be a header
  const frames = records.slice(0, 3).map((r, i) => ({ time: r.time, bytes: i === 1 ? broken : r.bytes }));
  const file = join(dir, 'broken-ip.pcap');
  await writeFile(file, writePcap(frames, { linkType: 1 }));
  const result = await cli(['-T', 'fields', '-e', 'frame', '-e', 'command', file]);
  assert.equal(result.code, 0);
  assert.equal(result.stdout, '1\tLOGIN\n3\tLOGIN_REPLY\n');
  assert.match(result.stderr, /^icq2-dissect: note: 1 frame could not be decoded below ICQ \(first: frame 2: .+\)\n$/);
});
