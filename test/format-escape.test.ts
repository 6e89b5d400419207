import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeText } from '../src/format/escape.js';

test('escapeText leaves printable text, including non-ASCII letters, alone', () => {
  assert.equal(escapeText('Hello, Åsa! þ €'), 'Hello, Åsa! þ €');
});

test('escapeText shows C0, DEL and C1 controls as \\x escapes and names \\n \\r \\t', () => {
  assert.equal(escapeText('a\x1b[31mb\x00c\x7fd\x85e\x9b'), 'a\\x1b[31mb\\x00c\\x7fd\\x85e\\x9b');
  assert.equal(escapeText('line1\nline2\r\tend'), 'line1\\nline2\\r\\tend');
});

test('escapeText doubles a backslash so an escape on screen always means the byte was there', () => {
  assert.equal(escapeText('C:\\x1b'), 'C:\\\\x1b');
});

test('escapeText escapes line separators and bidi overrides', () => {
  assert.equal(escapeText('a\u2028b\u202ec\u2066'), 'a\\u2028b\\u202ec\\u2066');
});
