import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Endpoint } from '../src/net/payload.js';
import type { EncodeValues } from '../src/protocol/encode.js';
import type { ClientsResult, CommandsResult, IoResult, ResponseTimesResult, StatisticResult } from '../src/stats/statistic.js';
import { cli } from './support/cli.js';
import { analyze, client as fixtureClient } from './analysis-fixtures.js';
import { ResponseTimes } from '../src/stats/response-times.js';
import { encodeStep, timedUdpCapture } from './support/client-captures.js';

/** -z statistics and -q (issue 12), on the sample and on captures written through the encoder. */

const SAMPLE = 'samples/session.pcap';
const MICQ = 'test/data/micq-0.2.5-session.pcap';
const run = promisify(execFile);

/** One packet of an encoded capture: `at` seconds from its start, from or to one client. */
interface Packet {
  at: number;
  client: Endpoint;
  uin: number;
  fromClient: boolean;
  command: string;
  values: EncodeValues;
}

const ALICE = { endpoint: { ip: '10.0.0.2', port: 1024 }, uin: 1001 };
const BOB = { endpoint: { ip: '10.0.0.3', port: 2048 }, uin: 1002 };

function talk(who: typeof ALICE) {
  const packet = (fromClient: boolean) => (at: number, command: string, seq: number, values: EncodeValues = {}): Packet => ({
    at, client: who.endpoint, uin: who.uin, fromClient, command,
    values: { SEQ_NUM: seq, ...(fromClient ? { UIN: who.uin } : {}), ...values },
  });
  return { send: packet(true), recv: packet(false) };
}

const a = talk(ALICE);
const b = talk(BOB);

/**
 * Two clients with requests answered after different delays, a search answered twice, a request never
 * answered and its retransmission (counted once): the response times follow from the packets' times.
 */
const PACKETS: Packet[] = [
  a.send(0, 'LOGIN', 1, { LOGIN_SEQ_NUM: 1, PASSWORD: 'secret', STATUS: 0 }),
  a.recv(0.001, 'ACK', 1),
  a.recv(0.25, 'LOGIN_REPLY', 0, { LOGIN_SEQ_NUM: 1, USER_UIN: ALICE.uin, USER_IP: ALICE.endpoint.ip }),
  a.send(0.251, 'ACK', 0),
  b.send(0.5, 'LOGIN', 1, { LOGIN_SEQ_NUM: 1, PASSWORD: 'hunter2', STATUS: 0 }),
  b.recv(0.501, 'ACK', 1),
  b.recv(0.9, 'LOGIN_REPLY', 0, { LOGIN_SEQ_NUM: 1, USER_UIN: BOB.uin, USER_IP: BOB.endpoint.ip }),
  b.send(0.901, 'ACK', 0),
  a.send(1, 'INFO_REQ', 2, { INFO_SEQ_NUM: 2, QUERY_UIN: BOB.uin }),
  a.recv(1.001, 'ACK', 2),
  a.recv(1.1, 'INFO_REPLY', 1, { INFO_SEQ_NUM: 2, REMOTE_UIN: BOB.uin, NICK_NAME: 'bob' }),
  a.send(1.101, 'ACK', 1),
  a.send(2, 'INFO_REQ', 3, { INFO_SEQ_NUM: 3, QUERY_UIN: BOB.uin }),
  a.recv(2.001, 'ACK', 3),
  a.recv(2.3, 'INFO_REPLY', 2, { INFO_SEQ_NUM: 3, REMOTE_UIN: BOB.uin, NICK_NAME: 'bob' }),
  a.send(2.301, 'ACK', 2),
  a.send(3, 'SEARCH_UIN', 4, { SEARCH_SEQ_NUM: 4, SEARCHED_UIN: BOB.uin }),
  a.recv(3.001, 'ACK', 4),
  a.recv(3.05, 'USER_FOUND', 3, { SEARCH_SEQ_NUM: 4, FOUND_UIN: BOB.uin, NICK_NAME: 'bob' }),
  a.send(3.051, 'ACK', 3),
  a.recv(3.2, 'END_OF_SEARCH', 4, { SEARCH_SEQ_NUM: 4, MORE_FOUND: 0 }),
  a.send(3.201, 'ACK', 4),
  b.send(4, 'INFO_REQ', 2, { INFO_SEQ_NUM: 2, QUERY_UIN: ALICE.uin }),
  b.send(9, 'INFO_REQ', 2, { INFO_SEQ_NUM: 2, QUERY_UIN: ALICE.uin }),
  b.recv(9.001, 'ACK', 2),
  a.send(12.5, 'KEEP_ALIVE', 5),
  a.recv(12.501, 'ACK', 5),
];

