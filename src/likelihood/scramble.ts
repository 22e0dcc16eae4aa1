/**
 * RA scrambles draw one 32-bit integer per event (2π/2³² ≈ 1.5e-9 rad resolution, far below
 * any pixel or σ): half the cost of a 53-bit uniform, and RA scrambling is a large part of a
 * template trial.
 */
export const RA_STEP = (2 * Math.PI) / 4294967296;
