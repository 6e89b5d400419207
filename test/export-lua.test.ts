import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wiresharkLua } from '../scripts/export/wireshark-lua.js';
import { dissectCapture } from '../src/dissect/dissect-capture.js';
import type { Field, Pdu } from '../src/dissect/pdu.js';
import { NOTE_KINDS, type NoteId } from '../src/net/note-kinds.js';
import { clientCapture, netIcqSession, udpCapture, type ScriptStep } from './support/client-captures.js';

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
const shown = (f: Field) => (f.value == null ? f.hex : String(f.value));

/** Each column: the Wireshark filter name and what our dissector says for it, in tree order. */
// A field cut by the end of the PDU has no value; Wireshark shows it as a text item, not a field.
const isCut = (f: Field) => f.value === null && /^\d+ of \d+ bytes$/.test(f.display);
const byName = (name: string) => (pdu: Pdu) => flatten(pdu.fields).filter((f) => f.name === name && !isCut(f)).map(shown);
const COLUMNS: readonly { filter: string; ours: (pdu: Pdu) => string[]; theirs?: (value: string) => string }[] = [
  { filter: 'icq2.direction', ours: (pdu) => [pdu.direction] },
  { filter: 'icq2.variant', ours: (pdu) => (pdu.variant ? [pdu.variant] : []) },
  // Peer PDUs carry the command as a generated field (CHANNEL_INIT as 0x00ff, as in our JSON).
  { filter: 'icq2.command', ours: (pdu) => (pdu.command ? [String(pdu.command.code)] : []), theirs: (v) => String(Number(v)) },
  ...['SEQ_NUM', 'UIN', 'MESSAGE', 'X1', 'X4', 'X5', 'NUM_CONTACTS', 'USER_IP', 'NICK_NAME', 'CITY', 'DESCRIPTION', 'URL', 'MESSAGE_TYPE', 'CONTACT_UIN', 'CMD_TYPE', 'MY_UIN', 'FILE_NAME', 'CHAT_USERS', 'TRAILER', 'LENGTH'].map(
    (name) => ({ filter: `icq2.${name.toLowerCase()}`, ours: byName(name) }),
  ),
];

const tshark = (file: string, args: readonly string[]) =>
  execFileSync('tshark', ['-X', `lua_script:${SCRIPT}`, '-r', file, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });

const tsharkFields = (file: string, filters: readonly string[], display: readonly string[] = []) =>
  tshark(file, [...display, '-T', 'fields', '-E', 'occurrence=a', '-E', `aggregator=${SEP}`, ...filters.flatMap((f) => ['-e', f])]);

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

/** Wireshark keeps an expert message to ITEM_LABEL_LENGTH (240) bytes, the NUL included. */
const EXPERT_TEXT_BYTES = 239;
const asExpert = (message: string) => Buffer.from(message).subarray(0, EXPERT_TEXT_BYTES).toString();
/** The Lua dissector's own note (it rebuilds a LENGTH that came alone; icq2-dissect reassembles the stream). */
const LUA_ONLY = "LENGTH came in the previous TCP segment: rebuilt from the body's size";

/** Every frame's notes, sorted: ours as Wireshark would cut them, theirs as expert infos. */
async function notesPerFrame(file: string): Promise<{ ours: Map<number, string[]>; theirs: Map<number, string[]> }> {
  const ours = new Map<number, string[]>();
  for await (const { pdu } of dissectCapture(file)) ours.set(pdu.frame, [...(ours.get(pdu.frame) ?? []), ...pdu.notes.map((n) => asExpert(n.message))]);
  const theirs = new Map<number, string[]>();
  for (const line of tsharkFields(file, ['frame.number', '_ws.expert.message', '_ws.lua.error']).split('\n').filter(Boolean)) {
    const [frame, messages, luaError] = line.split('\t');
    assert.equal(luaError, '', `frame ${frame}: no Lua error`);
    if (ours.has(Number(frame))) theirs.set(Number(frame), messages ? messages.split(SEP).filter((m) => m !== LUA_ONLY).sort() : []);
  }
  return { ours: new Map([...ours].map(([frame, messages]) => [frame, messages.sort()])), theirs };
}

/** The columns and the notes of every PDU, ours and tshark's with the Lua dissector. */
async function assertAgrees(file: string): Promise<void> {
  const theirs = tsharkColumns(file);
  const ours = await ourColumns(file);
  assert.deepEqual([...theirs.keys()], [...ours.keys()], 'the same frames hold ICQ PDUs');
  for (const [frame, cells] of ours) {
    const row = Object.fromEntries(COLUMNS.map((c, i) => [c.filter, cells[i]]));
    const theirRow = Object.fromEntries(COLUMNS.map((c, i) => [c.filter, theirs.get(frame)![i]]));
    assert.deepEqual(theirRow, row, `frame ${frame}`);
  }
  const notes = await notesPerFrame(file);
  assert.deepEqual(notes.theirs, notes.ours, 'the same notes');
  const ids = await noteIdsPerFrame(file);
  assert.deepEqual(ids.theirs, ids.ours, 'the same note ids, as expert fields icq2.<id>');
}

