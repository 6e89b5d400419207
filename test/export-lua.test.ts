import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePcap } from '../src/capture/write-pcap.js';
import { wiresharkLua } from '../scripts/export/wireshark-lua.js';
import { dissectCapture } from '../src/dissect/dissect-capture.js';
import type { Field, Pdu } from '../src/dissect/pdu.js';
import { ethernetFrame } from '../src/net/build-link.js';
import { udpPacket } from '../src/net/build-transport.js';

const ROOT = new URL('../', import.meta.url).pathname;
const SCRIPT = `${ROOT}exports/icq2.lua`;

test('exports/icq2.lua is what `npm run export` writes from the tables', () => {
  assert.equal(readFileSync(SCRIPT, 'utf8'), wiresharkLua());
});

const tsharkMissing = spawnSync('tshark', ['--version']).error !== undefined;
const skip = tsharkMissing ? 'tshark is not installed (apt-get install tshark): Lua dissector check skipped' : false;

/** Separates a field's occurrences in one frame (messages may hold commas). */
const SEP = '\x1f';

const flatten = (fields: readonly Field[]): Field[] => fields.flatMap((f) => [f, ...flatten(f.fields ?? [])]);
const shown = (f: Field) => (f.value === null ? f.hex : String(f.value));

/** Each column: the Wireshark filter name and what our dissector says for it, in tree order. */
// A field cut by the end of the PDU has no value; Wireshark shows it as a text item, not a field.
const isCut = (f: Field) => f.value === null && /^\d+ of \d+ bytes$/.test(f.display);
const byName = (name: string) => (pdu: Pdu) => flatten(pdu.fields).filter((f) => f.name === name && !isCut(f)).map(shown);
const COLUMNS: readonly { filter: string; ours: (pdu: Pdu) => string[]; theirs?: (value: string) => string }[] = [
  { filter: 'icq2.direction', ours: (pdu) => [pdu.direction] },
  // Peer PDUs carry the command as a generated field (CHANNEL_INIT as 0x00ff, as in our JSON).
  { filter: 'icq2.command', ours: (pdu) => (pdu.command ? [String(pdu.command.code)] : []), theirs: (v) => String(Number(v)) },
  ...['SEQ_NUM', 'UIN', 'MESSAGE', 'X1', 'X4', 'X5', 'NUM_CONTACTS', 'USER_IP', 'NICK_NAME', 'CITY', 'DESCRIPTION', 'URL', 'TYPE', 'CMD_TYPE', 'MY_UIN', 'FILE_NAME', 'CHAT_USERS', 'TRAILER', 'LENGTH'].map(
    (name) => ({ filter: `icq2.${name.toLowerCase()}`, ours: byName(name) }),
  ),
];

const tsharkFields = (file: string, filters: readonly string[]) =>
  execFileSync('tshark', ['-X', `lua_script:${SCRIPT}`, '-r', file, '-T', 'fields', '-E', 'occurrence=a', '-E', `aggregator=${SEP}`, ...filters.flatMap((f) => ['-e', f])], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 64 << 20,
  });

/** tshark's values per frame, for frames the Lua dissector decoded. */
function tsharkColumns(file: string): Map<number, string[]> {
  const out = tsharkFields(file, ['frame.number', ...COLUMNS.map((c) => c.filter)]);
  const frames = new Map<number, string[]>();
  for (const line of out.split('\n').filter(Boolean)) {
    const [frame, ...cells] = line.split('\t');
    if (cells[0] === '') continue;
    frames.set(Number(frame), cells.map((cell, i) => (cell === '' ? cell : cell.split(SEP).map(COLUMNS[i]!.theirs ?? ((v) => v)).join(SEP))));
  }
  return frames;
}

async function ourColumns(file: string): Promise<Map<number, string[]>> {
  const frames = new Map<number, string[][]>();
  for await (const { pdu } of dissectCapture(file)) {
    const cells = frames.get(pdu.frame) ?? COLUMNS.map(() => []);
    COLUMNS.forEach((c, i) => cells[i]!.push(...c.ours(pdu)));
    frames.set(pdu.frame, cells);
  }
  return new Map([...frames].map(([frame, cells]) => [frame, cells.map((values) => values.join(SEP))]));
}

