import { prepareInputs } from './spool-stdin.js';
import type { CaptureInput } from '../capture/open.js';
import { CaptureError } from '../capture/record.js';
import { reportCaptureError } from './capture-error.js';

/**
 * How every command reads its captures: `body` runs over the files prepared (a missing one refused first,
 * streams spooled when `readTwice`); a CaptureError from either is reported as one line and its exit
 * code returned; the spooled copies are removed after.
 */
export async function withCaptureInputs(
  files: readonly string[],
  readTwice: boolean,
  stderr: NodeJS.WritableStream,
  body: (inputs: readonly CaptureInput[]) => Promise<number>,
): Promise<number> {
  let release = async () => {};
  try {
    const prepared = await prepareInputs(files, readTwice);
    release = prepared.release;
    return await body(prepared.inputs);
  } catch (error) {
    if (error instanceof CaptureError) return reportCaptureError(stderr, error);
    throw error;
  } finally {
    await release();
  }
}
