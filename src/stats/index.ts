/** nusky statistics: distributions, intervals, tests, fits. */
export * from './special.js';
export * from './normal.js';
export * from './chi2.js';
export * from './quantile.js';
export * from './binomial.js';
export * from './ks.js';
export * from './fit.js';
export { Rng, hashSeed } from './random.js';
export * from './tsDistribution.js';
