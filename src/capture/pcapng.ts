import { ByteQueue } from './byte-queue.js';
import { readI64, readU16, readU32 } from './endian.js';
import { PCAPNG_BYTE_ORDER_MAGIC } from './magic.js';
import {
  BLOCK,
  BLOCK_HEADER_LENGTH,
  BLOCK_TRAILER_LENGTH,
  MAX_BLOCK_LENGTH,
  MIN_BLOCK_LENGTH,
  OPTION,
  SHB_PREFIX_LENGTH,
} from './pcapng-blocks.js';
import { readOptions } from './pcapng-options.js';
import { CaptureError, type CaptureRecord } from './record.js';
import { MICROSECONDS, timestampFromUnits, type Resolution } from './timestamp.js';

interface Interface {
  linkType: number;
  snapLength: number;
  resolution: Resolution;
  /** if_tsoffset: seconds to add to every timestamp. */
  offsetSeconds: number;
}

interface Section {
  bigEndian: boolean;
  /** Interface ids count from 0 again in every section. */
  interfaces: Interface[];
}

interface BlockHeader {
  type: number;
  length: number;
  bigEndian: boolean;
}

interface Block extends BlockHeader {
  /** File offset of the block's first byte, for messages. */
  offset: number;
  /** Bytes between the two length words. */
  body: Buffer;
}

const EPB_FIXED_LENGTH = 20;
const SPB_FIXED_LENGTH = 4;
const IDB_FIXED_LENGTH = 8;
const SHB_FIXED_LENGTH = 16;

/** pcapng, block by block as the chunks arrive; only the unparsed tail is kept. */
export async function* readPcapng(chunks: AsyncIterable<Buffer>, file: string): AsyncGenerator<CaptureRecord[]> {
  const reader = new PcapngReader(file);
  for await (const chunk of chunks) {
    const records: CaptureRecord[] = [];
    // A damaged block throws after the records before it were handed on, as the record iterator promises.
    try {
      for (const record of reader.push(chunk)) records.push(record);
    } catch (error) {
      if (records.length > 0) yield records;
      throw error;
    }
    if (records.length > 0) yield records;
  }
  reader.finish();
}

class PcapngReader {
  private readonly queue = new ByteQueue();
  /** File offset of the first queued byte. */
  private offset = 0;
  private section: Section | undefined;
  private records = 0;

  constructor(private readonly file: string) {}

  /** Takes a chunk and gives the records of every block it completes. */
  *push(chunk: Buffer): Generator<CaptureRecord> {
    this.queue.push(chunk);
    for (let block = this.nextBlock(); block; block = this.nextBlock()) {
      const record = this.handle(block);
      if (record) yield record;
    }
  }

  /** Called at the end of the data: anything left over is a block cut short. */
  finish(): void {
    const have = this.queue.length;
    if (have === 0) return;
    const header = this.blockHeader();
    const isRecord = header?.type === BLOCK.enhancedPacket || header?.type === BLOCK.simplePacket;
    const where = isRecord ? `record ${this.records + 1}` : `the block at byte ${this.offset}`;
    const want = header ? `${header.length}` : `at least ${MIN_BLOCK_LENGTH}`;
    throw new CaptureError('truncated', this.file, `cut short in ${where} (${have} of ${want} bytes)`);
  }

  /** Type and length of the first queued block, once enough bytes arrived to know them; checks the length. */
  private blockHeader(): BlockHeader | undefined {
    if (this.queue.length < BLOCK_HEADER_LENGTH) return undefined;
    const isSectionHeader = this.queue.peek(4).readUInt32BE(0) === BLOCK.sectionHeader; // palindrome: any order
    let bigEndian: boolean;
    if (isSectionHeader) {
      if (this.queue.length < SHB_PREFIX_LENGTH) return undefined;
      bigEndian = this.byteOrder(this.queue.peek(SHB_PREFIX_LENGTH));
    } else if (this.section) {
      bigEndian = this.section.bigEndian;
    } else {
      throw this.corrupt('data before the first section header');
    }
    const start = this.queue.peek(BLOCK_HEADER_LENGTH);
    const type = readU32(start, 0, bigEndian);
    const length = readU32(start, 4, bigEndian);
    if (length % 4 !== 0 || length < MIN_BLOCK_LENGTH || length > MAX_BLOCK_LENGTH) {
      throw this.corrupt(`bad total length ${length} (needs a multiple of 4 from ${MIN_BLOCK_LENGTH} to ${MAX_BLOCK_LENGTH})`);
    }
    return { type, length, bigEndian };
  }

  private byteOrder(prefix: Buffer): boolean {
    const magic = prefix.readUInt32BE(BLOCK_HEADER_LENGTH);
    if (magic === PCAPNG_BYTE_ORDER_MAGIC) return true;
    if (prefix.readUInt32LE(BLOCK_HEADER_LENGTH) === PCAPNG_BYTE_ORDER_MAGIC) return false;
    throw this.corrupt(`section header has no byte-order magic (${prefix.subarray(8, 12).toString('hex')})`);
  }

