import { EventEmitter } from 'node:events';
import { parse, type PcapGlobalHeader, type PcapInput, type PcapPacket, type PcapPacketHeader } from 'pcap-parser';
import { CaptureError, type CaptureRecord, type Timestamp } from './record.js';
import { PCAP_MICRO_MAGIC } from './magic.js';
import type { PcapFormat } from './sniff.js';
import { MICROSECONDS, NANOSECONDS, timestampFromUnits } from './timestamp.js';

const FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;
/** Largest captured length accepted whatever the snap length says (libpcap's own maximum). */
export const MAX_CAPTURED_LENGTH = 256 * 1024;

/** An input pcap-parser accepts: we emit 'data' into it ourselves, so pause/resume have nothing to do. */
class FeedInput extends EventEmitter implements PcapInput {
  pause(): void {}
  resume(): void {}
}

/**
 * Classic pcap through the pcap-parser package, driven chunk by chunk. The wrapper supplies what the package
 * lacks: nanosecond files, an 'error' listener, a bound on record lengths (256 KiB, whatever the snap length says), and truncation detection.
 */
export async function* readPcap(
  chunks: AsyncIterable<Buffer>,
  format: PcapFormat,
  file: string,
): AsyncGenerator<CaptureRecord[]> {
  const resolution = format.nanosecond ? NANOSECONDS : MICROSECONDS;
  const perSecond = 10 ** resolution.exponent;
  const nanosPerUnit = 10 ** (9 - resolution.exponent);
  const digits = resolution.exponent;
  const input = new FeedInput();
  const parser = parse(input);

  let snapLength = 0;
  let linkType = 0;
  let headers = 0;
  let consumed = FILE_HEADER_LENGTH;
  let fed = 0;
  let openHeader: PcapPacketHeader | undefined;
  let failure: CaptureError | undefined;
  let ready: CaptureRecord[] = [];

  // The fraction is below a second in every sane file: then no BigInt is needed (it cost 0.2 s per 200k records).
  const recordTime = (seconds: number, fraction: number): Timestamp =>
    fraction < perSecond
      ? { seconds, nanos: fraction * nanosPerUnit, digits }
      : timestampFromUnits(BigInt(seconds) * BigInt(perSecond) + BigInt(fraction), resolution);

  parser.on('error', (error: Error) => {
    failure ??= new CaptureError('corrupt', file, `bad pcap file header: ${error.message}`);
  });
  parser.on('globalHeader', (header: PcapGlobalHeader) => {
    snapLength = header.snapshotLength;
    linkType = header.linkLayerType;
  });
  parser.on('packetHeader', (header: PcapPacketHeader) => {
    headers += 1;
    openHeader = header;
    // A record past the header's snap length is read, as tshark reads it (Scapy writes such files); the
    // network layer notes it. Only a length past libpcap's own maximum is taken for corruption.
    if (header.capturedLength > MAX_CAPTURED_LENGTH) {
      failure ??= new CaptureError('corrupt', file, `record ${headers}: captured length ${header.capturedLength} exceeds ${MAX_CAPTURED_LENGTH} bytes`);
    }
  });
  parser.on('packet', ({ header, data }: PcapPacket) => {
    if (failure) return; // the parser runs on past a bad length; nothing after it is trustworthy
    openHeader = undefined;
    consumed += RECORD_HEADER_LENGTH + header.capturedLength;
    ready.push({
      index: headers,
      time: recordTime(header.timestampSeconds, header.timestampMicroseconds),
      linkType,
      interfaceId: 0,
      snapLength,
      capturedLength: data.length,
      originalLength: header.originalLength,
      bytes: data,
    });
  });

  for await (const chunk of chunks) {
    // pcap-parser only knows microsecond magics; the resolution is remembered above.
    const fresh = fed === 0 && format.nanosecond ? withMicrosecondMagic(chunk, format.bigEndian) : chunk;
    fed += fresh.length;
    input.emit('data', fresh);
    const records = ready;
    ready = [];
    if (records.length > 0) yield records;
    if (failure) throw failure;
  }
  if (fed > consumed || fed < FILE_HEADER_LENGTH) throw truncation(fed, consumed, headers, openHeader, file);
}

function withMicrosecondMagic(first: Buffer, bigEndian: boolean): Buffer {
  const patched = Buffer.from(first);
  if (bigEndian) patched.writeUInt32BE(PCAP_MICRO_MAGIC, 0);
  else patched.writeUInt32LE(PCAP_MICRO_MAGIC, 0);
  return patched;
}

function truncation(
  fed: number,
  consumed: number,
  headers: number,
  openHeader: PcapPacketHeader | undefined,
  file: string,
): CaptureError {
  if (fed < FILE_HEADER_LENGTH) {
    return new CaptureError('truncated', file, `cut short in the file header (${fed} of ${FILE_HEADER_LENGTH} bytes)`);
  }
  const have = fed - consumed;
  if (!openHeader) {
    return new CaptureError(
      'truncated',
      file,
      `cut short in record ${headers + 1} (${have} of ${RECORD_HEADER_LENGTH} header bytes)`,
    );
  }
  const want = RECORD_HEADER_LENGTH + openHeader.capturedLength;
  return new CaptureError('truncated', file, `cut short in record ${headers} (${have} of ${want} bytes)`);
}
