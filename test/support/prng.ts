/** A seeded pseudo-random generator (LCG) for fuzz tests: the same seed gives the same damage every run. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
