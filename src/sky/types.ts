/** Pixel ordering schemes, spelled as in the HEALPix FITS ORDERING keyword. */
export type Ordering = 'RING' | 'NESTED';

/** Celestial frames nusky knows. Equatorial is ICRS; Galactic as astropy defines it. */
export type Frame = 'equatorial' | 'galactic';

/** One HEALPix map: values per pixel in a known ordering and frame. */
export interface SkyMap {
  nside: number;
  ordering: Ordering;
  frame: Frame;
  data: Float64Array;
  /** Column name (FITS TTYPE), e.g. "I_STOKES" or "FLUX". */
  name?: string;
  /** Physical unit (FITS TUNIT), e.g. "sr^-1". */
  unit?: string;
}

/** healpy's UNSEEN sentinel for masked pixels. */
export const UNSEEN = -1.6375e30;