/** The note ids the Lua dissector reports (each an expert field icq2.<id>), but the one only it writes. */
const LUA_IDS = (Object.keys(NOTE_KINDS) as NoteId[]).filter((id) => NOTE_KINDS[id].wireshark !== undefined && id !== 'length-reconstructed');

/** Every frame's note ids, sorted: ours from the JSON, theirs as the expert fields tshark counts. */
async function noteIdsPerFrame(file: string): Promise<{ ours: Map<number, string[]>; theirs: Map<number, string[]> }> {
  const ours = new Map<number, string[]>();
  for await (const { pdu } of dissectCapture(file)) ours.set(pdu.frame, [...(ours.get(pdu.frame) ?? []), ...pdu.notes.map((n) => n.id)].sort());
  const theirs = new Map<number, string[]>();
  for (const line of tsharkFields(file, ['frame.number', ...LUA_IDS.map((id) => `icq2.${id}`)]).split('\n').filter(Boolean)) {
    const [frame, ...counts] = line.split('\t');
    const ids = counts.flatMap((found, i) => (found ? found.split(SEP).map(() => LUA_IDS[i]!) : []));
    if (ours.has(Number(frame))) theirs.set(Number(frame), ids.sort());
  }
  return { ours, theirs };
}

/** Writes `capture` to a temporary file for `use`. */
async function withCapture<T>(capture: Buffer, use: (file: string) => Promise<T> | T): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'icq2-lua-'));
  try {
    const file = join(dir, 'capture.pcap');
    writeFileSync(file, capture);
    return await use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const capture of ['samples/session.pcap', 'test/data/micq-0.2.5-session.pcap']) {
  test(`tshark with exports/icq2.lua agrees with our dissector on ${capture}, PDU by PDU, notes too`, { skip }, () => assertAgrees(ROOT + capture));
}

test('tshark with exports/icq2.lua chooses Net::ICQ 0.08 for its session as our dissector does, PDU by PDU', { skip }, () =>
  withCapture(netIcqSession(), assertAgrees),
);

const CLIENT = { ip: '198.51.100.10', port: 1024 };
const c = (command: string, values: ScriptStep['values']): ScriptStep => ({ fromClient: true, command, values: { SEQ_NUM: 1, UIN: 1001, ...values } });
const s = (command: string, values: ScriptStep['values']): ScriptStep => ({ fromClient: false, command, values: { SEQ_NUM: 1, ...values } });
const loginReply = (X2: string) => s('LOGIN_REPLY', { USER_UIN: 1001, USER_IP: CLIENT.ip, LOGIN_SEQ_NUM: 1, X2: Buffer.from(X2, 'hex') });

/** The document's rules kept and broken, one PDU each (frame numbers from 1). */
const RULES: readonly ScriptStep[] = [
  loginReply('17001600'),
  loginReply('18001600'),
  c('SEARCH_USER', { SEARCH_SEQ_NUM: 1 }),
  c('SEARCH_USER', { SEARCH_SEQ_NUM: 2, NICK_NAME: 'bob', E_MAIL: 'bob@example.com' }),
  c('SEND_TEXT_CODE', { TEXT_CODE: 'B_USER_DISCONNECTED', X1: 4 }),
  c('LOGIN', { PORT: 2001, PASSWORD: 'ninechars' }),
  s('USER_ONLINE', { REMOTE_UIN: 1002, REMOTE_IP: '203.0.113.7', REMOTE_PORT: 0x107d1, REMOTE_REAL_IP: '10.1.2.3' }),
  s('EXT_INFO_REPLY', { INFO_SEQ_NUM: 1, REMOTE_UIN: 1002, COUNTRY_CODE: 0xffff, COUNTRY_STATUS: 0xfe, AGE: 30 }),
  s('RECEIVE_MESSAGE', { REMOTE_UIN: 1002, YEAR: 1998, MONTH: 7, DAY: 8, HOUR: 10, MINUTE: 0, MESSAGE_TYPE: 0x0c, MESSAGE: ['bob', 'Bob', 'Smith', 'bob@example.com', '1'] }),
  s('BUSY', { UNDESCRIBED: Buffer.from('0102', 'hex') }),
];

