import { Chalk, type ChalkInstance } from 'chalk';

/** Colour is decided once by the CLI and passed down: level 0 writes no escape codes at all. */
export type Style = ChalkInstance;

export function createStyle(color: boolean): Style {
  return new Chalk({ level: color ? 1 : 0 });
}

/** Field colours of the hex dump, cycled in wire order so neighbours always differ. */
const FIELD_COLOURS = ['cyan', 'yellow', 'green', 'magenta', 'blue', 'red'] as const;

export function fieldColour(style: Style, index: number): (text: string) => string {
  const name = FIELD_COLOURS[index % FIELD_COLOURS.length] as (typeof FIELD_COLOURS)[number];
  return style[name];
}
