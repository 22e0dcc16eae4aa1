/** Columnar event samples and their files. */
export * from './sample.js';
export * from './io.js';
export * from './ic40.js';
