/** cli-table3's own cell measuring and cutting (CommonJS, 0.6.x), used where a streamed row must match its layout exactly. */
declare module 'cli-table3/src/utils.js' {
  const utils: {
    /** Display width of the widest line, ANSI codes left out (string-width). */
    strlen(text: string): number;
    /** Cuts to `width` columns ending in `truncateChar`, closing any ANSI state it cut through. */
    truncate(text: string, width: number, truncateChar?: string): string;
    /** Pads to `width` columns. */
    pad(text: string, width: number, padding: string, direction: 'left' | 'right' | 'center'): string;
  };
  export default utils;
}
