/** wrap-ansi 7 (CommonJS, no bundled types): word wrap that keeps ANSI colour codes whole. */
declare module 'wrap-ansi' {
  interface Options {
    /** Cut a word longer than the width (default false: it overflows). */
    hard?: boolean;
    /** Break at spaces (default true). */
    wordWrap?: boolean;
    /** Drop the spaces a line starts and ends with (default true). */
    trim?: boolean;
  }
  export default function wrapAnsi(text: string, columns: number, options?: Options): string;
}