test("the Lua dissector reports declared checks as expert infos in our words, and reads what the document's texts mean", { skip }, () =>
  withCapture(clientCapture(CLIENT, RULES), async (file) => {
    await assertAgrees(file);
    const expert = (frame: number) => tsharkFields(file, ['_ws.expert.message']).split('\n')[frame - 1]!.split(SEP);
    assert.deepEqual(expert(1), ['X2 is 17 00 16 00, the document says xx 00 16 00 (xx = 19 or 18)']);
    assert.deepEqual(expert(2), [''], 'X2 18 00 16 00 is one the document allows');
    assert.deepEqual(expert(3), ['every search field is empty; the document: "may be empty, but not all at the same time"']);
    assert.deepEqual(expert(5), ['X1 is 0x4 with TEXT_CODE "B_USER_DISCONNECTED": the document: "in which case the X1 field should contain 05 00"']);
    // One expert per kind of rule, with the kind's severity.
    const framesWith = (filter: string) => tsharkFields(file, ['frame.number'], ['-Y', filter]).split('\n').filter(Boolean).map(Number);
    assert.deepEqual(framesWith('icq2.all-empty || icq2.exclusive-fields || icq2.too-long'), [3, 4, 6]);
    assert.deepEqual(framesWith('_ws.expert.severity == warning && (icq2.all-empty || icq2.exclusive-fields || icq2.too-long)'), [3, 4, 6]);
    assert.deepEqual(framesWith('icq2.implied-value || icq2.fields-differ'), [5, 7, 8]);
    assert.deepEqual(framesWith('icq2.text_code == "B_USER_DISCONNECTED"'), [5], 'the field keeps the text');
    const tree = tshark(file, ['-V']);
    assert.match(tree, /TEXT_CODE: B_USER_DISCONNECTED \(the user has disconnected\)/);
    assert.match(tree, /AUTHORIZE: '1' \(anyone may add\)/);
    assert.match(tree, /ICQ protocol version 2, BUSY Server busy \(named by licq 0\.71, not in the document\)/, "the Info of an undescribed command: what licq calls it");
  }),
);

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

test('on damaged datagrams the Lua dissector shows the same fields and the same errors as ours', { skip }, () => {
  const payloads = DAMAGED.map(([from, hex]) => ({ fromClient: from === 'client', bytes: Buffer.from(hex.replace(/ /g, ''), 'hex') }));
  return withCapture(udpCapture(CLIENT, payloads), async (file) => {
    for await (const { pdu } of dissectCapture(file)) assert.ok(pdu.notes.some((n) => n.severity !== 'note'), `frame ${pdu.frame} is damaged`);
    await assertAgrees(file);
  });
});

/**
 * samples/session.pcap with the body of the first peer CHANNEL_MESSAGE (frame 62) cut in two segments
 * sent second half first: frames 61 (LENGTH), 62 (the second half), 63 (the first half).
 */
function outOfOrderSample(): Buffer {
  const file = readFileSync(`${ROOT}samples/session.pcap`);
  const records: Buffer[] = [];
  for (let offset = 24; offset < file.length; offset += 16 + file.readUInt32LE(offset + 8)) records.push(file.subarray(offset, offset + 16 + file.readUInt32LE(offset + 8)));
  const body = records[61]!;
  const frame = body.subarray(16);
  const ip = 14;
  const tcp = ip + (frame[ip]! & 15) * 4;
  const headers = tcp + (frame[tcp + 12]! >> 4) * 4;
  const seq = frame.readUInt32BE(tcp + 4);
  const segment = (from: number, to: number): Buffer => {
    const bytes = Buffer.concat([frame.subarray(0, headers), frame.subarray(headers + from, headers + to)]);
    bytes.writeUInt16BE(bytes.length - ip, ip + 2);
    bytes.writeUInt32BE(seq + from, tcp + 4);
    const record = Buffer.concat([body.subarray(0, 16), bytes]);
    record.writeUInt32LE(bytes.length, 8);
    record.writeUInt32LE(bytes.length, 12);
    return record;
  };
  const half = 30;
  return Buffer.concat([file.subarray(0, 24), ...records.slice(0, 61), segment(half, frame.length - headers), segment(0, half), ...records.slice(62)]);
}

test('tshark 4.0 loses a peer message whose segments arrive out of order unless tcp.reassemble_out_of_order is set (docs/wireshark.md); ours reads it', { skip }, () =>
  withCapture(outOfOrderSample(), async (file) => {
    const messages = (options: readonly string[]) =>
      tshark(file, [...options, '-Y', 'icq2.command == 0x07ee', '-T', 'fields', '-e', 'frame.number']).split('\n').filter(Boolean).map(Number);
    assert.deepEqual(messages([]), [66, 69, 72], 'without the option the first message is lost');
    assert.deepEqual(messages(['-o', 'tcp.reassemble_out_of_order:TRUE']), [63, 66, 69, 72]);
    const ours: number[][] = [];
    for await (const d of dissectCapture(file)) if (d.pdu.command?.name === 'CHANNEL_MESSAGE') ours.push(d.pdu.frames);
    assert.deepEqual(ours, [[61, 62, 63], [65, 66], [68, 69], [71, 72]]);
  }),
);
