/** -w FILE|- [-F pcap|pcapng] [-P]: the frames of the displayed PDUs to a capture file (src/writers/pdu-capture-writer.ts). */
import { plural } from '../protocol/plural.js';
import type { WriteStream } from 'node:fs';
import { PduCaptureWriter, WAIT_BUFFER_BYTES } from '../writers/pdu-capture-writer.js';
import { closeOutputFile, openOutputFile } from './output-file.js';
import { OutputSink } from './output-sink.js';
import { UsageError, type CliOptions } from './options.js';

type WriteOptions = Pick<CliOptions, 'write' | 'writeFormat' | 'print' | 'quiet' | 'statistics'>;

/** As in tshark, the PDU list is printed unless -q, or -w without -P. */
export const listsPdus = (options: WriteOptions): boolean => !options.quiet && (options.write === undefined || options.print);

export interface CaptureOutput {
  writer: PduCaptureWriter;
  /** Decides the frames still held and ends the file (once; later calls get the same answer): a failure to report with exit 1, or a note. */
  close(): Promise<{ failure?: string; note?: string }>;
}

/** Checks -w, -F and -P together; the file is opened before the capture is read, so one that cannot be written fails at once. */
export function openCaptureOutput(options: WriteOptions): CaptureOutput | undefined {
  const { write, writeFormat } = options;
  if (Array.isArray(write)) throw new UsageError(`one -w file only (got ${write.join(', ')})`);
  if (write === undefined) {
    if (writeFormat !== undefined) throw new UsageError('-F needs -w FILE');
    return undefined;
  }
  if (write === '') throw new UsageError('-w needs a file name (or - for standard output)');
  if (write === '-' && options.print) throw new UsageError('-w - writes the capture to standard output: -P cannot print the list there too');
  if (write === '-' && options.statistics.length > 0) throw new UsageError('-w - writes the capture to standard output: -z cannot print its statistics there too');
  const file: WriteStream | undefined = write === '-' ? undefined : openOutputFile(write);
  const sink = new OutputSink(file ?? process.stdout);
  const writer = new PduCaptureWriter(sink, writeFormat);
  const name = file ? write : 'standard output';
  const close = async (): Promise<{ failure?: string; note?: string }> => {
    await writer.finish();
    if (file) await closeOutputFile(file);
    if (sink.error) return { failure: `-w ${name}: cannot write (${sink.error.message})` };
    if (writer.failure) return { failure: `-w ${name}: ${writer.failure}` };
    if (writer.leftOut === 0) return {};
    return { note: `-w ${name}: ${plural(writer.leftOut, 'frame')} that written PDUs need had to be decided before them (more than ${WAIT_BUFFER_BYTES >> 20} MiB of frames waited) and are missing` };
  };
  let closing: ReturnType<typeof close> | undefined;
  return { writer, close: () => (closing ??= close()) };
}