for (const capture of ['samples/session.pcap', 'test/data/micq-0.2.5-session.pcap']) {
  test(`tshark with exports/icq2.lua agrees with our dissector on ${capture}, PDU by PDU`, { skip }, async () => {
    const theirs = tsharkColumns(ROOT + capture);
    const ours = await ourColumns(ROOT + capture);
    assert.deepEqual([...theirs.keys()], [...ours.keys()], 'the same frames hold ICQ PDUs');
    for (const [frame, cells] of ours) {
      const row = Object.fromEntries(COLUMNS.map((c, i) => [c.filter, cells[i]]));
      const theirRow = Object.fromEntries(COLUMNS.map((c, i) => [c.filter, theirs.get(frame)![i]]));
      assert.deepEqual(theirRow, row, `frame ${frame}`);
    }
  });
}

test('the Lua dissector reports notes as expert info: X-fields, layout variant, the mICQ contact-list bug', { skip }, () => {
  const out = tsharkFields(`${ROOT}test/data/micq-0.2.5-session.pcap`, ['_ws.expert.message', 'icq2.layout']).split('\n')[6]!;
  assert.deepEqual(out.split('\t'), [
    [
      "the first UIN's first byte is 00: mICQ 0.2.5 is known to overwrite it with the high byte of a two-byte count, so this UIN is probably wrong",
      'layout variant used: one-byte NUM_CONTACTS (mICQ 0.2.5 and licq 0.71 send a one-byte count)',
    ].join(SEP),
    'one-byte NUM_CONTACTS',
  ]);
});

/** Damaged client and server datagrams: each shows what it can and says what is wrong, as ours does. */
const DAMAGED: readonly [string, string][] = [
  ['client', '0200 e803 0100 e9030000 d1070000 0700 736563'], // LOGIN: PASSWORD past the end
  ['client', '0200 3412 0100 e9030000 aabb'], // unknown command
  ['server', '0200 0a00 0500 ffff'], // ACK with trailing bytes
  ['client', '0300 0a00 0100 e9030000'], // version 3
  ['client', '02000a'], // too short for a header
  ['client', '0200 3804 0200 e9030000 0300 414243 0400'], // SEND_TEXT_CODE: TEXT_CODE without NUL
  ['client', '0200 0604 0300 e9030000 0500 ea030000'], // CONTACT_LIST: 5 contacts, 1 present
  ['server', '0200 5a00 0100 e9030000 c633'], // LOGIN_REPLY cut inside USER_IP
];

test('on damaged datagrams the Lua dissector shows the same fields and the same errors as ours', { skip }, async () => {
  const client = { ip: '198.51.100.10', port: 1024 };
  const server = { ip: '192.0.2.1', port: 4000 };
  const frames = DAMAGED.map(([from, hex], i) => ({
    time: { seconds: 900_000_000 + i, nanos: 0, digits: 6 },
    bytes: ethernetFrame(from === 'client' ? udpPacket(client, server, Buffer.from(hex.replace(/ /g, ''), 'hex')) : udpPacket(server, client, Buffer.from(hex.replace(/ /g, ''), 'hex'))),
  }));
  const dir = mkdtempSync(join(tmpdir(), 'icq2-lua-'));
  try {
    const file = join(dir, 'damaged.pcap');
    writeFileSync(file, writePcap(frames, { linkType: 1 }));
    assert.deepEqual(tsharkColumns(file), await ourColumns(file));
    const experts = tsharkFields(file, ['_ws.expert.message', '_ws.lua.error']).split('\n').filter(Boolean);
    let frame = 0;
    for await (const { pdu } of dissectCapture(file)) {
      const [messages, luaError] = experts[frame++]!.split('\t');
      assert.equal(luaError, '', `frame ${pdu.frame}: no Lua error`);
      const errors = pdu.notes.filter((n) => n.severity !== 'note').map((n) => n.message);
      assert.ok(errors.length > 0, `frame ${pdu.frame} is damaged`);
      for (const error of errors) assert.ok(messages!.split(SEP).includes(error), `frame ${pdu.frame}: ${error}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
