import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { wiresharkLua } from '../scripts/export/wireshark-lua.js';
import { dissectCapture } from '../src/dissect/dissect-capture.js';
import type { Field, Pdu } from '../src/dissect/pdu.js';

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
const byName = (name: string) => (pdu: Pdu) => flatten(pdu.fields).filter((f) => f.name === name).map(shown);
const COLUMNS: readonly { filter: string; ours: (pdu: Pdu) => string[]; theirs?: (value: string) => string }[] = [
  { filter: 'icq2.direction', ours: (pdu) => [pdu.direction] },
  // Peer PDUs carry the command as a generated field (CHANNEL_INIT as 0x00ff, as in our JSON).
  { filter: 'icq2.command', ours: (pdu) => (pdu.command ? [String(pdu.command.code)] : []), theirs: (v) => String(Number(v)) },
  ...['SEQ_NUM', 'UIN', 'MESSAGE', 'X1', 'X4', 'X5', 'NUM_CONTACTS', 'USER_IP', 'NICK_NAME', 'CITY', 'DESCRIPTION', 'URL', 'TYPE', 'CMD_TYPE', 'MY_UIN', 'FILE_NAME', 'CHAT_USERS', 'TRAILER', 'LENGTH'].map(
    (name) => ({ filter: `icq2.${name.toLowerCase()}`, ours: byName(name) }),
  ),
];

/** tshark's values per frame, for frames the Lua dissector decoded. */
function tsharkColumns(file: string): Map<number, string[]> {
  const args = ['-X', `lua_script:${SCRIPT}`, '-r', file, '-T', 'fields', '-E', 'occurrence=a', '-E', `aggregator=${SEP}`, '-e', 'frame.number', ...COLUMNS.flatMap((c) => ['-e', c.filter])];
  const out = execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
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
  const file = `${ROOT}test/data/micq-0.2.5-session.pcap`;
  const out = execFileSync('tshark', ['-X', `lua_script:${SCRIPT}`, '-r', file, '-Y', 'frame.number == 7', '-T', 'fields', '-E', `aggregator=${SEP}`, '-e', '_ws.expert.message', '-e', 'icq2.layout'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  assert.deepEqual(out.trimEnd().split('\t'), [
    [
      "the first UIN's first byte is 00: mICQ 0.2.5 is known to overwrite it with the high byte of a two-byte count, so this UIN is probably wrong",
      'layout variant used: one-byte NUM_CONTACTS (mICQ 0.2.5 and licq 0.71 send a one-byte count)',
    ].join(SEP),
    'one-byte NUM_CONTACTS',
  ]);
});
