/**
 * Colour maps and value normalisation for sky maps and colour bars.
 *
 * The tables are matplotlib's 256-entry lookup tables (see colormap-data.ts for sources), and a
 * value is looked up the way matplotlib's `Colormap.__call__` does: index = floor(t · 256),
 * clipped to [0, 255]. Bad pixels (NaN, ±∞, healpy's UNSEEN) are drawn grey like healpy's
 * `badcolor="gray"`.
 */
import { InputError } from '../errors.js';
import { UNSEEN } from '../sky/types.js';
import { LUT_HEX } from './colormap-data.js';

export const COLORMAP_NAMES = ['viridis', 'magma', 'inferno', 'plasma', 'cividis', 'RdBu_r', 'coolwarm', 'gray'] as const;
export type ColormapName = (typeof COLORMAP_NAMES)[number];

/** An RGB lookup table plus the colour used for bad (masked) values. */
export interface Colormap {
  name: string;
  /** 256 × RGB, 0–255. */
  lut: Uint8Array;
  /** Colour of NaN / UNSEEN pixels, RGB 0–255. */
  bad: [number, number, number];
}

const cache = new Map<string, Colormap>();

/** The colour map called `name` (matplotlib spelling; "_r" reverses any map). Throws InputError if unknown. */
export function getColormap(name: string): Colormap {
  const hit = cache.get(name);
  if (hit) return hit;
  const reversed = name.endsWith('_r') && !(name in LUT_HEX);
  const base = reversed ? name.slice(0, -2) : name;
  const hex = LUT_HEX[base];
  if (hex === undefined) {
    throw new InputError(`colour map: expected one of ${COLORMAP_NAMES.join(', ')} (optionally with _r), found "${name}"`);
  }
  const lut = new Uint8Array(768);
  for (let i = 0; i < 256; i++) {
    const j = reversed ? 255 - i : i;
    for (let c = 0; c < 3; c++) lut[3 * i + c] = parseInt(hex.substr(6 * j + 2 * c, 2), 16);
  }
  const cmap: Colormap = { name, lut, bad: [128, 128, 128] };
  cache.set(name, cmap);
  return cmap;
}

/** RGB of colour map at t ∈ [0, 1] (clipped), matplotlib's nearest-entry lookup. NaN gives the bad colour. */
export function sampleColormap(cmap: Colormap, t: number): [number, number, number] {
  if (Number.isNaN(t)) return [...cmap.bad];
  const i = lutIndex(t);
  return [cmap.lut[3 * i]!, cmap.lut[3 * i + 1]!, cmap.lut[3 * i + 2]!];
}

/** CSS colour string of the map at t. */
export function cssColor(cmap: Colormap, t: number): string {
  const [r, g, b] = sampleColormap(cmap, t);
  return `rgb(${r},${g},${b})`;
}

function lutIndex(t: number): number {
  const i = Math.floor(t * 256);
  return i < 0 ? 0 : i > 255 ? 255 : i;
}

/** True for values healpy would mask: NaN, ±∞ and UNSEEN (np.isclose with rtol 1e-5, as healpy.mask_bad). */
export function isBad(v: number): boolean {
  return !Number.isFinite(v) || Math.abs(v - UNSEEN) <= 1e-8 + 1e-5 * Math.abs(UNSEEN);
}

export type NormKind = 'linear' | 'log' | 'symlog';

export interface NormalizeOptions {
  kind?: NormKind;
  vmin: number;
  vmax: number;
  /** symlog only: half-width of the linear region around 0 (matplotlib SymLogNorm linthresh). */
  linthresh?: number;
}

/**
 * Maps data values to [0, 1] like matplotlib's Normalize / LogNorm / SymLogNorm (base 10,
 * linscale 1). Values outside [vmin, vmax] map outside [0, 1] (the colour map clips them); bad
 * values and, for log, non-positive values map to NaN (log) or are clipped to the low end.
 */
