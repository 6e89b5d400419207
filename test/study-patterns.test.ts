import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DissectedPdu } from '../src/dissect/pdu.js';
import type { Endpoint } from '../src/net/payload.js';
import type { FieldReport } from '../src/study/field-study.js';
import { StudyRun } from '../src/study/study-run.js';
import { client, dissectSteps, type Step } from './analysis-fixtures.js';
import { prng } from './support/prng.js';

/**
 * Each pattern kind of the study, on captures built through the encoder where it holds, and a near miss
 * where it must not be claimed. Bodies nobody describes (REPLY_X1, UPDATE_INFO, UPDATE_REPLY) carry the values.
 */

const u16 = (n: number) => Buffer.of(n & 0xff, n >> 8);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const clients = (n: number) => Array.from({ length: n }, (_, i) => ({ endpoint: { ip: `10.0.1.${i + 10}`, port: 1100 + 7 * i } as Endpoint, uin: 5000 + i }));

async function study(steps: readonly Step[]): Promise<FieldReport[]> {
  const run = new StudyRun({});
  async function* batches(): AsyncGenerator<DissectedPdu[]> {
    yield dissectSteps(steps);
  }
  await run.addCapture(batches());
  return run.reports();
}

/** The report of the body's first word of `length` bytes. */
async function word(steps: readonly Step[], command: string, length: number): Promise<FieldReport> {
  const found = (await study(steps)).find((r) => r.command === command && r.field === 'UNDESCRIBED' && r.runOffset === 0 && r.length === length);
  assert.ok(found, `no UNDESCRIBED+0/${length} of ${command}`);
  return found;
}

/** The server sends REPLY_X1 with each body to one client, a second apart (or at the given times). */
function replies(bodies: readonly Buffer[], times?: readonly number[]): Step[] {
  const alice = client({ ip: '10.0.0.2', port: 1024 }, 1001);
  return bodies.map((body, i) => alice.recv(times?.[i] ?? i, 'REPLY_X1', i, { UNDESCRIBED: body }));
}

/** Clients send UPDATE_INFO with each body (body(i, client index)). */
function updates(count: number, perClient: number, body: (i: number, c: number, endpoint: Endpoint) => Buffer): Step[] {
  return clients(count).flatMap(({ endpoint, uin }, c) =>
    Array.from({ length: perClient }, (_, i) => client(endpoint, uin).send(c * 100 + i, 'UPDATE_INFO', i + 1, { UNDESCRIBED: body(i, c, endpoint) })),
  );
}

test('constant: one value every time; a value that changes once is not constant', async () => {
  const same = await word(replies(Array(5).fill(Buffer.from('aabb', 'hex'))), 'REPLY_X1', 2);
  assert.deepEqual([same.pattern.kind, same.pattern.detail, same.pattern.support, same.count, same.distinct], ['constant', 'aa bb', 5, 5, 1]);
  const jump = await word(replies([...Array(4).fill(u16(7)), u16(8), u16(8)]), 'REPLY_X1', 2);
  assert.notEqual(jump.pattern.kind, 'constant');
});

test('counter: +1 per packet of a session; values that jump about are not a counter', async () => {
  const counting = await word(replies([1, 2, 3, 4, 5, 6].map(u16)), 'REPLY_X1', 2);
  assert.equal(counting.pattern.kind, 'counter');
  assert.match(counting.pattern.detail, /^\+1 per step .*little-endian \(1 session\)$/);
  assert.deepEqual([counting.pattern.support, counting.pattern.against], [5, 0]);
  const jumping = await word(replies([1, 5, 2, 9, 3, 7].map(u16)), 'REPLY_X1', 2);
  assert.notEqual(jumping.pattern.kind, 'counter');
});

test('length: a word that measures the PDU; one that does not, half the time, is no length', async () => {
  const sized = (right: (i: number) => boolean) =>
    updates(1, 6, (i) => {
      const padding = Buffer.alloc(i * 3 + 1, 0x55);
      const length = 10 + 2 + padding.length;
      return Buffer.concat([u16(right(i) ? length : 1000 + i * 17), padding]);
    });
  const measures = await word(sized(() => true), 'UPDATE_INFO', 2);
  assert.deepEqual([measures.pattern.kind, measures.pattern.detail, measures.pattern.support], ['length', 'equals the PDU length, read little-endian', 6]);
  const half = await word(sized((i) => i % 2 === 0), 'UPDATE_INFO', 2);
  assert.notEqual(half.pattern.kind, 'length');
});

test("host-address and port: the sender's own address in its packet; other addresses are neither", async () => {
  const ip = await word(updates(4, 2, (_i, _c, e) => Buffer.from(e.ip.split('.').map(Number))), 'UPDATE_INFO', 4);
  assert.deepEqual([ip.pattern.kind, ip.pattern.detail, ip.pattern.support], ['host-address', "equals the sender's IP address", 8]);
  const port = await word(updates(4, 2, (_i, _c, e) => u16(e.port)), 'UPDATE_INFO', 2);
  assert.deepEqual([port.pattern.kind, port.pattern.detail], ['port', "equals the sender's port (u16le)"]);
  const other = await word(updates(4, 2, (i, c) => Buffer.of(192, 0, 2, 10 + c * 2 + i)), 'UPDATE_INFO', 4);
  assert.notEqual(other.pattern.kind, 'host-address');
});

