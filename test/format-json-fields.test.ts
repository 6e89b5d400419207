import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DissectedPdu } from '../src/dissect/pdu.js';
import { defaultFieldsSettings, fieldsPrinter, type FieldsOptions } from '../src/format/fields-printer.js';
import { TimeColumn } from '../src/format/time-column.js';
import { jsonPrinter, ndjsonPrinter } from '../src/format/json-printer.js';
import type { Printer } from '../src/format/printer.js';
import { login, message, serverAck, udpPdu } from './format-fixtures.js';
import { summaryOf } from '../src/cli/filter-schema.js';
import { BUILTIN_REGISTRY } from '../src/protocol/registry.js';

const summaryFor = summaryOf(BUILTIN_REGISTRY);

function print(printer: Printer, pdus: DissectedPdu[]): string {
  return (printer.begin?.() ?? '') + pdus.map((d) => printer.pdu(d, [])).join('') + printer.end();
}

test('-T json streams one pretty array that parses back to the PDU objects, the Info column last', () => {
  const pdus = [serverAck({ frame: 2 }, 1), message({ frame: 3 }, 'tab\there \x1b')];
  const out = print(jsonPrinter(summaryFor), pdus);
  const infos = ['ack seq 1', 'to 1001 (message): tab\\there \\x1b'];
  assert.deepEqual(JSON.parse(out), JSON.parse(JSON.stringify(pdus.map((d, i) => ({ ...d.pdu, info: infos[i] })))));
  assert.equal(out.slice(0, 20), '[\n  {\n    "frame": 2');
  assert.equal(out.slice(-6), '  }\n]\n');
  assert.match(out, /"value": "tab\\there \\u001b"/);
});

test('-T json with nothing to show is an empty array', () => {
  assert.equal(print(jsonPrinter(summaryFor), []), '[]\n');
});

test('-T ndjson: one compact object per line', () => {
  const out = print(ndjsonPrinter(summaryFor), [serverAck({ frame: 2 }, 1), serverAck({ frame: 5 }, 2)]);
  const lines = out.split('\n');
  assert.equal(lines.length, 3);
  assert.equal(lines[2], '');
  assert.deepEqual(lines.slice(0, 2).map((line) => JSON.parse(line).frame), [2, 5]);
  assert.equal(lines[0]?.slice(0, 126), '{"frame":2,"frames":[2],"time":{"absolute":"2026-01-02T03:04:05.000000Z","epoch":1767323045,"relative":0,"delta":0},"transport');
});

const fields = (options: Partial<FieldsOptions>): Printer =>
  fieldsPrinter({ ...defaultFieldsSettings(options.csv ?? false), names: ['frame', 'command', 'uin', 'MESSAGE'], csv: false, clock: new TimeColumn('r'), summaryFor, ...options });

test('-T fields: tab-separated, absent fields empty, wire text escaped', () => {
  assert.equal(print(fields({}), [login({ frame: 1 }), message({ frame: 3 }, 'a\tb\nc')]), '1\tLOGIN\t22222\t\n3\tSEND_MESSAGE\t22222\ta\\tb\\nc\n');
});

test('-T fields -E header=y -E separator=, and a repeated field joined by commas', () => {
  const contacts = udpPdu('client-to-server', 'CONTACT_LIST', { SEQ_NUM: 3, UIN: 22222, CONTACTS: [{ CONTACT_UIN: 1001 }, { CONTACT_UIN: 1002 }] }, { frame: 7 });
  assert.equal(print(fields({ names: ['frame', 'UIN', 'CONTACT_UIN'], separator: ';', header: true }), [contacts]), 'frame;UIN;CONTACT_UIN\n7;22222;1001,1002\n');
});

test('-T csv: header line, quoting of separators, quotes and edge spaces; control characters escaped as -T fields escapes them', () => {
  const printer = fields({ names: ['frame', 'time', 'MESSAGE'], csv: true, clock: new TimeColumn('ud') });
  assert.equal(
    print(printer, [message({ frame: 3, nanos: 1000 }, 'say "hi", ok\n'), message({ frame: 4 }, ' padded'), message({ frame: 5 }, '\x1b[2J\x07bell\\')]),
    'frame,time,MESSAGE\n3,2026-01-02 03:04:05.000001,"say ""hi"", ok\\n"\n4,2026-01-02 03:04:05.000000," padded"\n5,2026-01-02 03:04:05.000000,\\x1b[2J\\x07bell\\\\\n',
  );
});
