/**
 * Template files: nusky FITS (write/read), healpy-style single-map FITS, .npy maps and cubes, the
 * KRA-γ release layout (.npz of (total, ν, ν̄, energy bins)), and the shipped JSON + .f32.gz format.
 */
import { existsSync } from 'node:fs';
import { FileFormatError, InputError } from '../errors.js';
import { readBintable, readFits, writeFits } from '../io/fits/fits.js';
import { readNpy, type Npy } from '../io/npy.js';
import type { Frame } from '../sky/types.js';
import { readNpz } from './npz.js';
import { readShipped } from './shipped.js';
import { npix2nside } from './sky-util.js';
import { CUBE_UNIT, PDF_UNIT, validateTemplate, type PowerLawSpectrum, type Template } from './template.js';

/** Paper's π0 best fit (Table 1): E²dN/dE(100 TeV) = 21.8×10⁻¹² TeV cm⁻² s⁻¹ per flavour, γ = 2.7. */
export const PI0_BEST_FIT: PowerLawSpectrum = { type: 'powerlaw', index: 2.7, e2FluxAt100TeV: 21.8e-12 };

export interface LoadOptions {
  /** Frame of .npy input (no header to say it); default equatorial like the IceCube release. */
  frame?: Frame;
  /** Energies (GeV) of a 2-D .npy cube [npix, nE]. */
  energies?: ArrayLike<number>;
  /** Spectrum for a pdf read from .npy or a FITS map without one; default the paper's π0 best fit. */
  spectrum?: PowerLawSpectrum;
  name?: string;
}

const COORD: Record<Frame, string> = { equatorial: 'C', galactic: 'G' };

function frameFromCoordsys(file: string, c: string | undefined): Frame {
  const v = (c ?? 'C').trim().toUpperCase();
  if (v === 'C' || v === 'Q' || v === 'EQUATORIAL' || v === 'CELESTIAL') return 'equatorial';
  if (v === 'G' || v === 'GALACTIC') return 'galactic';
  throw new FileFormatError(file, 'keyword COORDSYS', "'C' or 'G'", JSON.stringify(c));
}

function toF64(n: Npy, file: string): Float64Array {
  if (n.data instanceof BigInt64Array || n.data instanceof BigUint64Array) throw new FileFormatError(file, 'dtype', 'a float array', n.descr);
  return Float64Array.from(n.data as ArrayLike<number>);
}

/** Normalise a non-negative map to a pdf (Σ·Ω = 1), in place. */
function normalisePdf(d: Float64Array): Float64Array {
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i];
  const omega = (4 * Math.PI) / d.length;
  for (let i = 0; i < d.length; i++) d[i] /= s * omega;
  return d;
}

