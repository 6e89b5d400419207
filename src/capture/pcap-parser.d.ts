/** The part of the untyped `pcap-parser` package (CommonJS, 0.2.x) that pcap.ts drives. */
declare module 'pcap-parser' {
  import type { EventEmitter } from 'node:events';

  /** Anything with on/pause/resume can feed the parser: it listens for 'data', 'error' and 'end'. */
  export interface PcapInput extends EventEmitter {
    pause(): void;
    resume(): void;
  }

  export interface PcapGlobalHeader {
    magicNumber: number;
    majorVersion: number;
    minorVersion: number;
    gmtOffset: number;
    timestampAccuracy: number;
    snapshotLength: number;
    linkLayerType: number;
  }

  export interface PcapPacketHeader {
    timestampSeconds: number;
    /** Nanoseconds when the file is a nanosecond one (the parser does not know). */
    timestampMicroseconds: number;
    capturedLength: number;
    originalLength: number;
  }

  export interface PcapPacket {
    header: PcapPacketHeader;
    data: Buffer;
  }

  export function parse(input: string | PcapInput): EventEmitter;
}
