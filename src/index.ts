/** nusky's root entry point: re-exports the stable public API. */
export { VERSION } from './version.js';
export * from './errors.js';
export * from './sky/types.js';
export { Rng } from './stats/random.js';
export * as healpix from './sky/healpix/index.js';
export * as io from './io/index.js';
export * as coords from './sky/coords.js';
export * as sht from './sky/sht/index.js';
export { rotateMapFrame } from './sky/rotate-map.js';
export * as templates from './templates/index.js';
export * as report from './report/index.js';
export * as likelihood from './likelihood/index.js';
export * as catalogs from './catalogs/index.js';
export * as irf from './irf/index.js';
export * as flux from './flux/index.js';
export * as events from './events/index.js';
export * as sim from './sim/index.js';
