/**
 * Columnar event samples (structure of arrays). Angles in radians, time in MJD, energies as
 * log10(E_reco/GeV). Categorical columns are Uint8Array codes (tables below). The column
 * names follow the csky dataset fields (physics.md §1.4).
 */
import { InputError } from '../errors.js';
import type { Rng } from '../stats/random.js';

export const TOPOLOGIES = ['track', 'cascade'] as const;
export const FLAVOURS = ['nue', 'numu', 'nutau'] as const;
export const INTERACTIONS = ['CC', 'NC'] as const;
export const COMPONENTS = ['atm-conv', 'atm-prompt', 'atm-muon', 'astro', 'signal'] as const;
/** Code for "not applicable / unknown" in every Uint8 column (e.g. flavour of a muon). */
export const UNKNOWN_CODE = 255;

export type FloatColumn = 'time' | 'ra' | 'dec' | 'angErr' | 'logE' | 'azimuth' | 'zenith' | 'run' | 'event' | 'trueRa' | 'trueDec' | 'trueE';
export type CodeColumn = 'topology' | 'flavour' | 'interaction' | 'component';

export interface EventSample {
  n: number;
  /** MJD */
  time: Float64Array;
  /** rad, J2000/ICRS */
  ra: Float64Array;
  dec: Float64Array;
  /** estimated angular uncertainty σ, rad */
  angErr: Float64Array;
  /** log10(E_reco/GeV) */
  logE: Float64Array;
  /** TOPOLOGIES code */
  topology: Uint8Array;
  azimuth?: Float64Array;
  zenith?: Float64Array;
  run?: Float64Array;
  event?: Float64Array;
  /** simulated truth */
  trueRa?: Float64Array;
  trueDec?: Float64Array;
  /** GeV */
  trueE?: Float64Array;
  flavour?: Uint8Array;
  interaction?: Uint8Array;
  component?: Uint8Array;
}

export interface ColumnSpec {
  name: FloatColumn | CodeColumn;
  kind: 'f64' | 'u8';
  required: boolean;
  unit: string;
  codes?: readonly string[];
}

export const COLUMNS: readonly ColumnSpec[] = [
  { name: 'time', kind: 'f64', required: true, unit: 'MJD' },
  { name: 'ra', kind: 'f64', required: true, unit: 'rad' },
  { name: 'dec', kind: 'f64', required: true, unit: 'rad' },
  { name: 'angErr', kind: 'f64', required: true, unit: 'rad' },
  { name: 'logE', kind: 'f64', required: true, unit: 'log10(E/GeV)' },
  { name: 'topology', kind: 'u8', required: true, unit: '', codes: TOPOLOGIES },
  { name: 'azimuth', kind: 'f64', required: false, unit: 'rad' },
  { name: 'zenith', kind: 'f64', required: false, unit: 'rad' },
  { name: 'run', kind: 'f64', required: false, unit: '' },
  { name: 'event', kind: 'f64', required: false, unit: '' },
  { name: 'trueRa', kind: 'f64', required: false, unit: 'rad' },
  { name: 'trueDec', kind: 'f64', required: false, unit: 'rad' },
  { name: 'trueE', kind: 'f64', required: false, unit: 'GeV' },
  { name: 'flavour', kind: 'u8', required: false, unit: '', codes: FLAVOURS },
  { name: 'interaction', kind: 'u8', required: false, unit: '', codes: INTERACTIONS },
  { name: 'component', kind: 'u8', required: false, unit: '', codes: COMPONENTS },
];

export const TRUTH_COLUMNS = ['trueRa', 'trueDec', 'trueE', 'flavour', 'interaction', 'component'] as const;

/** Allocate a sample of n events; `optional` lists the optional columns to allocate. */
export function createSample(n: number, optional: readonly (FloatColumn | CodeColumn)[] = []): EventSample {
  if (!(Number.isInteger(n) && n >= 0)) throw new InputError(`createSample: n must be a non-negative integer, got ${n}`);
  const s: Record<string, unknown> = { n };
  for (const c of COLUMNS) {
    if (c.required || optional.includes(c.name)) s[c.name] = c.kind === 'f64' ? new Float64Array(n) : new Uint8Array(n);
  }
  return s as unknown as EventSample;
}