let dir: string;
let capture: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icq2-stats-'));
  capture = join(dir, 'requests.pcap');
  await writeFile(capture, timedUdpCapture(PACKETS.map((p) => ({ ...p, bytes: encodeStep(p) }))));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function stats(args: string[]): Promise<StatisticResult[]> {
  const { code, stdout, stderr } = await cli(['-q', '-T', 'json', ...args]);
  assert.deepEqual([code, stderr], [0, ''], args.join(' '));
  return (JSON.parse(stdout) as { stats: StatisticResult[] }).stats;
}

/** Seconds between two packets of PACKETS, to the microsecond as the capture holds them. */
const between = (from: number, to: number): number => Math.round((PACKETS[to]!.at - PACKETS[from]!.at) * 1e6) / 1e6;
const close = (actual: number | null, expected: number, what: string) => assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

test('-z icq2,srt: requests, answered, unanswered and the seconds to the first response, from the frames\' times', async () => {
  const [srt] = (await stats(['-z', 'icq2,srt', capture])) as [ResponseTimesResult];
  assert.deepEqual(srt.rows.map((r) => [r.command, r.requests, r.answered, r.unanswered]), [
    ['LOGIN', 2, 2, 0],
    ['SEARCH_UIN', 1, 1, 0],
    ['INFO_REQ', 3, 2, 1], // Bob's INFO_REQ is never answered; its retransmission is not a request of its own
  ]);
  const [login, search, info] = srt.rows;
  const logins = [between(0, 2), between(4, 6)];
  close(login!.min, Math.min(...logins), 'LOGIN min');
  close(login!.max, Math.max(...logins), 'LOGIN max');
  close(login!.mean, (logins[0]! + logins[1]!) / 2, 'LOGIN mean');
  close(login!.sum, logins[0]! + logins[1]!, 'LOGIN sum');
  // A search answered twice counts its first response.
  close(search!.min, between(16, 18), 'SEARCH_UIN min');
  close(search!.max, between(16, 18), 'SEARCH_UIN max');
  close(info!.min, between(8, 10), 'INFO_REQ min');
  close(info!.max, between(12, 14), 'INFO_REQ max');
  close(info!.mean, (between(8, 10) + between(12, 14)) / 2, 'INFO_REQ mean');
});

test('a statistic\'s own filter chooses the requests; their responses are timed all the same', async () => {
  const [srt] = (await stats(['-z', 'icq2,srt,uin == 1002', capture])) as [ResponseTimesResult];
  assert.equal(srt.filter, 'uin == 1002');
  assert.deepEqual(srt.rows, [
    { command: 'LOGIN', requests: 1, answered: 1, unanswered: 0, ambiguous: 0, min: between(4, 6), max: between(4, 6), mean: between(4, 6), sum: between(4, 6) },
    { command: 'INFO_REQ', requests: 1, answered: 0, unanswered: 1, ambiguous: 0, min: null, max: null, mean: null, sum: 0 },
  ]);
});

