import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { LayoutError, loadLayouts } from '../protocol/layout-file.js';
import { BUILTIN_REGISTRY, type CommandRegistry } from '../protocol/registry.js';
import { LAYOUTS_OPTION, UsageError } from './options.js';

/**
 * --layouts FILE.json: layouts loaded on top of the built-in tables (src/protocol/layout-file.ts), for
 * every command that reads a capture (the dissect command, flows, and any other that takes the option
 * with `withLayoutsOption` and reads it with `registryFromOption`). Every problem with the file is a
 * UsageError: one line naming the file and the place in it, exit code 1.
 */

/** The option for a command whose parser does not start from withSharedOptions (which has it). */
export function withLayoutsOption<T>(parser: Argv<T>) {
  return parser.option('layouts', LAYOUTS_OPTION);
}

/** The registry to read with: the built-in tables, or them with the file's layouts on top. */
export function registryFromOption(file: string | undefined): CommandRegistry {
  if (file === undefined) return BUILTIN_REGISTRY;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${message})`}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new UsageError(`${file}: ${jsonSyntaxError(text.replace(/^\uFEFF/, ''))}`);
  }
  try {
    return loadLayouts(document, { origin: file });
  } catch (error) {
    if (error instanceof LayoutError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

/** Where JSON.parse failed, as line and column (Node 20's message does not always say), and what stood there. */
export function jsonSyntaxError(text: string): string {
  const at = jsonErrorOffset(text);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  const found = at >= text.length ? 'the file ends too early' : `unexpected ${JSON.stringify(text[at])}`;
  return `JSON syntax error at line ${line}, column ${column}: ${found}`;
}

/** The offset of the first character that is not valid JSON (the length of the text: it ends too early). */
function jsonErrorOffset(text: string): number {
  let pos = 0;
  const space = () => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos]!)) pos++;
  };
  const fail = (): never => {
    throw pos;
  };
  const literal = (word: string) => {
    for (const ch of word) if (text[pos++] !== ch) (pos--, fail());
  };
  const string = () => {
    pos++;
    while (pos < text.length && text[pos] !== '"') {
      if (text.charCodeAt(pos) < 0x20) fail();
      if (text[pos] === '\\') {
        pos++;
        if (text[pos] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 1, pos + 5))) fail();
          pos += 4;
        } else if (!'"\\/bfnrt'.includes(text[pos] ?? 'x')) fail();
      }
      pos++;
    }
    if (pos >= text.length) fail();
    pos++;
  };
  /** An object's members or an array's items, after the opening bracket, up to `close`. */
  const sequence = (close: string, item: () => void) => {
    pos++;
    space();
    if (text[pos] === close) return void pos++;
    for (;;) {
      item();
      space();
      if (text[pos] === close) return void pos++;
      if (text[pos] !== ',') fail();
      pos++;
    }
  };
  const member = () => {
    space();
    if (text[pos] !== '"') fail();
    string();
    space();
    if (text[pos] !== ':') fail();
    pos++;
    value();
  };
  const value = (): void => {
    space();
    const ch = text[pos];
    if (ch === '{') return sequence('}', member);
    if (ch === '[') return sequence(']', value);
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos));
    if (!number) fail();
    pos += number![0].length;
  };
  try {
    value();
    space();
    return pos < text.length ? pos : 0;
  } catch (offset) {
    return Math.min(offset as number, text.length);
  }
}