test('uin: a UIN seen in the capture; numbers that are nobody are no UIN', async () => {
  const people = clients(3);
  const steps = (value: (c: number) => number): Step[] =>
    people.flatMap(({ endpoint, uin }, c) => [
      client(endpoint, uin).send(c, 'KEEP_ALIVE', 1),
      client(endpoint, uin).recv(c + 0.5, 'REPLY_X1', 0, { UNDESCRIBED: u32(value(c)) }),
    ]);
  // Each client is told another one's UIN (not an echo of its own packet).
  const named = await word(steps((c) => people[(c + 1) % 3]!.uin), 'REPLY_X1', 4);
  assert.deepEqual([named.pattern.kind, named.pattern.detail, named.pattern.support], ['uin', 'is a UIN of the capture (u32le)', 3]);
  const nobody = await word(steps((c) => 777_000 + c * 13), 'REPLY_X1', 4);
  assert.notEqual(nobody.pattern.kind, 'uin');
});

test('session-id: the same token through a session, another in the next; a token that changes is none', async () => {
  const token = (c: number) => u32(0x9e3779b9 * (c + 1));
  const ids = await word(updates(3, 3, (_i, c) => token(c)), 'UPDATE_INFO', 4);
  assert.equal(ids.pattern.kind, 'session-id');
  assert.equal(ids.pattern.detail, 'constant within each session, 3 values over 3 sessions');
  assert.deepEqual([ids.pattern.support, ids.pattern.against], [6, 0]);
  const changing = await word(updates(3, 3, (i, c) => token(c * 3 + i)), 'UPDATE_INFO', 4);
  assert.notEqual(changing.pattern.kind, 'session-id');
});

test("echo: the server's reply repeats the client's token; a reply with another token does not", async () => {
  const alice = client({ ip: '10.0.0.2', port: 1024 }, 1001);
  const exchange = (answer: (token: Buffer, i: number) => Buffer): Step[] =>
    [0x1234, 0x0777, 0x4242, 0x0101, 0x2323].flatMap((t, i) => [
      alice.send(i, 'UPDATE_INFO', i + 1, { UNDESCRIBED: u16(t) }),
      alice.recv(i + 0.1, 'UPDATE_REPLY', i, { UNDESCRIBED: answer(u16(t), i) }),
    ]);
  const echoed = await word(exchange((t) => t), 'UPDATE_REPLY', 2);
  assert.deepEqual([echoed.pattern.kind, echoed.pattern.detail, echoed.pattern.support], ['echo', "repeats UNDESCRIBED of the other side's last PDU (UPDATE_INFO)", 5]);
  const other = await word(exchange((_t, i) => u16(0x5000 + i * 97)), 'UPDATE_REPLY', 2);
  assert.notEqual(other.pattern.kind, 'echo');
});

test('timestamp: seconds since 1970 near the capture time; small numbers are none', async () => {
  const times = [0, 3, 10, 11, 30, 47];
  const stamped = await word(replies(times.map((t) => u32(900_000_000 + t)), times), 'REPLY_X1', 4);
  assert.deepEqual([stamped.pattern.kind, stamped.pattern.detail], ['timestamp', 'seconds since 1970, u32le (within a day of the capture time)']);
  const small = await word(replies(times.map((t) => u32(t * 1000 + 17)), times), 'REPLY_X1', 4);
  assert.notEqual(small.pattern.kind, 'timestamp');
});

test('flags: bits that vary independently; values whose bits go together are an enum', async () => {
  const shuffled = [0, 5, 1, 4, 4, 0, 5, 1].map((n) => Buffer.of(n));
  const bits = await word(replies(shuffled), 'REPLY_X1', 1);
  assert.deepEqual([bits.pattern.kind, bits.pattern.detail], ['flags', 'bits 0x1, 0x4 vary independently (read little-endian)']);
  const together = await word(replies([0, 5, 0, 5, 5, 0, 1, 1].map((n) => Buffer.of(n))), 'REPLY_X1', 1);
  assert.deepEqual([together.pattern.kind, together.pattern.detail], ['enum', '3 values: 00 (3), 05 (3), 01 (2)']);
});

test('string: a LENGTH-prefixed text ending in NUL; a count before other bytes is none', async () => {
  const text = (t: string) => Buffer.concat([u16(t.length + 1), Buffer.from(t), Buffer.of(0)]);
  const strings = await word(replies(['hello', 'a', 'another text', 'bob'].map(text)), 'REPLY_X1', 2);
  assert.deepEqual([strings.pattern.kind, strings.pattern.detail, strings.pattern.support], ['string', 'LENGTH (u16le, counting the NUL) then text, e.g. "hello"', 4]);
  const counted = await word(replies([3, 1, 4, 2].map((n) => Buffer.concat([u16(n), Buffer.alloc(8, 0xff)]))), 'REPLY_X1', 2);
  assert.notEqual(counted.pattern.kind, 'string');
});

test('random: high entropy that never repeats; a few repeated values are not random', async () => {
  const next = prng(7);
  const noise = Array.from({ length: 20 }, () => u32(Math.floor(next() * 2 ** 32)));
  const random = await word(replies(noise, noise.map((_, i) => i * 1000)), 'REPLY_X1', 4);
  assert.deepEqual([random.pattern.kind, random.pattern.support, random.pattern.against], ['random', 20, 0]);
  const repeats = await word(replies([...noise.slice(0, 10), ...noise.slice(0, 10)], noise.map((_, i) => i * 1000)), 'REPLY_X1', 4);
  assert.notEqual(repeats.pattern.kind, 'random');
});

test('insufficient: two samples are never a pattern', async () => {
  const two = await word(replies([u16(1), u16(2)]), 'REPLY_X1', 2);
  assert.deepEqual([two.pattern.kind, two.pattern.detail], ['insufficient', '2 samples']);
});
