import { COUNTRIES } from './countries.js';
import { plural } from './plural.js';
import type { Meaning } from './types.js';

/**
 * What values mean, as the document and NOTES.md give them. Pure functions: raw value in, reading out.
 * Values nobody names are shown in hex with the known bits named.
 */

const hex = (value: number, digits: number) => `0x${value.toString(16).padStart(digits, '0')}`;

/** licq's status bits. The document's own four values are named as it names them (its DND 0x11 is two bits). */
const STATUS_BITS: readonly [number, string][] = [
  [0x00000001, 'away'],
  [0x00000002, 'DND'],
  [0x00000004, 'N/A'],
  [0x00000010, 'occupied'],
  [0x00000020, 'free for chat'],
  [0x00000100, 'invisible'],
  [0x00010000, 'web presence'],
  [0x00020000, 'hide IP'],
];

/**
 * The document's four values, named as the document names them. Its DND (0x11) is two of licq's bits,
 * away and occupied, not licq's DND (0x02): the document's name comes first, then licq's reading.
 */
const STATUS_DOCUMENT = new Map([
  [0x00000000, 'online'],
  [0x00000001, 'away'],
  [0x00000011, 'Do Not Disturb (DND), licq bits away + occupied'],
  [0x00000100, 'invisible'],
]);

/** licq's names of the bits set in a status (the bits nobody names in hex). */
function statusBits(value: number): string[] {
  const names = STATUS_BITS.filter(([bit]) => (value & bit) !== 0).map(([, name]) => name);
  const known = STATUS_BITS.reduce((all, [bit]) => all | bit, 0);
  const rest = value & ~known;
  if (rest !== 0) names.push(`unknown bits ${hex(rest >>> 0, 8)}`);
  return names;
}

export function statusText(value: number): string {
  return STATUS_DOCUMENT.get(value) ?? `${statusBits(value).join(', ')} (${hex(value >>> 0, 8)})`;
}

const MESSAGE_TYPES = new Map([
  [0x0001, 'message'],
  [0x0002, 'chat request'],
  [0x0003, 'file request'],
  [0x0004, 'URL'],
  [0x0006, 'authorization request'],
  [0x0008, 'authorization granted'],
  [0x000c, 'you were added'],
  [0x0013, 'contact list'],
]);

/** The 0x8000 bit marks a variant of a type (NOTES.md). */
export const MESSAGE_TYPE_VARIANT_BIT = 0x8000;

export function messageTypeText(value: number): string {
  const base = MESSAGE_TYPES.get(value & ~MESSAGE_TYPE_VARIANT_BIT) ?? `type ${hex(value & ~MESSAGE_TYPE_VARIANT_BIT, 4)}`;
  return (value & MESSAGE_TYPE_VARIANT_BIT) !== 0 ? `${base} (variant, 0x8000 set)` : base;
}

const NOT_ENTERED = 0xffff;

const COUNTRY_STATUSES = new Map([
  [0xfe, 'country entered'],
  [0x9c, 'no country entered'],
]);
const SEXES = new Map([
  [0, 'not specified'],
  [1, 'female'],
  [2, 'male'],
]);
const AUTHORIZATIONS = new Map([
  [0, 'must authorize'],
  [1, 'anyone may add'],
]);
const MORE_FOUND = new Map([
  [0, 'all found'],
  [1, 'more found (stopped at 40)'],
]);
const CMD_TYPES = new Map([
  [0x0010, 'new message'],
  [0x0000, 'auto reply'],
]);

export function countryText(value: number): string {
  if (value === NOT_ENTERED) return 'not entered';
  return COUNTRIES.get(value) ?? `country code ${value}`;
}

export const countryStatusText = (value: number): string => COUNTRY_STATUSES.get(value) ?? hex(value, 2);
export const sexText = (value: number): string => SEXES.get(value) ?? `unknown (${value})`;
export const ageText = (value: number): string => (value === NOT_ENTERED ? 'not entered' : String(value));
export const authorizeText = (value: number): string => AUTHORIZATIONS.get(value) ?? `unknown (${value})`;
export const moreFoundText = (value: number): string => MORE_FOUND.get(value) ?? `unknown (${value})`;
export const cmdTypeText = (value: number): string => CMD_TYPES.get(value) ?? hex(value, 4);

