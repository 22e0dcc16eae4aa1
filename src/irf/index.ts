/** Instrument responses: effective areas, angular and energy response, flux ↔ expected events. */
export * from './irf.js';
export * from './effectiveArea.js';
export * from './psf.js';
export * from './energyDispersion.js';
export * from './expectation.js';
export { loadPsTracksIrf, seasonLivetimeS } from './psTracks.js';
export { pixelSinDecEquatorial, pixelDirectionsEquatorial } from './pixelDirections.js';
export { irfDataPath, readNumericTable } from './tables.js';
