/** The network layer's entry point: capture records in, ICQ UDP payloads and peer TCP messages out. */
import type { CaptureRecord } from '../capture/record.js';
import { FrameDecoder } from './frame-decoder.js';
import type { IcqTraffic } from './icq-traffic.js';
import type { TransportPayload } from './payload.js';

/**
 * Payloads of a batch of records, made as they are taken (a synchronous generator): what the consumer
 * does between two payloads (`traffic.announcePeer` after a LOGIN) already applies to the frames after it.
 */
export class IcqPayloadReader {
  private readonly decoder: FrameDecoder;

  /** `keepFrames`: each payload carries the frame that completes it (-x). */
  constructor(
    private readonly traffic: IcqTraffic,
    keepFrames = false,
  ) {
    this.decoder = new FrameDecoder(traffic, keepFrames);
  }

  *payloads(records: readonly CaptureRecord[]): Generator<TransportPayload> {
    for (const record of records) {
      for (const payload of this.decoder.frame(record)) {
        this.traffic.stats.icqPayloads++;
        yield payload;
      }
    }
  }

  /** See FrameDecoder.oldestHeldFrame. */
  oldestHeldFrame(): number | undefined {
    return this.decoder.oldestHeldFrame();
  }

  /** End of capture: what the TCP reassembly still held. */
  *finish(): Generator<TransportPayload> {
    for (const payload of this.decoder.finish()) {
      this.traffic.stats.icqPayloads++;
      yield payload;
    }
  }
}

/** Pull-based, one payload at a time: records are read only as payloads are consumed. */
export async function* icqPayloads(records: AsyncIterable<CaptureRecord>, traffic: IcqTraffic): AsyncGenerator<TransportPayload> {
  const reader = new IcqPayloadReader(traffic);
  for await (const record of records) yield* reader.payloads([record]);
  yield* reader.finish();
}

/** Every payload at once, for small inputs (no announcePeer between payloads). */
export async function collectIcqPayloads(records: AsyncIterable<CaptureRecord>, traffic: IcqTraffic): Promise<TransportPayload[]> {
  const out: TransportPayload[] = [];
  for await (const payload of icqPayloads(records, traffic)) out.push(payload);
  return out;
}