test('-z icq2,commands counts PDUs and bytes per command and direction, most first, as the PDUs themselves say', async () => {
  const [commands] = (await stats(['-z', 'icq2,commands', capture])) as [CommandsResult];
  const expected = new Map<string, { pdus: number; bytes: number }>();
  for (const p of PACKETS) {
    const key = `${p.command} ${p.fromClient ? 'client-to-server' : 'server-to-client'}`;
    const tally = expected.get(key) ?? { pdus: 0, bytes: 0 };
    tally.pdus += 1;
    tally.bytes += encodeStep(p).length;
    expected.set(key, tally);
  }
  assert.deepEqual(
    new Map(commands.rows.map((r) => [`${r.command} ${r.direction}`, { pdus: r.pdus, bytes: r.bytes }])),
    expected,
  );
  assert.equal(commands.pdus, PACKETS.length);
  assert.equal(commands.bytes, PACKETS.reduce((sum, p) => sum + encodeStep(p).length, 0));
  // Most PDUs first, each with its share of all.
  const most = [...expected.entries()].sort(([, x], [, y]) => y.pdus - x.pdus).slice(0, 2);
  assert.deepEqual(
    commands.rows.slice(0, 2).map((r) => [`${r.command} ${r.direction}`, r.percent]),
    most.map(([key, { pdus }]) => [key, Math.round((pdus / PACKETS.length) * 10_000) / 100]),
  );
  assert.ok(most[0]![1].pdus > most[1]![1].pdus && most[1]![1].pdus > commands.rows[2]!.pdus);
});

test('-z icq2,commands on the sample agrees with the PDUs of -T fields', async () => {
  const [commands] = (await stats(['-z', 'icq2,commands', SAMPLE])) as [CommandsResult];
  const { stdout } = await cli(['-T', 'fields', '-e', 'command', '-e', 'direction', '-e', 'length', SAMPLE]);
  const lines = stdout.trimEnd().split('\n').map((line) => line.split('\t'));
  const count = (command: string, direction: string) => lines.filter((l) => l[0] === command && l[1] === direction);
  for (const row of commands.rows) {
    const pdus = count(row.command!, row.direction);
    assert.deepEqual([row.pdus, row.bytes], [pdus.length, pdus.reduce((sum, l) => sum + Number(l[2]), 0)], row.command!);
  }
  assert.deepEqual([commands.pdus, commands.rows.reduce((sum, r) => sum + r.pdus, 0)], [lines.length, lines.length]);
});

test('-z icq2,clients: one row per UIN with its software, endpoints, PDUs and first and last time', async () => {
  const [clients] = (await stats(['-z', 'icq2,clients', capture])) as [ClientsResult];
  const { stdout } = await cli(['flows', '-T', 'json', capture]);
  const sessions = JSON.parse(stdout) as { uin: number; fingerprint: { software: string; confidence: number } }[];
  const expected = [ALICE, BOB].map((who) => {
    const own = PACKETS.filter((p) => p.uin === who.uin);
    const flow = sessions.find((s) => s.uin === who.uin)!;
    return {
      uin: who.uin,
      software: flow.fingerprint.software,
      confidence: flow.fingerprint.confidence,
      endpoints: [`${who.endpoint.ip}:${who.endpoint.port}`],
      sessions: 1,
      pdus: own.length,
      bytes: own.reduce((sum, p) => sum + encodeStep(p).length, 0),
      first: own[0]!.at,
      last: own[own.length - 1]!.at,
    };
  });
  assert.deepEqual(clients.rows, expected);
});

test('-z icq2,clients on the sample: a peer connection counts for the client that opened it', async () => {
  const [clients] = (await stats(['-z', 'icq2,clients', SAMPLE])) as [ClientsResult];
  assert.deepEqual(
    clients.rows.map((r) => [r.uin, r.software, r.endpoints, r.sessions, r.pdus]),
    [
      [1001, 'licq 0.71', ['198.51.100.10:1026', '198.51.100.10:3100'], 2, 53 + 9],
      [1002, 'licq 0.71', ['198.51.100.20:1027'], 1, 22],
    ],
  );
});

/** tshark's io,stat rows as [frames, bytes] per column. */
async function tsharkIo(file: string, spec: string): Promise<number[][]> {
  const { stdout } = await run('tshark', ['-r', file, '-q', '-z', spec]);
  return stdout
    .split('\n')
    .filter((line) => line.includes('<>'))
    // After the interval, the numbers: tshark 4.0 closes an interval-0 row with an empty extra cell.
    .map((line) => line.split('|').slice(2).map((cell) => cell.trim()).filter((cell) => cell !== '').map(Number));
}