/** Names of the columns present in a sample, in schema order. */
export function presentColumns(s: EventSample): ColumnSpec[] {
  return COLUMNS.filter((c) => (s as unknown as Record<string, unknown>)[c.name] !== undefined);
}

function col(s: EventSample, name: string): Float64Array | Uint8Array {
  return (s as unknown as Record<string, Float64Array | Uint8Array>)[name];
}

/** Throws InputError when a column length differs from n or a required column is missing. */
export function checkSample(s: EventSample, where = 'sample'): void {
  for (const c of COLUMNS) {
    const a = col(s, c.name);
    if (a === undefined) {
      if (c.required) throw new InputError(`${where}: missing required column '${c.name}'`);
      continue;
    }
    if (a.length !== s.n) throw new InputError(`${where}: column '${c.name}' has ${a.length} values, expected ${s.n}`);
  }
}

/** Concatenate samples; optional columns are kept only when every input has them. */
export function concat(samples: readonly EventSample[]): EventSample {
  if (samples.length === 0) return createSample(0);
  const n = samples.reduce((a, s) => a + s.n, 0);
  const keep = COLUMNS.filter((c) => samples.every((s) => col(s, c.name) !== undefined));
  const out = createSample(n, keep.filter((c) => !c.required).map((c) => c.name));
  for (const c of keep) {
    const dst = col(out, c.name);
    let off = 0;
    for (const s of samples) { dst.set(col(s, c.name), off); off += s.n; }
  }
  return out;
}

/** Events where mask[i] is true/non-zero (mask of length n) or the given indices (Int32Array/number[]). */
export function subset(s: EventSample, mask: ArrayLike<boolean | number>, asIndices = false): EventSample {
  let idx: Int32Array;
  if (asIndices) idx = Int32Array.from(mask as ArrayLike<number>);
  else {
    if (mask.length !== s.n) throw new InputError(`subset: mask has ${mask.length} entries, sample has ${s.n}`);
    let m = 0;
    for (let i = 0; i < s.n; i++) if (mask[i]) m++;
    idx = new Int32Array(m);
    for (let i = 0, j = 0; i < s.n; i++) if (mask[i]) idx[j++] = i;
  }
  const cols = presentColumns(s);
  const out = createSample(idx.length, cols.filter((c) => !c.required).map((c) => c.name));
  for (const c of cols) {
    const src = col(s, c.name), dst = col(out, c.name);
    for (let j = 0; j < idx.length; j++) {
      const i = idx[j];
      if (!(i >= 0 && i < s.n)) throw new InputError(`subset: index ${i} outside [0, ${s.n})`);
      dst[j] = src[i];
    }
  }
  return out;
}

/**
 * Uniformly random right ascensions for a background trial, written into `out` (allocate
 * once per worker: new Float64Array(sample.n)). Only RA changes: δ, σ and energy stay, as in
 * the analysis' RA scrambling (physics.md §2.2).
 */
export function scrambleRa(sampleOrN: EventSample | number, rng: Rng, out?: Float64Array): Float64Array {
  const n = typeof sampleOrN === 'number' ? sampleOrN : sampleOrN.n;
  out ??= new Float64Array(n);
  if (out.length < n) throw new InputError(`scrambleRa: output has ${out.length} entries, need ${n}`);
  const twoPi = 2 * Math.PI;
  for (let i = 0; i < n; i++) out[i] = twoPi * rng.uniform();
  return out;
}

/** Copy of the sample with RA scrambled (convenience; trials should use scrambleRa with a preallocated array). */
export function scrambledSample(s: EventSample, rng: Rng): EventSample {
  const out = subset(s, Int32Array.from({ length: s.n }, (_, i) => i), true);
  scrambleRa(s, rng, out.ra);
  return out;
}

/** Name of code `c` in a code table, or 'unknown'. */
export function codeName(table: readonly string[], c: number): string {
  return table[c] ?? 'unknown';
}
