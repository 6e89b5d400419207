import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pdu } from '../src/dissect/pdu.js';
import { cli } from './support/cli.js';
import { clientCapture, type ScriptStep } from './support/client-captures.js';

/** unknowns --propose: a layout for an undescribed body, fed back with --layouts, reads its PDUs with no unknown bytes left. */

const CLIENT = { ip: '10.0.0.2', port: 1024 };

/** REPLY_X1 bodies: a u16 counter, a u16 constant 05 00, a u32 timestamp near the capture time. */
function bodies(): ScriptStep[] {
  return Array.from({ length: 8 }, (_, i) => {
    const body = Buffer.alloc(8);
    body.writeUInt16LE(i + 1, 0);
    body.writeUInt16LE(5, 2);
    body.writeUInt32LE(900_000_000 + i * 7, 4);
    return { fromClient: false, command: 'REPLY_X1', values: { SEQ_NUM: i, UNDESCRIBED: body } };
  });
}

test('the proposal segments the body by its findings and reads every PDU exactly when fed back', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'propose-'));
  try {
    const capture = join(dir, 'bodies.pcap');
    await writeFile(capture, clientCapture(CLIENT, bodies()));
    const proposed = await cli(['unknowns', '--propose', capture]);
    assert.equal(proposed.code, 0, proposed.stderr);
    const document = JSON.parse(proposed.stdout) as { layouts: { direction: string; command: string; fields: { name: string; type: string; description: string; expected?: string }[] }[] };
    assert.equal(document.layouts.length, 1);
    const [layout] = document.layouts;
    assert.deepEqual([layout!.direction, layout!.command], ['server-to-client', 'REPLY_X1']);
    assert.deepEqual(
      layout!.fields.map((f) => [f.name, f.type, f.description.replace(/:.*/, ''), f.expected]),
      [
        ['FIELD_0', 'u16', 'Proposed', undefined],
        ['FIELD_2', 'u16', 'Proposed', '0500'],
        ['FIELD_4', 'u32', 'Proposed', undefined],
      ],
    );
    assert.match(layout!.fields[0]!.description, /counter: \+1 per step/);
    assert.match(layout!.fields[2]!.description, /timestamp: seconds since 1970/);
    const file = join(dir, 'proposal.json');
    await writeFile(file, proposed.stdout);
    const read = await cli(['--layouts', file, '-T', 'json', capture]);
    assert.equal(read.code, 0, read.stderr);
    const pdus = JSON.parse(read.stdout) as Pdu[];
    assert.equal(pdus.length, 8);
    for (const pdu of pdus) {
      assert.equal(pdu.layout, 'proposal');
      assert.deepEqual(pdu.fields.filter((f) => f.unknown).map((f) => f.name), [], `frame ${pdu.frame}`);
      assert.deepEqual(pdu.notes.filter((n) => n.severity === 'error'), []);
    }
    assert.deepEqual(pdus.map((p) => p.fields.find((f) => f.name === 'FIELD_0')!.value), [1, 2, 3, 4, 5, 6, 7, 8]);
    const noted = await cli(['unknowns', '--layouts', file, capture]);
    assert.match(noted.stderr, /note: layout "proposal" \(server-to-client REPLY_X1\) reads 8 of 8 PDUs of its command exactly/);
    assert.ok((await readFile(file, 'utf8')).length > 0);
  } finally {
    await rm(dir, { recursive: true });
  }
});