const hasTshark = await run('tshark', ['-v']).then(() => true, () => false);
if (!hasTshark) console.log('# SKIP io,stat cross-check with tshark: tshark is not installed');

test('-z io,stat counts every frame per interval as tshark -z io,stat does', { skip: !hasTshark && 'tshark is not installed' }, async () => {
  for (const [file, interval] of [[SAMPLE, '1'], [SAMPLE, '0.25'], [SAMPLE, '60'], [MICQ, '1'], [MICQ, '0']] as const) {
    const [io] = (await stats(['-z', `io,stat,${interval}`, file])) as [IoResult];
    const ours = io.rows.map((row) => [row.frames[0]!, row.bytes[0]!]);
    assert.deepEqual(ours, await tsharkIo(file, `io,stat,${interval}`), `${file} ${interval}`);
  }
  // A column per filter: our directions are tshark's UDP ports here.
  const [io] = (await stats(['-z', 'io,stat,10,direction == client-to-server,direction == server-to-client', SAMPLE])) as [IoResult];
  assert.deepEqual(
    io.rows.map((row) => [row.frames[0]!, row.bytes[0]!, row.frames[1]!, row.bytes[1]!]),
    await tsharkIo(SAMPLE, 'io,stat,10,udp.dstport==4000,udp.srcport==4000'),
  );
});

/** A frame of the encoded capture on the wire: Ethernet, IPv4 and UDP headers (42 bytes) and the PDU. */
const frameLength = (p: Packet): number => 42 + encodeStep(p).length;

test('-z io,stat with filters: a column each (an empty one: every frame), from the packets\' times and lengths', async () => {
  const [io] = (await stats(['-z', 'io,stat,2,command == LOGIN_REPLY,,uin == 1001 && command == ACK && direction == "C→S"', capture])) as [IoResult];
  assert.deepEqual(io.columns, ['command == LOGIN_REPLY', null, 'uin == 1001 && command == ACK && direction == "C→S"']);
  const columns: ((p: Packet) => boolean)[] = [(p) => p.command === 'LOGIN_REPLY', () => true, (p) => p.fromClient && p.uin === ALICE.uin && p.command === 'ACK'];
  const duration = PACKETS[PACKETS.length - 1]!.at;
  const rows = Array.from({ length: Math.floor(duration / 2) + 1 }, (_, i) => {
    const inside = PACKETS.filter((p) => Math.floor(p.at / 2) === i);
    return {
      from: 2 * i,
      to: Math.min(2 * i + 2, duration),
      frames: columns.map((column) => inside.filter(column).length),
      bytes: columns.map((column) => inside.filter(column).reduce((sum, p) => sum + frameLength(p), 0)),
    };
  });
  assert.deepEqual(io, { statistic: 'io,stat', interval: 2, duration, columns: io.columns, rows });
});

test('-z io,stat counts a reassembled TCP PDU once, in the frame that completes it, with that frame\'s length', async () => {
  // CHANNEL_MESSAGE of frames 61 and 62 (121 bytes on the wire) at 20.5154 s.
  const [io] = (await stats(['-z', 'io,stat,0.5,frames == 61', SAMPLE])) as [IoResult];
  assert.deepEqual(io.rows.filter((row) => row.frames[0]! > 0), [{ from: 20.5, to: 21, frames: [1], bytes: [121] }]);
});

test('several -z print after the packet list in the order given; -q leaves the list out', async () => {
  const listed = await cli(['-c', '2', '-z', 'io,stat,0', '-zicq2,commands', SAMPLE]);
  assert.equal(listed.code, 0);
  const lengths = (await cli(['-c', '2', '-T', 'fields', '-e', 'length', SAMPLE])).stdout.trimEnd().split('\n').map(Number);
  const order = [/^No\./m, /^ +2 /m, /^IO statistics \(-z io,stat\): duration 0\.000300 s, one interval$/m, /^│ 0 <> Dur │ 2 /m, /^ICQ v2 commands/m, new RegExp(`^│ Total +│ +│ 2 +│ 100\\.00% │ ${lengths[0]! + lengths[1]!} +│$`, 'm')];
  const at = order.map((pattern) => listed.stdout.search(pattern));
  assert.ok(at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1]!)), `${at}\n${listed.stdout}`);
  const quiet = await cli(['-q', '-z', 'icq2,commands', SAMPLE]);
  assert.ok(quiet.stdout.startsWith('ICQ v2 commands (-z icq2,commands)\n┌'), quiet.stdout);
  assert.ok(!/^No\./m.test(quiet.stdout));
  assert.deepEqual(await cli(['-q', SAMPLE]), { code: 0, stdout: '', stderr: '' });
});

