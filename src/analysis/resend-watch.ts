import type { Timestamp } from '../capture/record.js';
import { secondsBetween } from '../dissect/time.js';
import type { Pending } from './pending-ordinals.js';
import type { Copy } from './side-tracker.js';

/**
 * First copies of acknowledged packets, held from being shown for `seconds` after their ACK: a client
 * whose ACK was lost sends the packet again, and its first copy should still say "retransmitted in frame
 * N". One FIFO for the whole analysis, advanced by the capture's clock, so a silent session holds nothing
 * longer than that; its length is bounded by the ACKs of that many seconds.
 */
export class ResendWatch {
  private readonly watched: { copy: Copy; since: Timestamp }[] = [];
  private head = 0;

  constructor(
    private readonly pending: Pending,
    private readonly seconds: number,
  ) {}

  /** Holds `copy` (no longer held by its side) from its ACK at `since`. */
  watch(copy: Copy, since: Timestamp): void {
    copy.watched = true;
    this.pending.hold(copy.ordinal);
    this.watched.push({ copy, since });
  }

  /** Releases every copy watched longer than `seconds` by `now` (call before the PDU at `now` is observed). */
  advance(now: Timestamp): void {
    const { watched } = this;
    while (this.head < watched.length && secondsBetween(watched[this.head]!.since, now) > this.seconds) {
      const { copy } = watched[this.head++]!;
      copy.watched = false;
      this.pending.release(copy.ordinal);
    }
    if (this.head > 1024 && this.head * 2 > watched.length) {
      watched.splice(0, this.head);
      this.head = 0;
    }
  }
}
