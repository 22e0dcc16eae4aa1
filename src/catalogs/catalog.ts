import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError, SchemaError } from '../errors.js';

/** One catalog entry; positions in degrees (J2000) as in the files. */
export interface CatalogSource {
  name: string;
  raDeg: number;
  decDeg: number;
  /** relative weight for stacking (default 1) */
  weight: number;
  /** γ-ray dN/dE at 1 TeV (cm⁻² s⁻¹ TeV⁻¹) where the catalog gives a spectrum; for flux weighting */
  flux1TeV?: number;
  type?: string;
}

export interface Catalog {
  name: string;
  sources: CatalogSource[];
  /** where it came from (file path or built-in name) */
  origin: string;
}

export const BUILTIN_STACKING = ['snr', 'pwn', 'unid'] as const;
export type BuiltinStacking = (typeof BUILTIN_STACKING)[number];

export function catalogDataPath(file: string): string {
  return fileURLToPath(new URL(`../../data/catalogs/${file}`, import.meta.url));
}

/** Split a simple CSV line (no quoted commas in these files) and trim cells. */
function cells(line: string): string[] {
  return line.split(',').map((c) => c.trim());
}

function num(tok: string, file: string, where: string): number {
  // Table S4 has the malformed RA "286.91.0": keep the first two numeric parts
  const m = /^-?\d+(\.\d+)?/.exec(tok);
  const v = m ? Number(m[0]) : NaN;
  if (!Number.isFinite(v)) throw new SchemaError(file, where, 'a number', JSON.stringify(tok));
  return v;
}

/**
 * Read a catalog CSV with a header: name (optional), ra_deg|ra, dec_deg|dec (degrees), weight
 * (optional). The ESTES stacking CSVs also carry a γ-ray spectrum, used for flux weights.
 */
export function readCatalogCsv(file: string, name = file): Catalog {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`catalog ${file}: cannot read (${(e as Error).message})`);
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) throw new SchemaError(file, 'file', 'a header line and at least one source', `${lines.length} lines`);
  const head = cells(lines[0]).map((h) => h.toLowerCase());
  const col = (...names: string[]) => head.findIndex((h) => names.includes(h));
  const iRa = col('ra_deg', 'ra');
  const iDec = col('dec_deg', 'dec');
  if (iRa < 0 || iDec < 0) throw new SchemaError(file, 'header', 'columns ra_deg (or ra) and dec_deg (or dec), in degrees', lines[0]);
  const iName = col('name', 'source');
  const iW = col('weight');
  const iType = col('spectrum_type');
  const iNorm = col('norm_tev');
  const iE0 = col('e0_tev');
  const iIdx = col('spectrum_1');
  const iCut = col('spectrum_2');
  const sources = lines.slice(1).map((l, k) => {
    const c = cells(l);
    const where = `line ${k + 2}`;
    const raDeg = num(c[iRa] ?? '', file, `${where}, ra`);
    const decDeg = num(c[iDec] ?? '', file, `${where}, dec`);
    if (!(decDeg >= -90 && decDeg <= 90)) throw new SchemaError(file, `${where}, dec`, 'a declination in [-90, 90] degrees', String(decDeg));
    const weight = iW >= 0 ? num(c[iW], file, `${where}, weight`) : 1;
    if (!(weight >= 0)) throw new SchemaError(file, `${where}, weight`, 'a weight ≥ 0', String(weight));
    const s: CatalogSource = { name: iName >= 0 ? c[iName] : `source ${k + 1}`, raDeg, decDeg, weight };
    if (iNorm >= 0 && iE0 >= 0 && iIdx >= 0 && c[iNorm]) {
      const norm = Number(c[iNorm]);
      const e0 = Number(c[iE0]);
      const idx = Number(c[iIdx]);
      const cut = iType >= 0 && c[iType] === 'ecpl' && c[iCut] ? Number(c[iCut]) : Infinity;
      s.flux1TeV = norm * Math.pow(1 / e0, -idx) * Math.exp(-1 / cut);
    }
    return s;
  });
  return { name, sources, origin: file };
}

/** A built-in stacking catalog of the paper (Table S4; 12 sources each), equal weights. */
export function stackingCatalog(name: BuiltinStacking): Catalog {
  if (!BUILTIN_STACKING.includes(name)) throw new InputError(`stacking catalog: expected one of ${BUILTIN_STACKING.join(', ')}, found ${name}`);
  const c = readCatalogCsv(catalogDataPath(`${name}_ESTES_12.csv`), name);
  return { ...c, origin: `built-in ${name} (paper Table S4)` };
}

/** Paper Table S4 (name, RA, Dec for SNR, PWN, UNID), parsed from the digitized table. */
export function tableS4(): Record<BuiltinStacking, CatalogSource[]> {
  const file = catalogDataPath('Table_S4.csv');
  const out: Record<BuiltinStacking, CatalogSource[]> = { snr: [], pwn: [], unid: [] };
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).slice(1).filter((l) => l.trim());
  lines.forEach((l, k) => {
    const c = cells(l);
    const cat = c[0].toLowerCase() as BuiltinStacking;
    if (!(cat in out)) throw new SchemaError(file, `line ${k + 2}`, 'catalog SNR, PWN or UNID', c[0]);
    out[cat].push({ name: c[1], raDeg: num(c[2], file, `line ${k + 2}, RA`), decDeg: num(c[3], file, `line ${k + 2}, Dec`), weight: 1 });
  });
  return out;
}

/** Row of paper Table S5 (109-source list with the paper's results). */
export interface SourceListEntry extends CatalogSource {
  index: number;
  ns: number;
  gamma: number | null;
  pPre: number | null;
  /** 90 % UL on E²dN/dE at 100 TeV, E⁻² and E⁻³, 10⁻¹² TeV cm⁻² s⁻¹ */
  ul2: number;
  ul3: number;
}

/** The paper's 109-source list (Table S5). */
export function sourceList(): SourceListEntry[] {
  const file = catalogDataPath('Table_S5.csv');
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).slice(1).filter((l) => l.trim());
  const opt = (t: string) => (t === '--' ? null : Number(t));
  const ul = (t: string, where: string) => num(t.replace('\\textless', '').replace('$', ''), file, where);
  return lines.map((l, k) => {
    const c = cells(l);
    const where = `line ${k + 2}`;
    return {
      index: num(c[0], file, `${where}, number`),
      name: c[1],
      raDeg: num(c[2], file, `${where}, RA`),
      decDeg: num(c[3], file, `${where}, Dec`),
      weight: 1,
      ns: num(c[4], file, `${where}, ns`),
      gamma: opt(c[5]),
      pPre: opt(c[6]),
      ul2: ul(c[7], `${where}, Phi_2`),
      ul3: ul(c[8], `${where}, Phi_3`),
    };
  });
}

/** Resolve a --catalog argument: a built-in name (snr|pwn|unid|sourcelist) or a CSV path. */
export function loadCatalog(arg: string): Catalog {
  const a = arg.toLowerCase();
  if ((BUILTIN_STACKING as readonly string[]).includes(a)) return stackingCatalog(a as BuiltinStacking);
  if (a === 'sourcelist' || a === 'source-list') return { name: 'sourcelist', sources: sourceList(), origin: 'built-in 109-source list (paper Table S5)' };
  return readCatalogCsv(arg);
}
