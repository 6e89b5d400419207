import { writePcap, type WritableRecord } from '../../src/writers/write-pcap.js';
import { writePcapng } from '../../src/writers/write-pcapng.js';
import { ethernetFrame, sllFrame } from '../../src/writers/build-link.js';
import { sampleSession } from './scenario.js';
import type { SessionScript } from './session-script.js';

const LINKTYPE_ETHERNET = 1;
const LINKTYPE_LINUX_SLL = 113;

/** A scripted session's packets as Ethernet frames with their times (the samples and the benchmark). */
export function ethernetRecords(script: SessionScript): WritableRecord[] {
  return script.packets.map((p) => ({ time: p.time, bytes: ethernetFrame(p.packet) }));
}

/** Every bundled sample, by file name: the same session as classic pcap (µs) and as pcapng (ns, two interfaces). */
export function buildSamples(): Map<string, Buffer> {
  const micro = sampleSession(6);
  const nano = sampleSession(9);
  const pcap = writePcap(ethernetRecords(micro), { linkType: LINKTYPE_ETHERNET });
  // pcapng: the UDP side captured on an Ethernet interface, the peer TCP side on a Linux "any" (SLL) one.
  const pcapng = writePcapng([
    {
      interfaces: [
        { linkType: LINKTYPE_ETHERNET, snapLength: 65535, tsresolDigits: 9 },
        { linkType: LINKTYPE_LINUX_SLL, snapLength: 65535, tsresolDigits: 9 },
      ],
      packets: nano.packets.map((p) =>
        p.transport === 'udp' ? { interfaceId: 0, time: p.time, bytes: ethernetFrame(p.packet) } : { interfaceId: 1, time: p.time, bytes: sllFrame(p.packet) },
      ),
    },
  ]);
  return new Map([
    ['session.pcap', pcap],
    ['session.pcapng', pcapng],
  ]);
}