  private nextBlock(): Block | undefined {
    const header = this.blockHeader();
    if (!header || this.queue.length < header.length) return undefined;
    const bytes = this.queue.peek(header.length);
    const trailing = readU32(bytes, header.length - BLOCK_TRAILER_LENGTH, header.bigEndian);
    if (trailing !== header.length) {
      throw this.corrupt(`trailing length ${trailing} differs from leading length ${header.length}`);
    }
    const block = {
      ...header,
      offset: this.offset,
      body: bytes.subarray(BLOCK_HEADER_LENGTH, header.length - BLOCK_TRAILER_LENGTH),
    };
    this.queue.skip(header.length);
    this.offset += header.length;
    return block;
  }

  private handle(block: Block): CaptureRecord | undefined {
    switch (block.type) {
      case BLOCK.sectionHeader:
        this.requireBody(block, SHB_FIXED_LENGTH, 'section header');
        this.section = { bigEndian: block.bigEndian, interfaces: [] };
        return undefined;
      case BLOCK.interfaceDescription:
        this.requireBody(block, IDB_FIXED_LENGTH, 'interface description');
        this.currentSection().interfaces.push(describeInterface(block.body, block.bigEndian));
        return undefined;
      case BLOCK.enhancedPacket:
        this.requireBody(block, EPB_FIXED_LENGTH, 'enhanced packet');
        return this.enhancedPacket(block);
      case BLOCK.simplePacket:
        this.requireBody(block, SPB_FIXED_LENGTH, 'simple packet');
        return this.simplePacket(block);
      default:
        return undefined; // name resolution, statistics, custom blocks ...: nothing a frame needs
    }
  }

  private enhancedPacket({ body, bigEndian }: Block): CaptureRecord {
    const interfaceId = readU32(body, 0, bigEndian);
    const iface = this.interfaceFor(interfaceId);
    const units = (BigInt(readU32(body, 4, bigEndian)) << 32n) | BigInt(readU32(body, 8, bigEndian));
    const capturedLength = readU32(body, 12, bigEndian);
    if (capturedLength > body.length - EPB_FIXED_LENGTH) {
      throw this.recordCorrupt(`captured length ${capturedLength} overruns its block`);
    }
    const time = timestampFromUnits(units, iface.resolution);
    time.seconds += iface.offsetSeconds;
    return this.record(iface, interfaceId, time, body.subarray(EPB_FIXED_LENGTH, EPB_FIXED_LENGTH + capturedLength), readU32(body, 16, bigEndian));
  }

  private simplePacket({ body, bigEndian }: Block): CaptureRecord {
    const iface = this.interfaceFor(0);
    const originalLength = readU32(body, 0, bigEndian);
    const room = body.length - SPB_FIXED_LENGTH;
    const capturedLength = Math.min(originalLength, iface.snapLength > 0 ? iface.snapLength : room, room);
    const bytes = body.subarray(SPB_FIXED_LENGTH, SPB_FIXED_LENGTH + capturedLength);
    return this.record(iface, 0, timestampFromUnits(0n, iface.resolution), bytes, originalLength);
  }

  private record(
    iface: Interface,
    interfaceId: number,
    time: CaptureRecord['time'],
    bytes: Buffer,
    originalLength: number,
  ): CaptureRecord {
    this.records += 1;
    return {
      index: this.records,
      time,
      linkType: iface.linkType,
      interfaceId,
      snapLength: iface.snapLength,
      capturedLength: bytes.length,
      originalLength,
      bytes,
    };
  }

  private currentSection(): Section {
    if (!this.section) throw this.corrupt('block before the first section header');
    return this.section;
  }

  private interfaceFor(id: number): Interface {
    const iface = this.currentSection().interfaces[id];
    if (!iface) throw this.recordCorrupt(`interface ${id} is not described in its section`);
    return iface;
  }

  private requireBody(block: Block, length: number, name: string): void {
    if (block.body.length < length) {
      throw new CaptureError('corrupt', this.file, `block at byte ${block.offset}: too short for a ${name} block (${block.length} bytes)`);
    }
  }

  /** A fault in the block at the head of the queue. */
  private corrupt(problem: string): CaptureError {
    return new CaptureError('corrupt', this.file, `block at byte ${this.offset}: ${problem}`);
  }

  private recordCorrupt(problem: string): CaptureError {
    return new CaptureError('corrupt', this.file, `record ${this.records + 1}: ${problem}`);
  }
}

/** Link type, snap length and the time options of an Interface Description Block body. */
function describeInterface(body: Buffer, bigEndian: boolean): Interface {
  const iface: Interface = {
    linkType: readU16(body, 0, bigEndian),
    snapLength: readU32(body, 4, bigEndian),
    resolution: MICROSECONDS,
    offsetSeconds: 0,
  };
  for (const { code, value } of readOptions(body, IDB_FIXED_LENGTH, bigEndian)) {
    if (code === OPTION.ifTsresol && value.length >= 1) {
      const raw = value[0]!;
      iface.resolution = raw & 0x80 ? { base: 2, exponent: raw & 0x7f } : { base: 10, exponent: raw };
    } else if (code === OPTION.ifTsoffset && value.length >= 8) {
      iface.offsetSeconds = Number(readI64(value, 0, bigEndian));
    }
  }
  return iface;
}
