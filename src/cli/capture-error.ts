import type { CaptureError } from '../capture/record.js';

/**
 * A capture that could not be read (or was cut short) as every command reports it: one line on stderr,
 * naming standard input as `<stdin>` (a spooled copy's path means nothing to the user), and the exit
 * code tshark gives: 2 for a truncated capture, else 1.
 */
export function reportCaptureError(stderr: NodeJS.WritableStream, error: CaptureError, fromStdin: boolean): number {
  stderr.write(`icq2-dissect: ${fromStdin ? '<stdin>' : error.file}: ${error.message}\n`);
  return error.kind === 'truncated' ? 2 : 1;
}
