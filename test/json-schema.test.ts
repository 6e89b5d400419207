import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Pdu } from '../src/dissect/pdu.js';
import { cli } from './support/cli.js';
import { udpCapture } from './support/client-captures.js';
import { encoded } from './format-fixtures.js';

/**
 * docs/pdu.schema.json, the published contract of -T json and -T ndjson: every sample's output validates
 * against it, every key it declares is described, and the one rule for absent versus null holds: null
 * only where the key applies but the bytes could not give a value, with a note saying why.
 */

const SCHEMA = JSON.parse(await readFile('docs/pdu.schema.json', 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(SCHEMA);

const SAMPLES = [...(await readdir('samples')).map((f) => `samples/${f}`), ...(await readdir('test/data')).filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => `test/data/${f}`)];
/** Each file as it is; the session with the options that change PDUs too (masked fields, deltas between displayed PDUs). */
const RUNS = (files: readonly string[]): string[][] => [
  ...files.map((file) => [file]),
  ['--redact', 'samples/session.pcap'],
  ['-Y', 'command == KEEP_ALIVE || transport == tcp', 'samples/session.pcap'],
];

const CLIENT = { ip: '198.51.100.7', port: 1030 };
let dir = '';
let damaged = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icq2-schema-'));
  damaged = join(dir, 'damaged.pcap');
  const login = encoded('client-to-server', 'LOGIN', { SEQ_NUM: 1, UIN: 1001, PORT: 2001, PASSWORD: 'secret', USER_IP: '198.51.100.7', LOGIN_SEQ_NUM: 1 });
  await writeFile(
    damaged,
    udpCapture(CLIENT, [
      // Too short for a header; another protocol version; a code nobody names; a LOGIN that ends inside PORT.
      { fromClient: true, bytes: Buffer.from('0200e8', 'hex') },
      { fromClient: true, bytes: Buffer.from('05000000e803', 'hex') },
      { fromClient: false, bytes: Buffer.from('0200990901000102', 'hex') },
      { fromClient: true, bytes: login.subarray(0, 12) },
    ]),
  );
});

after(() => rm(dir, { recursive: true, force: true }));

/** The PDUs of -T json and of -T ndjson, which must be the same objects. */
async function outputs(...args: string[]): Promise<Pdu[]> {
  const [json, ndjson] = await Promise.all([cli(['-T', 'json', ...args]), cli(['-T', 'ndjson', ...args])]);
  assert.equal(json.code, 0, json.stderr);
  const array = JSON.parse(json.stdout) as Pdu[];
  assert.deepEqual(ndjson.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line)), array);
  return array;
}

/** Every path at which a value is null ("command.name", "fields[].value"), per PDU. */
function nullPaths(value: unknown, path = ''): string[] {
  if (value === null) return [path];
  if (Array.isArray(value)) return value.flatMap((item) => nullPaths(item, `${path}[]`));
  if (typeof value === 'object') return Object.entries(value as object).flatMap(([key, item]) => nullPaths(item, path === '' ? key : `${path}.${key}`));
  return [];
}

const explained = (pdu: Pdu): boolean => pdu.notes.some((note) => note.severity !== 'note');

function checkRule(pdu: Pdu): void {
  const where = `frame ${pdu.frame}`;
  for (const path of nullPaths(pdu)) {
    assert.ok(['version', 'command', 'command.name', 'seq', 'uin', 'fields[].value'].includes(path), `${where}: null at ${path}`);
    assert.ok(explained(pdu), `${where}: null at ${path} without a note saying why`);
  }
  assert.equal('seq' in pdu, pdu.transport === 'udp', `${where}: seq on UDP only`);
  assert.equal('stream' in pdu, pdu.transport === 'tcp', `${where}: stream on TCP only`);
  if (pdu.direction !== 'server-to-client') assert.ok('uin' in pdu, `${where}: a client or peer PDU has its sender's uin`);
}

test('every sample\'s -T json and -T ndjson validate against docs/pdu.schema.json and keep the absent-versus-null rule', async () => {
  let pdus = 0;
  for (const args of RUNS([...SAMPLES, damaged])) {
    for (const pdu of await outputs(...args)) {
      assert.ok(validate(pdu), `${args.join(' ')} frame ${pdu.frame}: ${JSON.stringify(validate.errors)}`);
      checkRule(pdu);
      pdus += 1;
    }
  }
  assert.ok(SAMPLES.length >= 3 && pdus > 300, `${SAMPLES.length} samples, ${pdus} PDUs`);
});

test('null where the bytes could not give a value, absent where the key does not apply', async () => {
  const [short, v5, unnamed, cut] = await outputs(damaged);
  const keys = (pdu: Pdu | undefined) => ({ version: pdu?.version, command: pdu?.command, seq: pdu?.seq, uin: pdu?.uin, uinAbsent: pdu !== undefined && !('uin' in pdu) });
  assert.deepEqual(keys(short), { version: null, command: null, seq: null, uin: null, uinAbsent: false });
  assert.deepEqual(keys(v5), { version: 5, command: null, seq: null, uin: null, uinAbsent: false });
  assert.deepEqual(keys(unnamed), { version: 2, command: { code: 0x0999, name: null }, seq: 1, uin: undefined, uinAbsent: true });
  const port = cut?.fields.find((f) => f.name === 'PORT');
  assert.deepEqual([port?.value, port?.hex, port?.display], [null, 'd107', '2 of 4 bytes']);
  // Raw bytes, lists and groups have no value of their own: the key is absent, not null.
  const body = unnamed?.fields.find((f) => f.name === 'UNKNOWN');
  assert.deepEqual([body?.hex, body !== undefined && 'value' in body], ['0102', false]);
  const [contacts] = (await outputs('-Y', 'command == CONTACT_LIST', 'samples/session.pcap')).map((pdu) => pdu.fields);
  const list = contacts?.find((f) => f.name === 'CONTACTS');
  assert.deepEqual(
    [contacts?.find((f) => f.name === 'NUM_CONTACTS')?.value, list !== undefined && 'value' in list, list?.fields?.map((f) => f.value), list?.display],
    [2, false, [1002, 1003], '1002, 1003'],
  );
});

/** Every property schema the file declares, with its path. */
function* declared(schema: unknown, path: string): Generator<[string, Record<string, unknown>]> {
  if (typeof schema !== 'object' || schema === null) return;
  const node = schema as Record<string, unknown>;
  for (const [key, child] of Object.entries((node.properties as Record<string, unknown>) ?? {})) {
    yield [`${path}.${key}`, child as Record<string, unknown>];
    yield* declared(child, `${path}.${key}`);
  }
  for (const [key, child] of Object.entries((node.$defs as Record<string, unknown>) ?? {})) yield* declared(child, `${path}.$defs.${key}`);
  if (node.items) yield* declared(node.items, `${path}[]`);
}

test('the schema describes every key it declares, including those of the sessions and note ids', () => {
  const keys = [...declared(SCHEMA, '')];
  assert.deepEqual(keys.filter(([, schema]) => typeof schema.description !== 'string' && schema.$ref === undefined).map(([path]) => path), []);
  const props = SCHEMA.properties as Record<string, Record<string, unknown>>;
  assert.deepEqual([props.session?.type, props.session?.minimum], ['integer', 1]);
  const defs = SCHEMA.$defs as Record<string, { properties: Record<string, Record<string, unknown>> }>;
  assert.equal(defs.Note?.properties.id?.type, 'string');
  assert.equal(typeof SCHEMA.description === 'string' && SCHEMA.description.includes('null appears only where the key applies'), true);
});
