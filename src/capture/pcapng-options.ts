import { readU16 } from './endian.js';
import { OPTION, padded } from './pcapng-blocks.js';

export interface BlockOption {
  code: number;
  value: Buffer;
}

/** Options from `start` to the end of a block body; stops at opt_endofopt or at an option that overruns the body. */
export function readOptions(body: Buffer, start: number, bigEndian: boolean): BlockOption[] {
  const options: BlockOption[] = [];
  let offset = start;
  while (offset + 4 <= body.length) {
    const code = readU16(body, offset, bigEndian);
    const length = readU16(body, offset + 2, bigEndian);
    if (code === OPTION.endOfOptions || offset + 4 + length > body.length) break;
    options.push({ code, value: body.subarray(offset + 4, offset + 4 + length) });
    offset += 4 + padded(length);
  }
  return options;
}
