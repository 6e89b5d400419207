import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionSummary } from '../src/analysis/session-summary.js';
import type { Pdu } from '../src/dissect/pdu.js';
import { NOTE_KINDS } from '../src/net/note-kinds.js';
import { cli } from './support/cli.js';
import { udpCapture } from './support/client-captures.js';

/** One vocabulary across outputs (issue 12): the same words for a direction, a field, a session and a note everywhere. */

const SAMPLE = 'samples/session.pcap';

const fields = async (...args: string[]): Promise<string> => {
  const result = await cli(['-T', 'fields', ...args, SAMPLE]);
  assert.equal(result.stderr, '');
  assert.equal(result.code, 0);
  return result.stdout;
};

test('a direction is its word in JSON and flows JSON, its label in tables, and the filter takes either', async () => {
  const byLabel = await fields('-Y', 'direction == "S→C" && command == LOGIN_REPLY', '-e', 'frame', '-e', 'direction');
  assert.equal(byLabel, '3\tserver-to-client\n17\tserver-to-client\n');
  assert.equal(await fields('-Y', 'direction == server-to-client && command == LOGIN_REPLY', '-e', 'frame'), '3\n17\n');
  assert.equal(await fields('-Y', 'direction != "P2P" && frame == 62', '-e', 'frame'), '');
  const flows = JSON.parse((await cli(['flows', '-T', 'json', SAMPLE])).stdout) as SessionSummary[];
  assert.deepEqual(flows[0]!.packets, { 'client-to-server': 27, 'server-to-client': 26 });
  assert.deepEqual(Object.keys(flows[0]!.bytes), ['client-to-server', 'server-to-client']);
  const table = (await cli(['flows', SAMPLE])).stdout;
  // The per-direction counts say which way comes first on the head's second line.
  assert.match(table, /^#  .*  PDUs +Frames +Bytes +Problems\n {2,}.*C→S\/S→C  C→S\/S→C  C→S\/S→C\n/);
  const study = (await cli(['unknowns', '-T', 'csv', '--command', 'CHANNEL_ACK', SAMPLE])).stdout.split('\n')[1]!;
  assert.match(study, /^CHANNEL_ACK,P2P,/);
});

test('UIN is the sender: a contact is CONTACT_UIN (the document: UIN), so UIN == 1003 finds only what 1003 sent', async () => {
  assert.equal(await fields('-Y', 'UIN == 1003', '-e', 'frame'), '');
  assert.equal(await fields('-Y', 'CONTACT_UIN == 1003', '-e', 'frame', '-e', 'UIN', '-e', 'CONTACT_UIN'), '7\t1001\t1002,1003\n');
  assert.equal(await fields('-Y', 'CONTACT_LIST.UIN == 1002', '-e', 'frame', '-e', 'CONTACT_LIST.CONTACT_UIN'), '21\t1001\n');
  const glossary = (await cli(['-G', 'fields'])).stdout.split('\n');
  assert.ok(glossary.includes('F\tCONTACT_UIN\tCONTACT_LIST.CONTACT_UIN\tu32\tclient-to-server\tUIN of user on contact list (the document: UIN)'));
});

test('the message type is MESSAGE_TYPE in every command; the document\'s TYPE names it too', async () => {
  const urls = '13\tRECEIVE_MESSAGE\t4\n52\tSEND_MESSAGE\t4\n54\tRECEIVE_MESSAGE\t4\n65\tCHANNEL_MESSAGE\t4\n66\tCHANNEL_ACK\t4\n';
  assert.equal(await fields('-Y', 'MESSAGE_TYPE == 4', '-e', 'frame', '-e', 'command', '-e', 'MESSAGE_TYPE'), urls);
  assert.equal(await fields('-Y', 'TYPE == 4', '-e', 'frame', '-e', 'command', '-e', 'TYPE'), urls);
  assert.equal(await fields('-Y', 'RECEIVE_MESSAGE.TYPE == 4', '-e', 'frame'), '13\n54\n');
  const glossary = (await cli(['-G', 'fields'])).stdout.split('\n');
  assert.ok(glossary.includes('F\tMESSAGE_TYPE\tRECEIVE_MESSAGE.MESSAGE_TYPE\tu16\tserver-to-client\tThe type of message (message, URL, etc) (the document: TYPE)'));
  assert.ok(!glossary.some((line) => line.split('\t')[1] === 'TYPE'));
});

test('every PDU carries its session (the id of flows -T json) and the client\'s UIN, as JSON keys and as -Y/-e names', async () => {
  const pdus = (await cli(['-T', 'ndjson', SAMPLE])).stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { frame: number; direction: string; uin?: number; session?: number });
  const flows = JSON.parse((await cli(['flows', '-T', 'json', SAMPLE])).stdout) as SessionSummary[];
  const uinOf = new Map(flows.map((s) => [s.id, s.uin]));
  assert.ok(pdus.every((pdu) => pdu.session !== undefined && uinOf.has(pdu.session)));
  assert.ok(pdus.filter((pdu) => pdu.direction === 'server-to-client').every((pdu) => pdu.uin === uinOf.get(pdu.session!)));
  assert.deepEqual(pdus.slice(0, 3).map((pdu) => [pdu.frame, pdu.session, pdu.uin]), [[1, 1, 1001], [2, 1, 1001], [3, 1, 1001]]);
  assert.equal(await fields('-Y', 'uin == 1002 && direction == server-to-client', '-e', 'frame', '-c', '2'), '16\n17\n');
  assert.equal(await fields('-Y', 'session == 3', '-e', 'frame', '-e', 'session', '-e', 'uin', '-c', '2'), '60\t3\t1001\n62\t3\t1001\n');
});

