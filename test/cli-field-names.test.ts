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

/** Each name bare and, when the PDU's command has a name, qualified by it (`LOGIN.X1`). */
function names(fields: readonly Field[], into: Set<string>, command?: string | null): Set<string> {
  for (const field of fields) {
    into.add(field.name);
    if (command) into.add(`${command}.${field.name}`);
    if (field.fields) names(field.fields, into, command);
  }
  return into;
}

test('every field name in the mICQ capture and the samples is accepted, bare and qualified by its command', async () => {
  const seen = new Set<string>();
  for (const file of ['test/data/micq-0.2.5-session.pcap', 'samples/session.pcap']) {
    for await (const d of dissectCapture(file)) names(d.pdu.fields, seen, d.pdu.command?.name);
  }
  assert.ok(seen.has('MESSAGE') && seen.has('CONTACTS') && seen.has('CONTACT_LIST.UIN') && seen.has('CHANNEL_MESSAGE.TRAILER'));
  assert.deepEqual([...seen].filter((name) => !isKnownFieldName(name)), []);
});

test('every field name of every UDP table and layout, encoded with defaults, is accepted, bare and qualified', () => {
  const seen = new Set<string>();
  for (const table of ALL_COMMANDS) {
    if (table.direction === 'peer-to-peer') continue;
    for (const layout of table.layouts) {
      const d = dissectBytes(encodePdu(table, {}, { layout: layout.name }), table.direction, { frame: 1 });
      names(d.pdu.fields, seen, table.name);
      for (const alias of table.aliases ?? []) names(d.pdu.fields, seen, alias.name);
    }
  }
  assert.deepEqual([...seen].filter((name) => !isKnownFieldName(name)), []);
});

test('top-level keys and group items are known, typos are not', () => {
  assert.deepEqual(TOP_LEVEL_NAMES.filter((name) => !isKnownFieldName(name)), []);
  assert.deepEqual(['CONTACTS[3]', 'X4', 'NICK_NAME', 'MESAGE', 'uin2', 'Frame'].map(isKnownFieldName), [true, true, true, false, false, false]);
});
