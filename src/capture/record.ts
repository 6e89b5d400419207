/** What every capture format yields: one record per captured frame, in file order. */

/** A timestamp kept exactly at the file's own resolution (no float rounding). */
export interface Timestamp {
  /** Whole seconds since the Unix epoch. */
  seconds: number;
  /** Fraction of a second in nanoseconds (0 ... 999 999 999). */
  nanos: number;
  /** Decimal digits the file really has: 6 for microsecond files, 9 for nanosecond ones (pcapng: from if_tsresol). */
  digits: number;
}

export interface CaptureRecord {
  /** 1-based frame number, in file order across all sections/interfaces. */
  index: number;
  time: Timestamp;
  /** LINKTYPE_* value of the interface the frame was captured on. */
  linkType: number;
  /** pcapng interface id (0 for classic pcap). */
  interfaceId: number;
  /** Snap length of the interface (0 = unknown/unlimited). */
  snapLength: number;
  capturedLength: number;
  originalLength: number;
  bytes: Buffer;
}

export type CaptureErrorKind = 'missing' | 'empty' | 'not-a-capture' | 'truncated' | 'corrupt' | 'io';

/** Raised (thrown from the record iterator) for a file that cannot be read further. Records before the damage were already yielded. */
export class CaptureError extends Error {
  constructor(
    readonly kind: CaptureErrorKind,
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'CaptureError';
  }
}
