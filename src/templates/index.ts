/** Galactic-plane templates: type and methods, loaders, built-ins, and the line-of-sight model. */
export * from './template.js';
export * from './io.js';
export * from './builtin.js';
export * from './shipped.js';
export * from './summary.js';
export { readNpz } from './npz.js';
export { galacticPixels, pearsonLog, profile, regionSpectrum, kraRatios, parseKraFig2 } from './compare.js';
export { integrateModel, type LosResult, type IntegrateOptions } from './los/integrate.js';
export { PI0_MODEL, kraModel, resolveModel, energyBins, LOCAL_PROTON_NORM, type LosModel } from './los/model.js';
export { fNuAllFlavour, fMuonNu1, fElectron, fGamma, yieldMatrix } from './los/kelner.js';
export { sigmaInelKafexhiu, sigmaInelKAB } from './los/cross-section.js';
export { nHI, nH2, nHII, nHNuclei } from './los/gas.js';
