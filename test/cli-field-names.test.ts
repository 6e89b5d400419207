import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Field } from '../src/dissect/pdu.js';
import { dissectCapture } from '../src/dissect/dissect-capture.js';
import { isKnownFieldName } from '../src/cli/field-names.js';
import { TOP_LEVEL_NAMES } from '../src/analysis/filter-values.js';
import { ALL_COMMANDS } from '../src/protocol/registry.js';
import { encodePdu } from '../src/protocol/encode.js';
import { dissectBytes } from './format-fixtures.js';

/** -Y and -e reject unknown names; every name the dissector really emits must therefore be known. */

function names(fields: readonly Field[], into: Set<string>): Set<string> {
  for (const field of fields) {
    into.add(field.name);
    if (field.fields) names(field.fields, into);
  }
  return into;
}

test('every field name in the mICQ capture and the samples is accepted', async () => {
  const seen = new Set<string>();
  for (const file of ['test/data/micq-0.2.5-session.pcap', 'samples/session.pcap']) {
    for await (const d of dissectCapture(file)) names(d.pdu.fields, seen);
  }
  assert.ok(seen.has('MESSAGE') && seen.has('CONTACTS'));
  assert.deepEqual([...seen].filter((name) => !isKnownFieldName(name)), []);
});

test('every field name of every UDP table and layout, encoded with defaults, is accepted', () => {
  const seen = new Set<string>();
  for (const table of ALL_COMMANDS) {
    if (table.direction === 'peer-to-peer') continue;
    for (const layout of table.layouts) {
      const d = dissectBytes(encodePdu(table, {}, { layout: layout.name }), table.direction, { frame: 1 });
      names(d.pdu.fields, seen);
    }
  }
  assert.deepEqual([...seen].filter((name) => !isKnownFieldName(name)), []);
});

test('top-level keys and group items are known, typos are not', () => {
  assert.deepEqual(TOP_LEVEL_NAMES.filter((name) => !isKnownFieldName(name)), []);
  assert.deepEqual(['CONTACTS[3]', 'X4', 'NICK_NAME', 'MESAGE', 'uin2', 'Frame'].map(isKnownFieldName), [true, true, true, false, false, false]);
});
