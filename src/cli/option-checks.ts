import { distance } from 'fastest-levenshtein';
import type { Options } from 'yargs';
import { UsageError } from './usage-error.js';

/**
 * Option checking every command shares, before yargs sees the arguments: an option nobody declared is
 * named as typed (`unknown option --colour (did you mean --color?)`), not as yargs' camel-cased keys; a
 * value outside its choices is named with them; numbers are read from the text given, so a bad one is
 * echoed as typed, never as NaN. The declarations are the yargs option maps themselves.
 */

export type OptionMap = Readonly<Record<string, Options>>;

interface Declared {
  /** Every spelling: the key and its aliases. */
  names: Map<string, Options>;
  longNames: string[];
}

function declared(options: OptionMap): Declared {
  const names = new Map<string, Options>();
  for (const [key, option] of Object.entries(options)) {
    const aliases = option.alias === undefined ? [] : Array.isArray(option.alias) ? option.alias : [option.alias];
    for (const name of [key, ...aliases]) names.set(name, option);
  }
  return { names, longNames: [...names.keys()].filter((name) => name.length > 1) };
}

const takesValue = (option: Options): boolean => option.type !== 'boolean' && option.type !== 'count';
const dashes = (name: string): string => (name.length === 1 ? `-${name}` : `--${name}`);

/** The declared spelling closest to a mistyped one: another case of a short option, or a long name within two edits. */
function closest(typed: string, known: Declared): string | undefined {
  if (typed.length === 1) {
    const other = typed === typed.toLowerCase() ? typed.toUpperCase() : typed.toLowerCase();
    return known.names.has(other) ? other : undefined;
  }
  let best: { name: string; edits: number } | undefined;
  for (const name of known.longNames) {
    const edits = distance(typed, name);
    if (edits <= Math.min(2, Math.floor(name.length / 3)) && (best === undefined || edits < best.edits)) best = { name, edits };
  }
  return best?.name;
}

function unknownOption(typed: string, known: Declared): UsageError {
  const near = closest(typed, known);
  return new UsageError(`unknown option ${dashes(typed)}${near === undefined ? '' : ` (did you mean ${dashes(near)}?)`}`);
}

/** A value that must be one of `choices`, named with them when it is not. */
export function expectChoice(option: string, value: string, choices: readonly unknown[]): void {
  if (!choices.includes(value)) throw new UsageError(`${option}: expected ${choices.join('|')}, got '${value}'`);
}

/** A value missing at the end of the arguments is empty, as yargs reads it. */
function checkChoice(name: string, option: Options, value: string | undefined): void {
  if (option.choices !== undefined) expectChoice(dashes(name), value ?? '', option.choices as readonly unknown[]);
}

/**
 * Throws a UsageError for the first option `argv` gives that `options` does not declare, or a value
 * outside an option's choices. Returns `argv` for yargs with every value read as getopt (and tshark)
 * reads it: an option that takes a value takes the next argument whatever it is, so one that starts with
 * a dash (`-Y '-x'`, `-c -1`) is attached (`-Y=-x`), which yargs would otherwise read as options.
 * Values attached to short options are split already (splitAttachedValues).
 */
export function checkArguments(argv: readonly string[], options: OptionMap): string[] {
  const known = declared(options);
  const out: string[] = [];
  /** The option `spelled` takes the next argument as its value. */
  const takeNext = (spelled: string, name: string, option: Options, i: number): number => {
    const value = argv[i + 1];
    checkChoice(name, option, value);
    if (value === undefined) out.push(spelled);
    else out.push(...(value.startsWith('-') ? [`${spelled}=${value}`] : [spelled, value]));
    return i + 1;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return [...out, ...argv.slice(i)];
    if (arg === '-' || !arg.startsWith('-')) {
      out.push(arg);
      continue;
    }
    const long = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (long) {
      const typed = long[1]!;
      // yargs reads --no-NAME as NAME false, for a flag.
      const negated = typed.startsWith('no-') ? known.names.get(typed.slice(3)) : undefined;
      const option = known.names.get(typed) ?? (negated && !takesValue(negated) ? negated : undefined);
      if (option === undefined) throw unknownOption(typed, known);
      if (!takesValue(option) || long[2] !== undefined) {
        if (takesValue(option)) checkChoice(typed, option, long[2]);
        out.push(arg);
      } else i = takeNext(arg, typed, option, i);
      continue;
    }
    // A group of short options (-Vx); the first that takes a value takes the rest of the group or the next argument.
    let next = i;
    for (let at = 1; at < arg.length; at++) {
      const typed = arg[at]!;
      const option = known.names.get(typed);
      if (option === undefined) throw unknownOption(typed, known);
      if (!takesValue(option)) continue;
      if (at + 1 < arg.length) checkChoice(typed, option, arg.slice(at + 1));
      else next = takeNext(arg, typed, option, i);
      break;
    }
    if (next === i) out.push(arg);
    i = next;
  }
  return out;
}

/** A whole number of at least 1, from the text given (`-c 5`, `--session 2`). */
export function positiveInteger(option: string, text: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`${option}: expected a positive integer, got '${text}'`);
  return value;
}

/** A UDP or TCP port number, 1-65535. */
export function portNumber(option: string, text: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= 1 && value <= 65535)) throw new UsageError(`${option}: expected a port number 1-65535, got '${text}'`);
  return value;
}

/** An optional number option given as text: undefined when absent. */
export function optionalNumber(text: string | undefined, read: (text: string) => number): number | undefined {
  return text === undefined ? undefined : read(text);
}
