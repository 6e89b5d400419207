/**
 * The oldest frame whose bytes a layer still holds (fragments, out-of-order segments, partial messages):
 * no frame older than every layer's oldest can be part of a payload yet to come, which is what lets -w
 * decide about a frame without keeping the whole capture. Undefined stands for a layer that holds nothing.
 */
export function oldestFrame(frames: Iterable<number | undefined>): number | undefined {
  let oldest: number | undefined;
  for (const frame of frames) if (frame !== undefined && (oldest === undefined || frame < oldest)) oldest = frame;
  return oldest;
}