const ndjson = async (file: string): Promise<Pdu[]> => (await cli(['-T', 'ndjson', file])).stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Pdu);

test('every note has a stable id of a declared kind, with that kind\'s severity, in the JSON and the -V tree', async () => {
  for (const file of [SAMPLE, 'test/data/micq-0.2.5-session.pcap']) {
    const notes = (await ndjson(file)).flatMap((pdu) => pdu.notes);
    assert.ok(notes.length > 10, file);
    for (const note of notes) assert.equal(note.severity, NOTE_KINDS[note.id].severity, `${note.id}: ${note.message}`);
  }
  const retransmitted = (await ndjson(SAMPLE)).find((pdu) => pdu.frame === 50)!;
  assert.deepEqual(retransmitted.notes, [{ id: 'retransmission', severity: 'warning', message: 'retransmission of seq 9 (first sent in frame 49)', field: 'SEQ_NUM' }]);
  const tree = (await cli(['-V', '-Y', 'frame == 50', SAMPLE])).stdout;
  assert.match(tree, /\n {8}\[warning retransmission\] retransmission of seq 9 \(first sent in frame 49\)\n/);
});

test('notes by id and severity in -Y and -e: note == gap, note.id, expert.severity == / >=, -e note lists the ids', async () => {
  assert.equal(await fields('-Y', 'note == "gap"', '-e', 'frame', '-e', 'note'), '88\tgap\n');
  assert.equal(await fields('-Y', 'note.id == retransmission', '-e', 'frame', '-e', 'note.message'), '50\tretransmission of seq 9 (first sent in frame 49)\n');
  assert.equal(await fields('-Y', 'expert.severity >= warning', '-e', 'frame', '-e', 'expert.severity'), '50\twarning\n');
  assert.equal(await fields('-Y', 'frame == 2', '-e', 'notes'), '\n');
  const micq = await cli(['-T', 'fields', '-Y', 'frame == 1', '-e', 'note', 'test/data/micq-0.2.5-session.pcap']);
  assert.equal(micq.stdout, 'port-high-half,port-byte-order,document-differs,document-differs,document-differs,document-differs\n');
  assert.deepEqual(await cli(['-Y', 'note == gaps', SAMPLE]), { code: 1, stdout: '', stderr: "icq2-dissect: filter: unknown note id 'gaps' (did you mean gap?) at position 9\n" });
  assert.deepEqual(await cli(['-Y', 'expert.severity > warn', SAMPLE]), { code: 1, stdout: '', stderr: "icq2-dissect: filter: expert.severity is note, warning, error, not 'warn' at position 19\n" });
  const dir = mkdtempSync(join(tmpdir(), 'icq2-notes-'));
  try {
    const file = join(dir, 'damaged.pcap');
    const damaged = ['0200e80301000100000007006869', '0200341202000100000aabb', '02000a00030001000000'];
    writeFileSync(file, udpCapture({ ip: '198.51.100.10', port: 1024 }, damaged.map((hex) => ({ fromClient: true, bytes: Buffer.from(hex, 'hex') }))));
    const errors = await cli(['-T', 'fields', '-Y', 'expert.severity == "error"', '-e', 'frame', '-e', 'note', file]);
    assert.deepEqual(errors, { code: 0, stdout: '1\tport-high-half,malformed,unacknowledged\n2\tunknown-command,unacknowledged\n', stderr: '' });
    assert.equal((await cli(['-T', 'fields', '-Y', 'expert.severity <= note', '-e', 'frame', file])).stdout, '1\n');
    assert.equal((await cli(['-T', 'fields', '-Y', '!(expert.severity > warning)', '-e', 'frame', file])).stdout, '3\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