/** A .npy map (1-D → pdf, renormalised) or cube ([npix, nE] → needs opt.energies). */
export function loadNpyTemplate(file: string, opt: LoadOptions = {}): Template {
  const n = readNpy(file);
  const data = toF64(n, file);
  const frame = opt.frame ?? 'equatorial';
  const name = opt.name ?? file.replace(/^.*\//, '').replace(/\.npy(\.gz)?$/, '');
  if (n.shape.length === 1) {
    const nside = npix2nside(n.shape[0]);
    return validateTemplate({ name, kind: 'pdf', nside, ordering: 'RING', frame, unit: PDF_UNIT, data: normalisePdf(data), spectrum: opt.spectrum ?? PI0_BEST_FIT, provenance: { source: file } }, file);
  }
  if (n.shape.length !== 2) throw new FileFormatError(file, 'shape', '(npix,) or (npix, nE)', `(${n.shape.join(', ')})`);
  if (!opt.energies) throw new InputError(`${file}: a 2-D cube needs its energies (GeV)`);
  const energies = Float64Array.from(opt.energies);
  if (energies.length !== n.shape[1]) throw new InputError(`${file}: energies: expected ${n.shape[1]} values, found ${energies.length}`);
  return validateTemplate({ name, kind: 'cube', nside: npix2nside(n.shape[0]), ordering: 'RING', frame, unit: CUBE_UNIT, data, energies, provenance: { source: file } }, file);
}

/**
 * KRA-γ release layout: (template_total, template_nu, template_nubar, energy_bins), cubes [npix, nE]
 * in GeV⁻¹ cm⁻² s⁻¹ sr⁻¹ (all flavours ν+ν̄), energy_bins the lower edges (physics.md §4.2). The
 * release pickles the tuple; re-save it once with numpy as .npz (members arr_0 … arr_3). Frame
 * default: equatorial (the files feed csky directly).
 */
export function loadKraRelease(file: string, opt: LoadOptions = {}): Template {
  const z = readNpz(file);
  const get = (k: string): Npy => {
    const v = z[k];
    if (!v) throw new FileFormatError(file, `member ${k}`, 'present (arr_0 … arr_3 = total, nu, nubar, energy_bins)', `members ${Object.keys(z).join(', ')}`);
    return v;
  };
  const total = get('arr_0');
  const energies = toF64(get('arr_3'), file);
  if (total.shape.length !== 2 || total.shape[1] !== energies.length) {
    throw new FileFormatError(file, 'arr_0 shape', `(npix, ${energies.length})`, `(${total.shape.join(', ')})`);
  }
  const name = opt.name ?? file.replace(/^.*\//, '').replace(/\.npz$/, '');
  return validateTemplate({
    name, kind: 'cube', nside: npix2nside(total.shape[0]), ordering: 'RING', frame: opt.frame ?? 'equatorial', unit: CUBE_UNIT,
    data: toF64(total, file), energies, provenance: { source: file, layout: 'KRA-gamma release (total, nu, nubar, energy_bins)' },
  }, file);
}

/** Write a template as FITS: HDU 1 TEMPLATE (healpy-style, one row per pixel, nE values per row), HDU 2 ENERGIES for cubes. */
export function writeTemplateFits(file: string, t: Template, opt: { overwrite?: boolean } = {}): void {
  const nE = t.kind === 'cube' ? (t.energies as Float64Array).length : 1;
  const cards = [
    { key: 'PIXTYPE', value: 'HEALPIX' }, { key: 'ORDERING', value: 'RING' }, { key: 'NSIDE', value: t.nside },
    { key: 'INDXSCHM', value: 'IMPLICIT' }, { key: 'FIRSTPIX', value: 0 }, { key: 'LASTPIX', value: 12 * t.nside * t.nside - 1 },
    { key: 'COORDSYS', value: COORD[t.frame] }, { key: 'EXTNAME', value: 'TEMPLATE' }, { key: 'TPLNAME', value: t.name },
    { key: 'TPLKIND', value: t.kind, comment: 'pdf: sr^-1, sum*Omega=1; cube: all-flavour nu+nubar flux' },
    ...(t.spectrum ? [
      { key: 'SPECIDX', value: t.spectrum.index, comment: 'all-sky dN/dE ~ E^-SPECIDX' },
      { key: 'E2F100T', value: t.spectrum.e2FluxAt100TeV, comment: 'per-flavour E2dN/dE at 100 TeV, TeV cm-2 s-1' },
    ] : []),
    ...(t.provenance ? [{ key: 'COMMENT', value: null, comment: `provenance ${JSON.stringify(t.provenance).slice(0, 60)}` }] : []),
  ];
  const tables = [{ columns: [{ name: t.kind === 'cube' ? 'FLUX' : 'PDF', data: Float64Array.from(t.data), unit: t.unit, repeat: nE }], cards }];
  if (t.kind === 'cube') tables.push({ columns: [{ name: 'ENERGY', data: Float64Array.from(t.energies as Float64Array), unit: 'GeV', repeat: 1 }], cards: [{ key: 'EXTNAME', value: 'ENERGIES' }] });
  writeFits(file, tables, opt);
}

/** Read a template FITS written by writeTemplateFits, or a healpy single-map FITS (first column → pdf). */
export function readTemplateFits(file: string, opt: LoadOptions = {}): Template {
  const fits = readFits(file);
  const tab = readBintable(fits, 1);
  const h = tab.header;
  const ordering = (h.str('ORDERING') ?? 'RING').trim().toUpperCase();
  if (ordering !== 'RING') throw new FileFormatError(file, 'keyword ORDERING', "'RING' (convert NESTED maps with healpy.reorder first)", JSON.stringify(ordering));
  const frame = opt.frame ?? frameFromCoordsys(file, h.str('COORDSYS'));
  const kind = (h.str('TPLKIND') ?? 'pdf').trim() as 'pdf' | 'cube';
  const col = tab.columns[0];
  const raw = tab.data[col.name];
  if (Array.isArray(raw)) throw new FileFormatError(file, `column ${col.name}`, 'numbers', 'strings');
  const data = Float64Array.from(raw as ArrayLike<number>);
  const name = opt.name ?? (h.str('TPLNAME') ?? file.replace(/^.*\//, '').replace(/\.fits(\.gz)?$/, '')).trim();
  if (kind === 'cube') {
    const e = readBintable(fits, 'ENERGIES').data['ENERGY'];
    if (!e || Array.isArray(e)) throw new FileFormatError(file, 'HDU ENERGIES column ENERGY', 'numbers', 'missing');
    const energies = Float64Array.from(e as ArrayLike<number>);
    const nside = npix2nside(data.length / energies.length);
    return validateTemplate({ name, kind, nside, ordering: 'RING', frame, unit: CUBE_UNIT, data, energies, provenance: { source: file } }, file);
  }
  const idx = h.num('SPECIDX');
  const e2 = h.num('E2F100T');
  const spectrum = idx !== undefined && e2 !== undefined ? { type: 'powerlaw' as const, index: idx, e2FluxAt100TeV: e2 } : (opt.spectrum ?? PI0_BEST_FIT);
  return validateTemplate({ name, kind: 'pdf', nside: npix2nside(data.length), ordering: 'RING', frame, unit: PDF_UNIT, data: normalisePdf(data), spectrum, provenance: { source: file } }, file);
}

/** Load any supported template file by its name: .json (shipped), .fits[.gz], .npy[.gz], .npz (KRA-γ release). */
export function loadTemplateFile(file: string, opt: LoadOptions = {}): Template {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  if (file.endsWith('.json')) return readShipped(file);
  if (/\.fits?(\.gz)?$/i.test(file)) return readTemplateFits(file, opt);
  if (/\.npy(\.gz)?$/i.test(file)) return loadNpyTemplate(file, opt);
  if (/\.npz$/i.test(file)) return loadKraRelease(file, opt);
  throw new InputError(`${file}: unknown template file type (expected .json, .fits, .npy or .npz)`);
}
