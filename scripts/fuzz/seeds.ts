import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LINKTYPE } from '../../src/net/link.js';
import { ALL_COMMANDS } from '../../src/protocol/registry.js';
import { ethernetFrame, linkFrame } from '../../src/writers/build-link.js';
import { fragmentIpv4, fragmentIpv6 } from '../../src/writers/build-fragments.js';
import { udpPacket } from '../../src/writers/build-transport.js';
import { writePcap } from '../../src/writers/write-pcap.js';
import { writePcapng } from '../../src/writers/write-pcapng.js';
import { encodeStep, netIcqSession, type ScriptStep } from '../../test/support/client-captures.js';
import { ethernetRecords } from '../samples/build-samples.js';
import { PeerConnection, SessionScript, UdpClient } from '../samples/session-script.js';
import { mapCapture } from './capture-map.js';
import { icqTargets } from './icq-fields.js';
import type { Seed } from './mutators.js';

/**
 * What the harness mutates: the bundled samples, the captures in test/data (not the fuzz regression
 * captures, which are mutants already), and captures built through the encoder: a Net::ICQ session,
 * every command of every table in both directions and the peer messages of each layout, a session over
 * IPv4 and IPv6 fragments behind VLAN tags, and one seed again on other link types in a big-endian
 * nanosecond pcapng.
 */

const ROOT = new URL('../../', import.meta.url).pathname;

function captureFiles(folder: string, keep: (name: string) => boolean): [string, Buffer][] {
  return readdirSync(join(ROOT, folder))
    .filter((name) => /\.pcap(ng)?$/.test(name) && keep(name))
    .sort()
    .map((name) => [`${folder}/${name}`, readFileSync(join(ROOT, folder, name))]);
}

/** Every client and server command (each layout), then a peer connection with a message of each layout. */
function everyTable(): Buffer {
  const script = new SessionScript(900_000_000, 6);
  const server = { ip: '192.0.2.1', port: 4000 };
  const client = new UdpClient(script, { ip: '198.51.100.7', port: 1030 }, server, 4242);
  client.send('LOGIN', { PORT: 3300, PASSWORD: 'pw', USER_IP: '198.51.100.7', STATUS: 0 });
  for (const table of ALL_COMMANDS) {
    if (table.direction === 'peer-to-peer') continue;
    for (const layout of table.layouts) {
      const values = { MESSAGE: 'text', NICK_NAME: 'nick', CONTACTS: [{ CONTACT_UIN: 1 }, { CONTACT_UIN: 2 }] };
      if (table.direction === 'client-to-server') client.send(table.name, values, { layout: layout.name });
      else client.receive(table.name, values);
    }
  }
  const peer = new PeerConnection(script, { endpoint: { ip: '198.51.100.7', port: 3301 }, uin: 4242, ip: '198.51.100.7', listenPort: 3300 }, { endpoint: { ip: '198.51.100.8', port: 3300 }, uin: 4343 }, { client: 7000, server: 9000 });
  peer.open();
  peer.message(1, 'hello', -1);
  peer.message(2, 'chat?', -2, { CHAT_PORT: 0 });
  peer.message(3, 'file?', -3, { FILE_NAME: 'a.txt', FILE_SIZE: 10 });
  peer.message(4, ['http://example.com/', 'a page'], -4);
  peer.close();
  return writePcap(ethernetRecords(script), { linkType: LINKTYPE.ETHERNET });
}

/** A short session, each datagram in IP fragments (IPv4, then IPv6) in Ethernet frames with stacked VLAN tags. */
function fragmentsBehindVlans(): Buffer {
  const steps: ScriptStep[] = [
    { fromClient: true, command: 'LOGIN', values: { SEQ_NUM: 1, UIN: 5151, PORT: 3300, PASSWORD: 'secret' } },
    { fromClient: false, command: 'ACK', values: { SEQ_NUM: 1 } },
    { fromClient: true, command: 'SEND_MESSAGE', values: { SEQ_NUM: 2, UIN: 5151, RECEIVER_UIN: 6161, MESSAGE_TYPE: 1, MESSAGE: 'a message long enough to need three fragments '.repeat(3) } },
    { fromClient: false, command: 'RECEIVE_MESSAGE', values: { SEQ_NUM: 1, REMOTE_UIN: 6161, MESSAGE_TYPE: 4, MESSAGE: ['http://example.com/', 'a page'] } },
  ];
  const vlans = [{ tpid: 0x88a8, id: 10 }, { id: 20 }];
  const records = [4, 6].flatMap((version) => {
    const [server, client] = version === 4 ? [{ ip: '192.0.2.1', port: 4000 }, { ip: '198.51.100.9', port: 1031 }] : [{ ip: '2001:db8::1', port: 4000 }, { ip: '2001:db8::9', port: 1031 }];
    return steps.flatMap((step, i) => {
      const packet = step.fromClient ? udpPacket(client, server, encodeStep(step)) : udpPacket(server, client, encodeStep(step));
      const pieces = version === 4 ? fragmentIpv4(packet, 3) : fragmentIpv6(packet, 2, 100 + i);
      return pieces.map((piece) => ethernetFrame(piece, vlans));
    });
  });
  return writePcap(records.map((bytes, i) => ({ time: { seconds: 900_000_000, nanos: i * 1000, digits: 6 }, bytes })), { linkType: LINKTYPE.ETHERNET });
}

/** A pcap seed's IP packets on another link type, in a big-endian pcapng with nanosecond stamps. */
function relinked(pcap: Buffer, linkType: number): Buffer {
  const map = mapCapture(pcap);
  const packets = map.records.flatMap((r) => {
    if (!r.ip) return [];
    const time = { seconds: pcap.readUInt32LE(r.header.at), nanos: pcap.readUInt32LE(r.header.at + 4) * 1000, digits: 9 };
    return [{ interfaceId: 0, time, bytes: linkFrame(linkType, pcap.subarray(r.ip.at, r.frame.at + r.frame.length)) }];
  });
  return writePcapng([{ bigEndian: true, interfaces: [{ linkType, tsresolDigits: 9 }], packets }]);
}

export async function loadSeeds(): Promise<Seed[]> {
  const samples = captureFiles('samples', () => true);
  const data = captureFiles('test/data', (name) => !name.startsWith('fuzz-'));
  const built: [string, Buffer][] = [
    ['encoder: Net::ICQ session', netIcqSession()],
    ['encoder: every table', everyTable()],
    ['encoder: fragments behind VLAN tags', fragmentsBehindVlans()],
  ];
  const micq = data.find(([name]) => name.includes('micq'))?.[1];
  if (micq) built.push(['mICQ on SLL2, pcapng', relinked(micq, LINKTYPE.LINUX_SLL2)], ['mICQ on raw IP, pcapng', relinked(micq, LINKTYPE.RAW)]);
  const seeds: Seed[] = [];
  for (const [name, bytes] of [...samples, ...data, ...built]) {
    const map = mapCapture(bytes);
    seeds.push({ name, bytes, map, icq: await icqTargets(bytes, map) });
  }
  return seeds;
}
