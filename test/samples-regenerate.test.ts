import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildSamples } from '../scripts/samples/build-samples.js';
import { dissectCapture } from '../src/dissect/dissect-capture.js';

const samples = buildSamples();

for (const [name, bytes] of samples) {
  test(`samples/${name} is what \`npm run samples\` writes, byte for byte`, () => {
    const committed = readFileSync(new URL(`../samples/${name}`, import.meta.url));
    assert.equal(committed.length, bytes.length);
    assert.ok(committed.equals(bytes), `samples/${name} differs from the generator: run npm run samples`);
  });
}

test('both samples decode to the same PDUs with the same fields, pcapng with nanosecond times', async () => {
  const read = async (name: string) => {
    const out = [];
    for await (const d of dissectCapture(new URL(`../samples/${name}`, import.meta.url).pathname)) out.push(d.pdu);
    return out;
  };
  const [pcap, pcapng] = [await read('session.pcap'), await read('session.pcapng')];
  assert.equal(pcap.length, pcapng.length);
  assert.equal(pcap.length, 84);
  assert.equal(pcap[0]!.time.absolute, '1998-07-09T16:00:00.000200Z');
  assert.equal(pcapng[0]!.time.absolute, '1998-07-09T16:00:00.000200000Z');
  for (let i = 0; i < pcap.length; i++) {
    assert.deepEqual(pcapng[i]!.fields, pcap[i]!.fields);
    assert.deepEqual(pcapng[i]!.frames, pcap[i]!.frames);
  }
  const commands = new Set(pcap.map((p) => p.command?.name));
  for (const name of ['LOGIN', 'LOGIN_REPLY', 'CONTACT_LIST', 'USER_ONLINE', 'SEND_MESSAGE', 'RECEIVE_MESSAGE', 'SEARCH_USER', 'SEARCH_UIN', 'USER_FOUND', 'END_OF_SEARCH', 'INFO_REQ', 'INFO_REPLY', 'EXT_INFO_REQ', 'EXT_INFO_REPLY', 'STATUS_CHANGE', 'STATUS_UPDATE', 'KEEP_ALIVE', 'SEND_TEXT_CODE', 'USER_OFFLINE', 'CHANNEL_INIT', 'CHANNEL_MESSAGE', 'CHANNEL_ACK']) {
    assert.ok(commands.has(name), name);
  }
  assert.deepEqual(pcap.flatMap((p) => p.notes.filter((n) => n.severity !== 'note')), []);
});
