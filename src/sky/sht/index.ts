/** Spherical-harmonic transforms on HEALPix RING maps (healpy-compatible). See docs/sht.md. */
export { type Alm, almIndex, almSize, createAlm, cloneAlm, almxfl, alm2cl, gaussBeam, FWHM2SIGMA } from './alm.js';
export { map2alm, alm2map, type Map2AlmOptions, type Alm2MapOptions } from './transforms.js';
export { smoothing, smoothingGrid, anafast, type SmoothingOptions, type SmoothingGridOptions, type AnafastOptions } from './smoothing.js';
export { rotateAlm, matrixToEulerZYZ, WignerRisbo } from './rotate.js';
export { rotateMapAlm, icrsToGalacticMatrix, type RotateMapOptions } from './galactic.js';
export { ComplexFFT, RealFFT } from './fft.js';
