import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dissectPayload } from '../src/dissect/dissect-pdu.js';
import { field, hex, payload } from './support/payload.js';

const options = (charset = 'windows-1252') => ({ decoder: new TextDecoder(charset), serverPorts: new Set([4000]) });

test('direction from the header when the ports do not tell: a client LOGIN between two non-server ports', () => {
  const login = hex('0200 e803 0100 e9030000 d1070000 0300 786200 78000000 0a000001 04 00000000 02000000 0100 00000000 08007800');
  const p = { ...payload(login), src: { ip: '10.0.0.2', port: 1026 }, dst: { ip: '10.0.0.1', port: 5190 } };
  const d = dissectPayload(p, options());
  assert.equal(d.pdu.direction, 'client-to-server');
  assert.equal(d.pdu.command?.name, 'LOGIN');
  assert.equal(d.pdu.uin, 1001);
  assert.deepEqual(d.pdu.notes, [{ id: 'direction-guessed', severity: 'note', message: 'direction client-to-server guessed from the header (ports do not tell)' }]);
});

test('direction from the header: a server USER_OFFLINE (6-byte header) between two non-server ports', () => {
  const offline = hex('0200 7800 0400 ea030000');
  const p = { ...payload(offline), src: { ip: '10.0.0.1', port: 5190 }, dst: { ip: '10.0.0.2', port: 1026 } };
  const d = dissectPayload(p, options());
  assert.equal(d.pdu.direction, 'server-to-client');
  assert.equal(field(d, 'REMOTE_UIN')!.value, 1002);
});

test('strings are decoded with the stated charset and their raw bytes kept', () => {
  // SEND_MESSAGE with the bytes cf f0 e8 e2 e5 f2 ("Привет" in windows-1251)
  const bytes = hex('0200 0e01 0300 e9030000 ea030000 0100 0700 cff0e8e2e5f200');
  const western = dissectPayload(payload(bytes), options()).pdu.fields.find((f) => f.name === 'MESSAGE')!;
  const cyrillic = dissectPayload(payload(bytes), options('windows-1251')).pdu.fields.find((f) => f.name === 'MESSAGE')!;
  assert.equal(western.value, 'Ïðèâåò');
  assert.equal(cyrillic.value, 'Привет');
  assert.equal(western.hex, 'cff0e8e2e5f200');
  assert.equal(cyrillic.hex, 'cff0e8e2e5f200');
});
