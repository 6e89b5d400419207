import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Field } from '../src/dissect/pdu.js';
import { findTable } from '../src/protocol/registry.js';
import { mapCapture } from '../scripts/fuzz/capture-map.js';
import { coverageBreach } from '../scripts/fuzz/coverage.js';
import { fuzz, mutantOf, summaryText } from '../scripts/fuzz/harness.js';
import { icqTargets } from '../scripts/fuzz/icq-fields.js';
import { loadSeeds } from '../scripts/fuzz/seeds.js';
import { dissect, hex } from './support/payload.js';

/**
 * CI's share of `npm run fuzz`: a short seeded run that must find nothing, and the parts it stands on:
 * the map of a capture's layers, mutants that are the same for a seed and reach every layer, and the
 * coverage rule that catches a PDU whose fields do not cover its bytes exactly once.
 */

const seeds = await loadSeeds();

test('fuzz: 300 seeded mutants through every output format find nothing', async () => {
  const summary = await fuzz(seeds, { iterations: 300, seed: 20261201 });
  assert.equal(summary.iterations, 300);
  assert.deepEqual(summary.groups, [], summaryText(summary));
});

test('fuzz: a mutant is the same for the same seed and iteration, and the mutants reach every layer', () => {
  const layers = new Set<string>();
  for (let iteration = 0; iteration < 400; iteration++) {
    const mutant = mutantOf(seeds, 5, iteration);
    assert.deepEqual(mutantOf(seeds, 5, iteration).bytes, mutant.bytes);
    for (const step of mutant.steps.slice(1)) layers.add(/^([a-z-]+):/.exec(step)?.[1] ?? step.replace(/\d+/g, 'N'));
  }
  for (const layer of ['file-header', 'record-length', 'link', 'ip', 'transport', 'icq', 'piece N dropped', 'piece N repeated', 'pieces N and N swapped', 'gzipped', 'file cut at N']) {
    assert.ok(layers.has(layer), `no mutant changed ${layer}: ${[...layers].join(', ')}`);
  }
  assert.notDeepEqual(mutantOf(seeds, 5, 0).bytes, mutantOf(seeds, 6, 0).bytes);
});

test('fuzz: the capture map finds each frame and its layers, and the ICQ fields by kind', async () => {
  const bytes = readFileSync(new URL('../samples/session.pcap', import.meta.url));
  const map = mapCapture(bytes);
  assert.equal(map.records.length, 95); // tshark -r samples/session.pcap | wc -l
  const first = map.records[0]!;
  assert.equal(bytes[first.ip!.at]! >> 4, 4);
  assert.equal(first.transport!.protocol, 17);
  assert.equal(bytes.readUInt16BE(first.transport!.at + 2), 4000);
  assert.equal(bytes.readUInt16LE(first.payload!.at), 2); // VERSION
  const tcp = map.records.find((r) => r.transport?.protocol === 6)!;
  assert.equal(tcp.transport!.length, 20);
  assert.equal(tcp.transport!.seq, bytes.readUInt32BE(tcp.transport!.at + 4));
  const targets = await icqTargets(bytes, map);
  const commands = targets.filter((t) => t.kind === 'command' && t.name === 'COMMAND');
  assert.equal(findTable('client-to-server', bytes.readUInt16LE(commands[0]!.at))?.name, 'LOGIN');
  const password = targets.find((t) => t.name === 'PASSWORD')!;
  assert.equal(password.kind, 'string');
  assert.equal(bytes.subarray(password.at, password.at + password.length).toString('latin1').replace(/\0$/, '').length, password.length - 1);
  assert.ok(targets.some((t) => t.kind === 'count' && t.name === 'NUM_CONTACTS'));
  assert.ok(targets.some((t) => t.kind === 'length' && t.name === 'LENGTH'));
  // A peer message's fields through its TCP segments: MSG_COMMAND of the first CHANNEL_MESSAGE is 0x07ee.
  const message = targets.find((t) => t.name === 'MSG_COMMAND')!;
  assert.equal(message.kind, 'command');
  assert.equal(bytes.readUInt16LE(message.at), 0x07ee);
});

test('fuzz: every ICQ field of every seed is placed on its own bytes in the file (TCP segments and IP fragments too)', () => {
  for (const seed of seeds) {
    assert.ok(seed.icq.length > 50, `${seed.name}: ${seed.icq.length} fields`);
    for (const target of seed.icq) assert.equal(seed.bytes.subarray(target.at, target.at + target.length).toString('hex'), target.hex, `${seed.name} frame ${target.record + 1} ${target.name}`);
  }
  assert.ok(seeds.some((seed) => seed.map.records.some((r) => r.datagram && r.datagram.offset > 0)), 'a seed has IP fragments');
});

test('fuzz: the coverage rule holds for a dissected PDU and names each kind of breach', () => {
  const d = dissect(hex('0200 0604 0300 e9030000 02 ea030000 eb030000'));
  assert.equal(coverageBreach(d.pdu.fields, d.pdu.length), undefined);
  const leaf = (name: string, offset: number, bytes: string): Field => ({ name, offset, length: bytes.length / 2, hex: bytes, display: '', description: '' });
  assert.equal(coverageBreach([leaf('A', 0, '0102'), leaf('B', 1, '0203')], 3), 'byte 1 is in 2 leaf fields');
  assert.equal(coverageBreach([leaf('A', 0, '01'), leaf('B', 2, '03')], 3), 'byte 1 is in 0 leaf fields');
  assert.equal(coverageBreach([leaf('A', 0, '01'), leaf('B', 1, '0203')], 2), "B [1, +2) lies outside the PDU's 2 bytes");
  assert.equal(coverageBreach([{ ...leaf('G', 0, '0102'), fields: [leaf('A', 0, '01'), leaf('B', 1, '09')] }], 2), "G's parts are not its bytes");
  assert.equal(coverageBreach([{ ...leaf('A', 0, '0102'), length: 3 }], 3), 'A has 2 hex bytes for length 3');
});