export class Normalize {
  readonly kind: NormKind;
  readonly vmin: number;
  readonly vmax: number;
  readonly linthresh: number;
  private readonly t0: number;
  private readonly t1: number;

  constructor(opts: NormalizeOptions) {
    this.kind = opts.kind ?? 'linear';
    this.vmin = opts.vmin;
    this.vmax = opts.vmax;
    if (!(Number.isFinite(this.vmin) && Number.isFinite(this.vmax))) {
      throw new InputError(`Normalize: expected finite vmin/vmax, found ${this.vmin}/${this.vmax}`);
    }
    if (this.kind === 'log' && !(this.vmin > 0)) {
      throw new InputError(`Normalize: log scale needs vmin > 0, found ${this.vmin}`);
    }
    this.linthresh = opts.linthresh ?? (Math.max(Math.abs(this.vmin), Math.abs(this.vmax)) / 100 || 1);
    if (this.kind === 'symlog' && !(this.linthresh > 0)) {
      throw new InputError(`Normalize: symlog needs linthresh > 0, found ${this.linthresh}`);
    }
    this.t0 = this.forward(this.vmin);
    this.t1 = this.forward(this.vmax);
  }

  /** The scale transform before the affine rescaling (identity, log10, symlog). */
  forward(v: number): number {
    if (this.kind === 'log') return v > 0 ? Math.log10(v) : -Infinity;
    if (this.kind === 'symlog') {
      // matplotlib SymLogNorm, base 10, linscale 1: linscale_adj = linscale / (1 − 1/base).
      const adj = 1 / (1 - 0.1);
      const a = Math.abs(v);
      if (a <= this.linthresh) return v * adj;
      return Math.sign(v) * this.linthresh * (adj + Math.log10(a / this.linthresh));
    }
    return v;
  }

  /** Data value → [0, 1], unclipped; bad values → NaN; when vmin = vmax every good value → 0.5. */
  apply(v: number): number {
    if (isBad(v)) return NaN;
    if (this.t1 === this.t0) return 0.5;
    return (this.forward(v) - this.t0) / (this.t1 - this.t0);
  }

  /** [0, 1] → data value (for colour-bar ticks). */
  inverse(t: number): number {
    const f = this.t0 + t * (this.t1 - this.t0);
    if (this.kind === 'log') return Math.pow(10, f);
    if (this.kind === 'symlog') {
      const adj = 1 / (1 - 0.1);
      const a = Math.abs(f);
      if (a <= this.linthresh * adj) return f / adj;
      return Math.sign(f) * this.linthresh * Math.pow(10, a / this.linthresh - adj);
    }
    return f;
  }
}

/**
 * Default colour range like healpy: min and max of the good pixels (for log: of the positive
 * ones). Returns [0, 1] for a map with no usable pixel.
 */
export function autoRange(data: ArrayLike<number>, kind: NormKind = 'linear'): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (isBad(v) || (kind === 'log' && !(v > 0))) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return kind === 'log' ? [1, 10] : [0, 1];
  return [lo, hi];
}

/**
 * Colours `values` into an RGBA buffer (4 bytes per value). Bad values get the bad colour;
 * values below vmin / above vmax get the end colours (log scale: non-positive → lowest colour).
 */
export function applyColormap(
  values: ArrayLike<number>,
  norm: Normalize,
  cmap: Colormap,
  out: Uint8ClampedArray = new Uint8ClampedArray(values.length * 4),
): Uint8ClampedArray {
  const lut = cmap.lut;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const o = 4 * i;
    if (isBad(v)) {
      out[o] = cmap.bad[0];
      out[o + 1] = cmap.bad[1];
      out[o + 2] = cmap.bad[2];
    } else {
      const t = norm.kind === 'log' && !(v > 0) ? 0 : norm.apply(v);
      const j = 3 * lutIndex(t);
      out[o] = lut[j]!;
      out[o + 1] = lut[j + 1]!;
      out[o + 2] = lut[j + 2]!;
    }
    out[o + 3] = 255;
  }
  return out;
}