test('-c stops the statistics with the list: the frames up to its last PDU count, whatever -Y shows', async () => {
  const [io, commands] = (await stats(['-c', '3', '-Y', 'direction == server-to-client', '-z', 'io,stat,0', '-z', 'icq2,commands', capture])) as [IoResult, CommandsResult];
  const third = PACKETS.indexOf(PACKETS.filter((p) => !p.fromClient)[2]!);
  const read = PACKETS.slice(0, third + 1);
  assert.deepEqual(io.rows, [{ from: 0, to: read[third]!.at, frames: [read.length], bytes: [read.reduce((sum, p) => sum + frameLength(p), 0)] }]);
  assert.equal(commands.pdus, read.length);
});

test('JSON: -T json is one document {pdus, stats}; -T ndjson adds one {stats} line; every line stays JSON', async () => {
  const json = await cli(['-T', 'json', '-c', '2', '-z', 'icq2,commands', SAMPLE]);
  const document = JSON.parse(json.stdout) as { pdus: { frame: number }[]; stats: CommandsResult[] };
  assert.deepEqual(document.pdus.map((p) => p.frame), [1, 2]);
  assert.deepEqual(document.stats.map((s) => [s.statistic, s.pdus]), [['icq2,commands', 2]]);
  const lines = (await cli(['-T', 'ndjson', '-c', '2', '-z', 'icq2,srt', '-z', 'io,stat,0', SAMPLE])).stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as object);
  assert.deepEqual(lines.map((l) => Object.keys(l).includes('stats')), [false, false, true]);
  const { stats: last } = lines[2] as { stats: StatisticResult[] };
  assert.deepEqual(last.map((s) => s.statistic), ['icq2,srt', 'io,stat']);
  const quiet = await cli(['-q', '-T', 'ndjson', '-z', 'io,stat,0', SAMPLE]);
  assert.deepEqual(Object.keys(JSON.parse(quiet.stdout) as object), ['stats']);
});

test('with --redact a statistic\'s filter sees the masked PDUs, as -Y does', async () => {
  const [open, masked] = await Promise.all([
    stats(['-z', 'icq2,commands,PASSWORD contains "secret"', capture]),
    stats(['--redact', '-z', 'icq2,commands,PASSWORD contains "secret"', capture]),
  ]);
  assert.deepEqual([(open[0] as CommandsResult).pdus, (masked[0] as CommandsResult).pdus], [1, 0]);
});

test('-z help lists the statistics; an unknown one, a bad interval or filter is one line and exit 1', async () => {
  const help = await cli(['-z', 'help']);
  assert.equal(help.code, 0);
  for (const usage of ['icq2,commands[,FILTER]', 'icq2,srt[,FILTER]', 'icq2,clients[,FILTER]', 'io,stat,INTERVAL[,FILTER...]']) assert.ok(help.stdout.includes(usage), usage);
  const refused: [string, string][] = [
    ['rpc,srt,100003,3', '-z rpc,srt,100003,3: unknown statistic; there are icq2,commands, icq2,srt, icq2,clients, io,stat,INTERVAL (-z help describes them)'],
    ['io,stat', '-z io,stat needs an interval: io,stat,INTERVAL[,FILTER...]'],
    ['io,stat,1s', "-z io,stat,1s: the interval must be seconds with at most 6 decimals (0: the whole capture), got '1s'"],
    ['io,stat,1,command == FOO', "-z io,stat,1,command == FOO: filter: unknown command 'FOO' at position 12"],
    ['icq2,srt,uin = 1', "-z icq2,srt,uin = 1: filter: '=' is not an operator, use '==' at position 5"],
  ];
  for (const [value, message] of refused) assert.deepEqual(await cli(['-q', '-z', value, SAMPLE]), { code: 1, stdout: '', stderr: `icq2-dissect: ${message}\n` }, value);
});

