import type { CaptureError } from '../capture/record.js';

/**
 * A capture that could not be read (or was cut short) as every command reports it: one line on stderr
 * naming the file (standard input as `<stdin>`, also when spooled to a temporary file), and the exit
 * code tshark gives: 2 for a truncated capture, else 1.
 */
export function reportCaptureError(stderr: NodeJS.WritableStream, error: CaptureError): number {
  stderr.write(`icq2-dissect: ${error.file}: ${error.message}\n`);
  return error.kind === 'truncated' ? 2 : 1;
}
