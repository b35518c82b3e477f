/** A small seeded PRNG (mulberry32): the synthetic dataset is the same on every machine. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** A normally distributed draw (Box–Muller). */
export const normal = (random: () => number, mean: number, sd: number): number => {
  const u = Math.max(random(), 1e-12);
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
};

/** An integer in [min, max]. */
export const integer = (random: () => number, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
