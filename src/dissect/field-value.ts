import type { FieldSpec, Meaning } from '../protocol/types.js';
import {
  ageText,
  authorizeText,
  cmdTypeText,
  countryStatusText,
  countryText,
  messageTypeText,
  moreFoundText,
  portText,
  sexText,
  statusText,
  trailerText,
} from '../protocol/meanings.js';

/** The human reading of an integer field, by the meaning its table gives it. */
export function displayInteger(meaning: Meaning | undefined, value: number, commandName: (code: number) => string | null): string {
  switch (meaning) {
    case 'status':
      return statusText(value);
    case 'message-type':
      return messageTypeText(value);
    case 'country':
      return countryText(value);
    case 'country-status':
      return countryStatusText(value);
    case 'sex':
      return sexText(value);
    case 'age':
      return ageText(value);
    case 'authorize':
      return authorizeText(value);
    case 'more-found':
      return moreFoundText(value);
    case 'port':
      return portText(value);
    case 'cmd-type':
      return cmdTypeText(value);
    case 'command':
      return `${commandName(value) ?? 'unknown'} (0x${value.toString(16).padStart(4, '0')})`;
    default:
      return String(value);
  }
}

/** X-fields: the number and its bytes' hex reading, since nobody knows yet which one means something. */
export function displayUnknownInteger(value: number, size: number): string {
  const unsigned = size === 4 ? value >>> 0 : value;
  return `${value} (0x${unsigned.toString(16).padStart(size * 2, '0')})`;
}

export function displayRaw(spec: FieldSpec, bytes: Buffer): string {
  if (spec.meaning === 'trailer') return trailerText(bytes);
  return `${bytes.length} byte${bytes.length === 1 ? '' : 's'}`;
}
