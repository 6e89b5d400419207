import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dissectCapture } from '../src/dissect/dissect-capture.js';
import type { DissectedPdu, Field } from '../src/dissect/pdu.js';
import { encodePdu } from '../src/protocol/encode.js';
import { LayoutError, layoutsDocument, loadLayouts } from '../src/protocol/layout-file.js';
import type { FieldSpec } from '../src/protocol/types.js';
import { BUILTIN_REGISTRY, findTableByName, type CommandRegistry } from '../src/protocol/registry.js';
import { NET_ICQ_CLIENT, clientCapture, udpCapture } from './support/client-captures.js';

/**
 * --layouts (issue 11): layouts loaded on top of the built-in tables, tried first. Captures of bodies no
 * table describes are written through the encoder (a Buffer for UNDESCRIBED is written verbatim).
 */

const run = promisify(execFile);
const CLI = ['--import', 'tsx', 'src/cli/run.ts'];
const CLIENT = { ip: '198.51.100.10', port: 1026 };

const u16 = (n: number) => Buffer.from([n & 0xff, n >> 8]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const lstring = (text: string) => Buffer.concat([u16(text.length + 1), Buffer.from(`${text}\0`, 'latin1')]);

/** REPLY_X1's body as the hypothesis says: a count, that many (UIN, nick), 4 flag bytes. */
const USER_LIST = Buffer.concat([u16(2), u32(1002), lstring('bob'), u32(1003), lstring('carol'), Buffer.from('deadbeef', 'hex')]);

const HYPOTHESIS = {
  layouts: [
    {
      direction: 'server-to-client',
      command: 'REPLY_X1',
      name: 'user list',
      source: 'hypothesis of 2026-12-01',
      fields: [
        { name: 'COUNT', type: 'u16', description: 'How many users follow' },
        {
          name: 'USERS',
          type: {
            kind: 'repeat',
            count: 'COUNT',
            fields: [
              { name: 'USER_UIN', type: 'u32', description: 'A UIN' },
              { name: 'USER_NICK', type: 'lstring', description: 'Its nick' },
            ],
          },
        },
        { name: 'FLAGS', type: { kind: 'bytes', length: 4 }, description: 'Four bytes', expected: 'de ad be ef' },
      ],
    },
    { direction: 'server-to-client', command: '0x0999', commandName: 'MY_NEW', name: 'one number', fields: [{ name: 'VALUE', type: 'u32' }] },
    { direction: 'server-to-client', command: 0x0998, fields: [{ name: 'OTHER_VALUE', type: 'u16', order: 'be' }] },
  ],
};

function captureBytes(): Buffer {
  const x1 = findTableByName('server-to-client', 'REPLY_X1')!;
  const login = findTableByName('client-to-server', 'LOGIN')!;
  return udpCapture(CLIENT, [
    { fromClient: true, bytes: encodePdu(login, { SEQ_NUM: 1, UIN: 1001, PORT: 2001, PASSWORD: 'secret', LOGIN_SEQ_NUM: 1 }) },
    { fromClient: false, bytes: encodePdu(x1, { SEQ_NUM: 1, UNDESCRIBED: USER_LIST }) },
    // Does not fit the hypothesis: COUNT 0x0201 users in 3 bytes.
    { fromClient: false, bytes: encodePdu(x1, { SEQ_NUM: 2, UNDESCRIBED: Buffer.from('010203', 'hex') }) },
    { fromClient: false, bytes: Buffer.concat([u16(2), u16(0x0999), u16(3), u32(7)]) },
    { fromClient: false, bytes: Buffer.concat([u16(2), u16(0x0998), u16(4), Buffer.from('0102', 'hex')]) },
  ]);
}

let dir = '';
let capture = '';
let layoutsFile = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icq2-layouts-'));
  capture = join(dir, 'x1.pcap');
  layoutsFile = join(dir, 'layouts.json');
  await writeFile(capture, captureBytes());
  await writeFile(layoutsFile, JSON.stringify(HYPOTHESIS, null, 2));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function dissect(path: string, registry?: CommandRegistry): Promise<DissectedPdu[]> {
  const out: DissectedPdu[] = [];
  for await (const d of dissectCapture(path, registry ? { registry } : {})) out.push(d);
  return out;
}

const flat = (fields: readonly Field[]): Field[] => fields.flatMap((f) => [f, ...flat(f.fields ?? [])]);
const named = (d: DissectedPdu, name: string) => flat(d.pdu.fields).filter((f) => f.name === name);

test('a loaded layout reads an undescribed body: named fields, right values, nothing unknown, layout and note', async () => {
  const registry = loadLayouts(HYPOTHESIS, { origin: 'layouts.json' });
  const x1 = (await dissect(capture, registry))[1]!;
  assert.equal(x1.pdu.command?.name, 'REPLY_X1');
  assert.equal(x1.pdu.layout, 'user list');
  assert.deepEqual(x1.pdu.fields.map((f) => f.name), ['VERSION', 'COMMAND', 'SEQ_NUM', 'COUNT', 'USERS', 'FLAGS']);
  assert.deepEqual(flat(x1.pdu.fields).filter((f) => f.unknown || f.name === 'UNDESCRIBED' || f.name === 'TRAILING'), []);
  assert.equal(named(x1, 'COUNT')[0]!.value, 2);
  assert.deepEqual(named(x1, 'USER_UIN').map((f) => f.value), [1002, 1003]);
  assert.deepEqual(named(x1, 'USER_NICK').map((f) => f.value), ['bob', 'carol']);
  assert.deepEqual([named(x1, 'FLAGS')[0]!.hex, named(x1, 'FLAGS')[0]!.expected, named(x1, 'FLAGS')[0]!.offset], ['deadbeef', 'deadbeef', 30]);
  assert.equal(named(x1, 'USER_UIN')[0]!.description, 'A UIN');
  // The fields cover the PDU exactly once.
  const top = x1.pdu.fields;
  assert.equal(top.at(-1)!.offset + top.at(-1)!.length, x1.pdu.length);
  assert.deepEqual(
    x1.pdu.notes.map((n) => n.message),
    ['layout variant used: user list (hypothesis of 2026-12-01)'],
  );
});

test('the same capture without the layouts (and in the same process) shows UNDESCRIBED as before', async () => {
  const registry = loadLayouts(HYPOTHESIS);
  const [withLayouts, without, builtin] = await Promise.all([dissect(capture, registry), dissect(capture), dissect(capture, BUILTIN_REGISTRY)]);
  assert.deepEqual(without.map((d) => d.pdu), builtin.map((d) => d.pdu));
  const x1 = without[1]!;
  assert.equal(x1.pdu.layout, undefined);
  assert.deepEqual(x1.pdu.fields.map((f) => f.name), ['VERSION', 'COMMAND', 'SEQ_NUM', 'UNDESCRIBED']);
  assert.equal(x1.pdu.fields[3]!.unknown, true);
  assert.equal(withLayouts[1]!.pdu.layout, 'user list');
  // A code no table knows is unknown without the file.
  assert.equal(without[3]!.pdu.command?.name, null);
  assert.match(without[3]!.pdu.notes[0]!.message, /^unknown command 0x0999/);
});

test('a body the layout does not fit falls back to the built-in layout, with a note why', async () => {
  const x1 = (await dissect(capture, loadLayouts(HYPOTHESIS)))[2]!;
  assert.equal(x1.pdu.layout, 'document');
  assert.deepEqual(x1.pdu.fields.map((f) => [f.name, f.hex]), [['VERSION', '0200'], ['COMMAND', '1c02'], ['SEQ_NUM', '0200'], ['UNDESCRIBED', '010203']]);
  assert.deepEqual(
    x1.pdu.notes.filter((n) => n.severity !== 'warning').map((n) => n.message),
    ['loaded layout user list does not fit: packet too short: USER_UIN needs 4 bytes, 1 left'],
  );
  assert.ok(!x1.pdu.notes.some((n) => n.severity === 'error'));
});

test('a code no table knows gets a table: named by commandName, else USER_0x....', async () => {
  const pdus = await dissect(capture, loadLayouts(HYPOTHESIS));
  const mine = pdus[3]!;
  assert.deepEqual(mine.pdu.command, { code: 0x0999, name: 'MY_NEW', source: 'layouts file' });
  assert.equal(mine.pdu.layout, 'one number');
  assert.equal(named(mine, 'VALUE')[0]!.value, 7);
  assert.deepEqual(mine.pdu.notes.map((n) => n.severity), ['note']);
  const other = pdus[4]!;
  assert.equal(other.pdu.command?.name, 'USER_0x0998');
  // Named by its place in the file; big-endian as it says.
  assert.equal(other.pdu.layout, 'layouts[2]');
  assert.equal(named(other, 'OTHER_VALUE')[0]!.value, 0x0102);
});

test('a loaded layout for a command with several layouts is tried first; the built-in ones stay the fallback', () => {
  const registry = loadLayouts([{ direction: 'client-to-server', command: 'CONTACT_LIST', name: 'mine', fields: [{ name: 'ALL', type: 'rest' }] }]);
  const layouts = registry.findTable('client-to-server', 0x0406)!.layouts.map((l) => l.name);
  const builtin = BUILTIN_REGISTRY.findTable('client-to-server', 0x0406)!.layouts.map((l) => l.name);
  assert.deepEqual(layouts, ['mine', ...builtin]);
  // The built-in registry is not touched.
  assert.equal(BUILTIN_REGISTRY.findTable('client-to-server', 0x0406)!.layouts.length, builtin.length);
});

test("a client variant's session reads a loaded layout in the variant's byte orders for the document's names", async () => {
  const capturePath = join(dir, 'net-icq.pcap');
  const steps = [
    { fromClient: true, command: 'LOGIN', values: { SEQ_NUM: 0x0101, UIN: 11111, PORT: 50300, PASSWORD: 'secret', LOGIN_SEQ_NUM: 1 } },
    { fromClient: true, command: 'KEEP_ALIVE', values: { SEQ_NUM: 0x0102, UIN: 11111 } },
    { fromClient: true, command: 'SEND_MESSAGE', values: { SEQ_NUM: 0x0103, UIN: 11111, RECEIVER_UIN: 22222, MESSAGE_TYPE: 1, MESSAGE: 'hi' } },
  ];
  await writeFile(capturePath, clientCapture(NET_ICQ_CLIENT, steps, 'Net::ICQ 0.08'));
  // The document's names and types, no `order`: the variant's byte orders apply.
  const fields = [
    ['RECEIVER_UIN', 'u32'],
    ['MESSAGE_TYPE', 'u16'],
    ['MESSAGE', 'lstring'],
  ].map(([name, type]) => ({ name, type }));
  const registry = loadLayouts([{ direction: 'client-to-server', command: 'SEND_MESSAGE', name: 'plain message', fields }]);
  const message = (await dissect(capturePath, registry)).find((d) => d.pdu.command?.name === 'SEND_MESSAGE')!;
  assert.equal(message.pdu.variant, 'Net::ICQ 0.08');
  assert.equal(message.pdu.layout, 'plain message');
  assert.deepEqual([named(message, 'RECEIVER_UIN')[0]!.value, named(message, 'MESSAGE')[0]!.value], [22222, 'hi']);
});

test('loadLayouts: every problem is a LayoutError naming its place', () => {
  const entry = (fields: unknown[], extra: object = {}) => ({ layouts: [{ direction: 'server-to-client', command: 'REPLY_X1', fields, ...extra }] });
  const cases: [unknown, string][] = [
    [entry([{ name: 'A', type: 'u8' }, { name: 'B', type: 'u8' }, { name: 'C', type: 'u24' }]), 'layouts[0].fields[2].type: unknown wire type "u24" (u8, u16, u32, i32, ipv4, lstring, rest, or {kind: bytes|repeat|group})'],
    [{ layouts: [{ direction: 'server-to-client', command: 540, fields: [] }, { direction: 'up', command: 1, fields: [] }] }, 'layouts[1].direction: must be client-to-server, server-to-client or peer-to-peer'],
    [{ layouts: [{ direction: 'server-to-client', command: 'FOO', fields: [] }] }, 'layouts[0].command: unknown command "FOO" in server-to-client (give a code)'],
    [entry([{ name: 'ITEMS', type: { kind: 'repeat', count: 'N', fields: [] } }]), 'layouts[0].fields[0].type.count: "N" names no earlier field (earlier: none)'],
    [entry([{ name: 'S', type: 'lstring' }, { name: 'ITEMS', type: { kind: 'repeat', count: 'S', fields: [] } }]), 'layouts[0].fields[1].type.count: "S" is not an integer field (earlier: S)'],
    [entry([{ name: 'A', type: 'u8' }, { name: 'A', type: 'u16' }]), 'layouts[0].fields[1].name: duplicate field name "A" (also layouts[0].fields[0])'],
    [entry([{ name: 'SEQ_NUM', type: 'u16' }]), 'layouts[0].fields[0].name: duplicate field name "SEQ_NUM" (also a header field)'],
    [entry([{ name: 'R', type: 'rest' }, { name: 'A', type: 'u8' }]), 'layouts[0].fields[0].type: rest takes every byte left: it must be the last field of the layout'],
    [entry([{ name: 'A', type: 'u16', expected: '01' }]), 'layouts[0].fields[0].expected: 1 bytes, the field has 2'],
    [entry([{ name: 'A', type: { kind: 'bytes', length: 0 } }]), 'layouts[0].fields[0].type.length: must be a whole number of bytes, at least 1'],
    [entry([{ name: 'A', type: 'u8', colour: 'red' }]), 'layouts[0].fields[0].colour: unknown key (expected name, type, description, unknown, expected, order, meaning, optional)'],
    [entry([], { commandName: 'OTHER' }), 'layouts[0].commandName: 0x021c in server-to-client is REPLY_X1 already'],
    [{ layouts: [{ direction: 'server-to-client', command: '0x10000', fields: [] }] }, 'layouts[0].command: "0x10000" is not a code 0-65535 (0x0000-0xffff)'],
    ['nothing', '(top level): must be {"layouts": [...]} or an array of layouts'],
  ];
  for (const [document, message] of cases) {
    assert.throws(() => loadLayouts(document), (error: unknown) => error instanceof LayoutError && error.message === message, message);
  }
});

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...CLI, ...args], { maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

test('--layouts: a bad file is one line on stderr naming the file and the place, exit 1, for the main command and flows', async () => {
  const files: [string, string, string][] = [
    ['type.json', JSON.stringify({ layouts: [{ direction: 'server-to-client', command: 540, fields: [{ name: 'A', type: 'u8' }, { name: 'B', type: 'u8' }, { name: 'C', type: 'u24' }] }] }), 'layouts[0].fields[2].type: unknown wire type "u24" (u8, u16, u32, i32, ipv4, lstring, rest, or {kind: bytes|repeat|group})'],
    ['direction.json', JSON.stringify([{ direction: 'server-to-client', command: 540, fields: [] }, { direction: 'sideways', command: 540, fields: [] }]), 'layouts[1].direction: must be client-to-server, server-to-client or peer-to-peer'],
    ['command.json', JSON.stringify({ layouts: [{ direction: 'server-to-client', command: 'FOO', fields: [] }] }), 'layouts[0].command: unknown command "FOO" in server-to-client (give a code)'],
    ['count.json', JSON.stringify({ layouts: [{ direction: 'server-to-client', command: 540, fields: [{ name: 'L', type: { kind: 'repeat', count: 'NUM', fields: [] } }] }] }), 'layouts[0].fields[0].type.count: "NUM" names no earlier field (earlier: none)'],
    ['duplicate.json', JSON.stringify({ layouts: [{ direction: 'server-to-client', command: 540, fields: [{ name: 'A', type: 'u8' }, { name: 'A', type: 'u8' }] }] }), 'layouts[0].fields[1].name: duplicate field name "A" (also layouts[0].fields[0])'],
    ['syntax.json', '{\n  "layouts": [\n    { "direction": "server-to-client", }\n  ]\n}\n', 'JSON syntax error at line 3, column 40: unexpected "}"'],
    ['short.json', '{"layouts": [', 'JSON syntax error at line 1, column 14: the file ends too early'],
  ];
  await Promise.all(files.map(([name, text]) => writeFile(join(dir, name), text)));
  const missing = join(dir, 'missing.json');
  const expectations: [string[], string][] = [
    ...files.map(([name, , message]): [string[], string] => [['--layouts', join(dir, name), capture], `${join(dir, name)}: ${message}`]),
    [['--layouts', missing, capture], `${missing}: no such file`],
    [['--layouts', dir, capture], `${dir}: is a directory`],
    [['flows', '--layouts', join(dir, 'type.json'), capture], `${join(dir, 'type.json')}: ${files[0]![2]}`],
  ];
  const results = await Promise.all(expectations.map(([args]) => cli(args)));
  results.forEach((result, i) => assert.deepEqual(result, { code: 1, stdout: '', stderr: `icq2-dissect: ${expectations[i]![1]}\n` }));
});

test('--layouts: -Y and -e accept the loaded names (and not without the file); flows reads with the layouts', async () => {
  const [fields, without, flows] = await Promise.all([
    cli(['--layouts', layoutsFile, '-Y', 'USER_NICK == "carol" || VALUE == 7', '-T', 'fields', '-e', 'frame', '-e', 'command', '-e', 'layout', '-e', 'USER_UIN', '-e', 'VALUE', capture]),
    cli(['-Y', 'USER_NICK == "carol"', capture]),
    cli(['flows', '-T', 'json', '--layouts', layoutsFile, capture]),
  ]);
  assert.deepEqual(fields, { code: 0, stdout: '2\tREPLY_X1\tuser list\t1002,1003\t\n4\tMY_NEW\tone number\t\t7\n', stderr: '' });
  assert.equal(without.code, 1);
  assert.match(without.stderr, /^icq2-dissect: filter: .*USER_NICK/);
  assert.equal(flows.code, 0);
  assert.equal(JSON.parse(flows.stdout).length, 1);
});

test('layoutsDocument writes what loadLayouts reads back: the same fields', () => {
  const contactList = BUILTIN_REGISTRY.findTableByName('client-to-server', 'CONTACT_LIST')!;
  const raw: FieldSpec = { name: 'A', type: { kind: 'bytes', length: 2 }, description: 'two', unknown: true, expected: '0100' };
  const document = layoutsDocument([
    { direction: 'client-to-server', command: 'CONTACT_LIST', name: 'again', source: 'a round trip', fields: contactList.layouts[0]!.fields },
    { direction: 'server-to-client', command: '0x0999', commandName: 'MY_NEW', name: 'new', source: 'a round trip', fields: [raw] },
  ]);
  const registry = loadLayouts(JSON.parse(JSON.stringify(document)));
  // What a layouts file cannot say: checks, parts and (in the contacts) the document's name.
  const strip = (specs: readonly FieldSpec[]): unknown[] =>
    specs.map(({ checks: _c, parts: _p, documentName: _d, type, ...rest }) => ({ ...rest, type: type.kind === 'repeat' ? { ...type, fields: strip(type.fields) } : type }));
  assert.deepEqual(strip(registry.findTable('client-to-server', contactList.code)!.layouts[0]!.fields), strip(contactList.layouts[0]!.fields));
  assert.equal(registry.findTable('server-to-client', 0x0999)!.name, 'MY_NEW');
  assert.deepEqual(registry.findTable('server-to-client', 0x0999)!.layouts[0]!.fields, [raw]);
});
