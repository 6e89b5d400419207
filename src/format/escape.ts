/**
 * Text from the wire must never drive the terminal: control characters (C0, DEL, C1), line and
 * paragraph separators and bidi overrides are shown as escapes, and the backslash is doubled so
 * an escape on screen always means the byte was there.
 */
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x1f\x7f-\x9f\\\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** True when a character below needs an escape: most text from the wire needs none, and a scan is cheaper than a replace. */
function needsEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x5c || (c >= 0x7f && c <= 0x9f) || (c >= 0x2028 && c <= 0x2069)) return true;
  }
  return false;
}

export function escapeText(text: string): string {
  if (!needsEscape(text)) return text;
  return text.replace(UNSAFE, (ch) => {
    const named = NAMED[ch];
    if (named !== undefined) return named;
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
