import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ethernetFrame, nullFrame, sll2Frame, sllFrame } from '../src/writers/build-link.js';
import { tcpPacket, udpPacket } from '../src/writers/build-transport.js';
import { TcpConversationBuilder } from '../src/writers/build-tcp-conversation.js';
import { packetChecksumsVerify } from './support/checksums.js';
import { ipBytes } from '../src/net/ip-address.js';

test('IPv4 and IPv6 UDP and TCP packets carry correct checksums', () => {
  const data = Buffer.from('0200e80301', 'hex');
  assert.ok(packetChecksumsVerify(udpPacket({ ip: '1.2.3.4', port: 1 }, { ip: '5.6.7.8', port: 4000 }, data)));
  assert.ok(packetChecksumsVerify(udpPacket({ ip: '2001:db8::1', port: 1 }, { ip: '2001:db8::2', port: 4000 }, data)));
  assert.ok(packetChecksumsVerify(tcpPacket({ ip: '1.2.3.4', port: 1 }, { ip: '5.6.7.8', port: 2 }, { seq: 0xfffffffe, ack: 7, flags: 0x18, payload: data })));
  assert.ok(packetChecksumsVerify(tcpPacket({ ip: '2001:db8::1', port: 1 }, { ip: '2001:db8::2', port: 2 }, { seq: 1, flags: 0x02 })));
});

test('IPv4 header fields: version/IHL, total length, id, TTL, protocol, addresses', () => {
  const packet = udpPacket({ ip: '1.2.3.4', port: 1 }, { ip: '5.6.7.8', port: 4000 }, Buffer.alloc(4));
  assert.equal(packet.subarray(0, 10).toString('hex'), '45000020000000004011');
  assert.deepEqual([...packet.subarray(12, 20)], [...ipBytes('1.2.3.4'), ...ipBytes('5.6.7.8')]);
});

test('link headers: VLAN stack, null in both byte orders, SLL, SLL2', () => {
  const ip = udpPacket({ ip: '1.2.3.4', port: 1 }, { ip: '5.6.7.8', port: 4000 }, Buffer.alloc(0));
  assert.equal(ethernetFrame(ip, [{ tpid: 0x88a8, id: 10 }, { id: 20, priority: 5 }]).subarray(12, 22).toString('hex'), '88a8000a8100a0140800');
  assert.equal(nullFrame(ip, 'le').subarray(0, 4).toString('hex'), '02000000');
  assert.equal(nullFrame(ip, 'be').subarray(0, 4).toString('hex'), '00000002');
  assert.equal(sllFrame(ip).subarray(0, 16).toString('hex'), '00040001000602000000000100000800');
  assert.equal(sll2Frame(ip).subarray(0, 20).toString('hex'), '0800000000000001000104060200000000010000');
});

test('TcpConversationBuilder: SYN and FIN take a sequence number, split sends advance by their data', () => {
  const c = new TcpConversationBuilder({ ip: '1.1.1.1', port: 1 }, { ip: '2.2.2.2', port: 2 }, { clientIsn: 0xffffffff, serverIsn: 10 });
  const [syn, synAck, ack] = c.handshake();
  const seqAck = (p: Buffer) => [p.readUInt32BE(24), p.readUInt32BE(28), p[33]];
  assert.deepEqual([seqAck(syn), seqAck(synAck), seqAck(ack)], [[0xffffffff, 0, 0x02], [10, 0, 0x12], [0, 11, 0x10]]);
  const pieces = c.send(true, Buffer.from('abcdef'), { splitAt: [2, 5] });
  assert.deepEqual(pieces.map((p) => [p.readUInt32BE(24), p.subarray(40).toString()]), [[0, 'ab'], [2, 'cde'], [5, 'f']]);
  assert.equal(c.nextSeq(true), 6);
  const [fin, finAck] = c.close();
  assert.deepEqual([seqAck(fin), seqAck(finAck)], [[6, 11, 0x11], [11, 7, 0x11]]);
});
