/** Frames as pcap or pcapng bytes as they are decided: the file header first, in pcapng an interface block before each interface's first frame. */
import type { CaptureRecord } from '../capture/record.js';
import { LINKTYPE } from '../net/link.js';
import { DEFAULT_SNAP_LENGTH, pcapFileHeader, pcapRecord, type PcapWriteOptions } from './write-pcap.js';
import { enhancedPacket, interfaceDescription, sectionHeader, type PcapngInterface } from './write-pcapng.js';

export type CaptureFileFormat = 'pcap' | 'pcapng';
export const CAPTURE_FILE_FORMATS: readonly CaptureFileFormat[] = ['pcap', 'pcapng'];

/** pcapng's default resolution, which its interface blocks need not state. */
const MICROSECOND_DIGITS = 6;

/** A frame the chosen format cannot hold. */
export class CaptureWriteError extends Error {}

export class CaptureEncoder {
  private started = false;
  private pcap: PcapWriteOptions | undefined;
  private readonly interfaces = new Map<string, { id: number; iface: PcapngInterface }>();

  /**
   * `model`: the input's first record, whose link type, resolution and (from a pcap input) snap length a
   * pcap file takes; undefined for an input without frames.
   */
  constructor(
    private readonly format: CaptureFileFormat,
    private readonly input: CaptureFileFormat | undefined,
    private readonly model: CaptureRecord | undefined,
  ) {}

  /** The file header, once: what a file without frames holds. */
  start(): Buffer[] {
    if (this.started) return [];
    this.started = true;
    if (this.format === 'pcapng') return [sectionHeader()];
    const { model } = this;
    this.pcap = {
      linkType: model?.linkType ?? LINKTYPE.ETHERNET,
      // A pcapng interface's snap length may be 0 (none) or smaller than another interface's frames.
      snapLength: this.input === 'pcap' && model && model.snapLength > 0 ? model.snapLength : DEFAULT_SNAP_LENGTH,
      nanosecond: (model?.time.digits ?? MICROSECOND_DIGITS) > MICROSECOND_DIGITS,
    };
    return [pcapFileHeader(this.pcap)];
  }

  /** `bytes`: the record's, or a redacted copy of them. */
  frame(record: CaptureRecord, bytes: Buffer): Buffer[] {
    const out = this.start();
    const written = { time: record.time, bytes, originalLength: record.originalLength };
    if (this.pcap) {
      if (record.linkType !== this.pcap.linkType) {
        throw new CaptureWriteError(`frame ${record.index} has link type ${record.linkType} and the pcap file ${this.pcap.linkType}: pcap holds one link type (pcapng holds several)`);
      }
      return [...out, ...pcapRecord(written, this.pcap)];
    }
    const { interfaceId, linkType, snapLength } = record;
    const { digits } = record.time;
    const key = `${interfaceId}/${linkType}/${snapLength}/${digits}`;
    let entry = this.interfaces.get(key);
    if (!entry) {
      entry = { id: this.interfaces.size, iface: { linkType, snapLength, ...(digits === MICROSECOND_DIGITS ? {} : { tsresolDigits: digits }) } };
      this.interfaces.set(key, entry);
      out.push(interfaceDescription(entry.iface));
    }
    out.push(enhancedPacket({ ...written, interfaceId: entry.id }, entry.iface));
    return out;
  }
}