/** The values a meaning names, as tables: `-G values` lists them (the readings above look them up). */
export const NAMED_VALUES: Partial<Record<Meaning, ReadonlyMap<number, string>>> = {
  status: STATUS_DOCUMENT,
  'message-type': MESSAGE_TYPES,
  country: new Map([...COUNTRIES, [NOT_ENTERED, 'not entered']]),
  'country-status': COUNTRY_STATUSES,
  sex: SEXES,
  age: new Map([[NOT_ENTERED, 'not entered']]),
  authorize: AUTHORIZATIONS,
  'more-found': MORE_FOUND,
  'cmd-type': CMD_TYPES,
};

/** mICQ writes PORT as port + 0x10000: the low half is the port, a high half is worth saying. */
export function portText(value: number): string {
  const port = value & 0xffff;
  const high = value >>> 16;
  return high === 0 ? String(port) : `${port} (high half ${hex(high, 4)})`;
}

/** What the TEXT_CODEs the document names ask for, in its words. */
const TEXT_CODES = new Map([
  ['B_USER_DISCONNECTED', 'the user has disconnected'],
  ['B_MESSAGE_ACK', 'the client has problems connecting to the server: a request for the server to answer immediately'],
]);

/** The texts the text meanings name, with what each says: `-G values` lists them. */
export const NAMED_TEXTS: Readonly<Record<'text-code' | 'authorize-digit', ReadonlyMap<string, string>>> = {
  'text-code': TEXT_CODES,
  'authorize-digit': new Map(['1', '0'].map((digit) => [digit, authorizeText(Number(digit))])),
};

/** The texts each text meaning reads (any other text reads as itself): the Lua export tabulates their readings. */
export const READ_TEXTS: Readonly<Record<'text-code' | 'authorize-digit', readonly string[]>> = {
  'text-code': [...NAMED_TEXTS['text-code'].keys()],
  'authorize-digit': [...NAMED_TEXTS['authorize-digit'].keys()],
};

/** The reading of a text field by the meaning its table gives it; undefined when it reads as itself. */
export function textReading(meaning: Meaning, text: string): string | undefined {
  if (meaning === 'text-code') {
    const reading = TEXT_CODES.get(text);
    return reading === undefined ? undefined : `${text} (${reading})`;
  }
  if (meaning === 'authorize-digit') {
    // The document: '1' (31) if the user allows anyone to add him/her, '0' (30) otherwise.
    return text === '1' || text === '0' ? `'${text}' (${authorizeText(Number(text))})` : undefined;
  }
  return undefined;
}

/** licq appends 'L' and its version (u16) to every peer message. */
export function trailerText(bytes: Buffer): string {
  if (bytes.length === 3 && bytes[0] === 0x4c) return `licq tag: "L", version ${bytes.readUInt16LE(1)}`;
  return plural(bytes.length, 'byte');
}

/** The bits a meaning names, bit and name (`STATUS & DND` in a display filter; `-G values` lists them). */
export const NAMED_BITS: Partial<Record<Meaning, readonly (readonly [number, string])[]>> = {
  status: STATUS_BITS,
  'message-type': [[MESSAGE_TYPE_VARIANT_BIT, 'variant']],
};

/** Counts read with their noun, in the singular for one ("1 contact"): the Lua export reads them too. */
export const COUNT_NOUNS: Partial<Record<Meaning, string>> = { 'contact-count': 'contact' };

/** The reading of an integer field by the meaning its table gives it (COMMAND is read through the registry). */
export const INTEGER_READINGS: Partial<Record<Meaning, (value: number) => string>> = {
  status: statusText,
  'message-type': messageTypeText,
  country: countryText,
  'country-status': countryStatusText,
  sex: sexText,
  age: ageText,
  authorize: authorizeText,
  'more-found': moreFoundText,
  port: portText,
  'cmd-type': cmdTypeText,
  ...Object.fromEntries(Object.entries(COUNT_NOUNS).map(([meaning, noun]) => [meaning, (value: number) => plural(value, noun)])),
};