test('io,stat filters split at commas outside strings; each column counts what -Y finds', async () => {
  const filters = ['MESSAGE contains ","', 'uin == 1001'];
  const [io] = (await stats(['-z', `io,stat,0,${filters.join(',')}`, SAMPLE])) as [IoResult];
  assert.deepEqual(io.columns, filters);
  const found = await Promise.all(filters.map(async (filter) => new Set((await cli(['-Y', filter, '-T', 'fields', '-e', 'frame', SAMPLE])).stdout.trimEnd().split('\n')).size));
  assert.deepEqual(io.rows[0]!.frames, found);
  assert.ok(found[0]! > 0);
});

/** The whole records of a little-endian classic pcap, read from their headers. */
function wholeRecords(file: Buffer): number {
  let count = 0;
  for (let at = 24; at + 16 <= file.length && at + 16 + file.readUInt32LE(at + 8) <= file.length; at += 16 + file.readUInt32LE(at + 8)) count++;
  return count;
}

test('a truncated capture: the statistics of what was read, then the one line and exit 2', async () => {
  const cut = join(dir, 'cut.pcap');
  const bytes = (await readFile(SAMPLE)).subarray(0, 3000);
  await writeFile(cut, bytes);
  const { code, stdout, stderr } = await cli(['-q', '-T', 'json', '-z', 'io,stat,0', cut]);
  assert.equal(code, 2);
  assert.match(stderr, /^icq2-dissect: .*cut\.pcap: cut short in record \d+ /);
  const [io] = (JSON.parse(stdout) as { stats: IoResult[] }).stats;
  assert.equal(io!.rows[0]!.frames[0], wholeRecords(bytes));
});

test('standard input: read once for io,stat, spooled for the analysis icq2,srt needs; the same results as from the file', async () => {
  const piped = await run('bash', ['-c', `cat ${SAMPLE} | ${process.execPath} --import tsx src/cli/run.ts -q -T json -z io,stat,0 -z icq2,srt -`]);
  assert.deepEqual((JSON.parse(piped.stdout) as { stats: StatisticResult[] }).stats, await stats(['-z', 'io,stat,0', '-z', 'icq2,srt', SAMPLE]));
});

const hasJq = await run('jq', ['--version']).then(() => true, () => false);

test('the jq recipe of docs/usage.md\'s Statistics section runs as written', { skip: !hasJq && 'jq is not installed' }, async () => {
  const docs = await readFile('docs/usage.md', 'utf8');
  const recipe = docs.split('\n').find((line) => line.includes('-z icq2,clients') && line.includes('| jq'))!;
  const command = recipe.replace('icq2-dissect', `${process.execPath} --import tsx src/cli/run.ts`).replace('capture.pcap', SAMPLE);
  assert.equal((await run('bash', ['-c', `set -o pipefail; ${command}`])).stdout, '1001 licq 0.71\n1002 licq 0.71\n');
});

test('-z icq2,srt: a request sent again before its answer is answered but Ambiguous, not timed (Karn\'s rule)', () => {
  const alice = fixtureClient(ALICE.endpoint, ALICE.uin);
  const { pdus } = analyze([
    alice.send(0, 'LOGIN', 1, { LOGIN_SEQ_NUM: 1 }),
    alice.send(5, 'LOGIN', 1, { LOGIN_SEQ_NUM: 1 }),
    alice.recv(5.1, 'ACK', 1),
    alice.recv(5.2, 'LOGIN_REPLY', 0, { LOGIN_SEQ_NUM: 1, USER_UIN: 1001 }),
  ]);
  const srt = new ResponseTimes();
  for (const d of pdus) srt.see(d);
  assert.deepEqual(srt.result().rows, [{ command: 'LOGIN', requests: 1, answered: 1, unanswered: 0, ambiguous: 1, min: null, max: null, mean: null, sum: 0 }]);
});
