/**
 * Bytes kept across frames must own their memory: a view (subarray) keeps its whole parent alive, and a
 * small Buffer.from() copy comes from Node's shared 8 KiB pool, so one remembered byte per connection
 * would keep one pool slab per connection alive. An unpooled copy of exactly the bytes avoids both.
 */
/** The one empty buffer every holder of nothing shares (each Buffer.alloc(0) is an object of its own, times 10,000 connections). */
export const EMPTY = Buffer.alloc(0);

export function ownCopy(bytes: Buffer): Buffer {
  if (bytes.length === 0) return EMPTY;
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}

/** `a` then `b` in one unpooled buffer (Buffer.concat's small results come from the pool). */
export function joined(a: Buffer, b: Buffer): Buffer {
  if (a.length === 0) return ownCopy(b);
  const both = Buffer.allocUnsafeSlow(a.length + b.length);
  a.copy(both);
  b.copy(both, a.length);
  return both;
}
