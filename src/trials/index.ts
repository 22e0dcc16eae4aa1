/** nusky trials: deterministic background/signal trials on a worker pool, storage, sensitivities (docs/trials-stats.md). */
export * from './runner.js';
export * from './sensitivity.js';
export * from './analyses.js';
export * from './storage.js';
export * from './kernel.js';
export * from './scramble.js';
