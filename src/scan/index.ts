/** nusky all-sky scan: (n_s, γ) per pixel, pixel p-values, hot spots, post-trial (docs/trials-stats.md). */
export * from './scan.js';
export * from './significance.js';
export * from './pointFit.js';
export * from './data.js';
