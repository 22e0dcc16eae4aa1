/** Flux models (per flavour ν+ν̄, GeV⁻¹ cm⁻² s⁻¹ [sr⁻¹]). */
export * from './powerLaw.js';
export * from './astro.js';
export * from './atmospheric.js';
