/**
 * Event-sample files: Parquet (hyparquet / hyparquet-writer), FITS binary tables (src/io) and
 * CSV. All three hold the columns of sample.ts with the same names; angles in radians.
 * Code columns are uint8 codes in Parquet/FITS and names ("cascade", "atm-conv") in CSV
 * (codes are accepted there too). Writers go through a temporary file and a rename.
 */
import { parquetMetadata, parquetRead } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { InputError, SchemaError } from '../errors.js';
import { readFileMaybeGzip, writeFileAtomic } from '../io/file.js';
import { readTable, writeTable } from '../io/table.js';
import { COLUMNS, checkSample, presentColumns, type ColumnSpec, type EventSample } from './sample.js';

export type SampleFormat = 'parquet' | 'fits' | 'csv';

export function formatOf(file: string): SampleFormat {
  const f = file.toLowerCase();
  if (f.endsWith('.parquet') || f.endsWith('.pq')) return 'parquet';
  if (/\.(fits|fit|fits\.gz)$/.test(f)) return 'fits';
  if (f.endsWith('.csv') || f.endsWith('.csv.txt')) return 'csv';
  throw new InputError(`${file}: unknown event-file type (use .parquet, .fits[.gz] or .csv)`);
}

/** Write a sample; the format follows the extension. */
export function writeSample(file: string, s: EventSample, opts: { overwrite?: boolean } = {}): void {
  checkSample(s, file);
  const fmt = formatOf(file);
  const cols = presentColumns(s);
  const get = (c: ColumnSpec) => (s as unknown as Record<string, Float64Array | Uint8Array>)[c.name];
  if (fmt === 'parquet') {
    const buf = parquetWriteBuffer({
      columnData: cols.map((c) => ({
        name: c.name,
        data: c.kind === 'f64' ? get(c) : Int32Array.from(get(c)),
        type: c.kind === 'f64' ? 'DOUBLE' : 'INT32',
        nullable: false,
      })),
      kvMetadata: [{ key: 'nusky.schema', value: JSON.stringify(cols.map((c) => ({ name: c.name, unit: c.unit, codes: c.codes }))) }],
    });
    writeFileAtomic(file, new Uint8Array(buf), { overwrite: opts.overwrite ?? true });
  } else if (fmt === 'fits') {
    const data: Record<string, Float64Array | Uint8Array> = {};
    const units: Record<string, string> = {};
    for (const c of cols) { data[c.name] = get(c); if (c.unit) units[c.name] = c.unit; }
    writeTable(file, data, { units, extname: 'EVENTS', overwrite: opts.overwrite ?? true });
  } else {
    const lines = [cols.map((c) => c.name).join(',')];
    const cells = new Array<string>(cols.length);
    for (let i = 0; i < s.n; i++) {
      for (let j = 0; j < cols.length; j++) {
        const c = cols[j], v = get(c)[i];
        cells[j] = c.codes ? (c.codes[v] ?? String(v)) : String(v);
      }
      lines.push(cells.join(','));
    }
    writeFileAtomic(file, new TextEncoder().encode(lines.join('\n') + '\n'), { overwrite: opts.overwrite ?? true });
  }
}

/** Read a sample; checks required columns and types (SchemaError names file, column, expected, found). */
export async function readSample(file: string): Promise<EventSample> {
  const fmt = formatOf(file);
  let raw: Record<string, ArrayLike<unknown>>;
  let n: number;
  if (fmt === 'parquet') ({ raw, n } = await readParquetColumns(file));
  else if (fmt === 'fits') {
    const t = readTable(file, { int64: 'number' });
    raw = t.columns as Record<string, ArrayLike<unknown>>;
    n = t.nrows;
  } else ({ raw, n } = readCsvColumns(file));
  return fromColumns(file, raw, n);
}

/** Build a sample from named raw columns, enforcing the schema. */
export function fromColumns(file: string, raw: Record<string, ArrayLike<unknown>>, n: number): EventSample {
  const out: Record<string, unknown> = { n };
  for (const c of COLUMNS) {
    const a = raw[c.name];
    if (a === undefined) {
      if (c.required) throw new SchemaError(file, `column '${c.name}'`, `a ${c.kind === 'f64' ? 'numeric' : 'categorical'} column`, 'no such column');
      continue;
    }
    if (a.length !== n) throw new SchemaError(file, `column '${c.name}'`, `${n} rows`, `${a.length}`);
    if (c.kind === 'f64') {
      const d = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = a[i];
        const x = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
        if (Number.isNaN(x) && !(typeof v === 'number')) throw new SchemaError(file, `column '${c.name}' row ${i + 1}`, 'a number', JSON.stringify(v));
        d[i] = x;
      }
      out[c.name] = d;
    } else {
      const d = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const v = a[i];
        let code: number;
        if (typeof v === 'string' && c.codes && c.codes.includes(v.trim())) code = c.codes.indexOf(v.trim());
        else code = typeof v === 'bigint' ? Number(v) : Number(v);
        if (!(Number.isInteger(code) && code >= 0 && code <= 255 && (code === 255 || !c.codes || code < c.codes.length))) {
          throw new SchemaError(file, `column '${c.name}' row ${i + 1}`, `one of ${c.codes?.join('|')} (or code 0..${(c.codes?.length ?? 1) - 1}, 255)`, JSON.stringify(typeof v === 'bigint' ? Number(v) : v));
        }
        d[i] = code;
      }
      out[c.name] = d;
    }
  }
  return out as unknown as EventSample;
}

async function readParquetColumns(file: string): Promise<{ raw: Record<string, ArrayLike<unknown>>; n: number }> {
  const b = readFileMaybeGzip(file);
  const ab = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  let meta;
  try { meta = parquetMetadata(ab); } catch (e) { throw new SchemaError(file, 'file', 'a Parquet file', (e as Error).message); }
  const n = Number(meta.num_rows);
  const names = meta.schema.slice(1).map((s) => s.name);
  const want = COLUMNS.map((c) => c.name as string).filter((c) => names.includes(c));
  const raw: Record<string, unknown[] | Float64Array> = {};
  for (const name of want) raw[name] = new Array<unknown>(n);
  await parquetRead({
    file: ab,
    columns: want,
    onChunk: (ch) => {
      const dst = raw[ch.columnName] as unknown[];
      const src = ch.columnData as ArrayLike<unknown>;
      for (let i = 0; i < src.length && ch.rowStart + i < n; i++) dst[ch.rowStart + i] = src[i];
    },
  });
  return { raw, n };
}

function readCsvColumns(file: string): { raw: Record<string, ArrayLike<unknown>>; n: number } {
  const lines = readFileMaybeGzip(file).toString('utf8').split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  if (lines.length === 0) throw new SchemaError(file, 'line 1', 'a header line of column names', 'empty file');
  const names = lines[0].split(',').map((s) => s.trim());
  const n = lines.length - 1;
  const raw: Record<string, string[]> = {};
  for (const nm of names) raw[nm] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const cells = lines[i + 1].split(',');
    if (cells.length !== names.length) throw new SchemaError(file, `line ${i + 2}`, `${names.length} comma-separated fields`, `${cells.length}`);
    for (let j = 0; j < names.length; j++) raw[names[j]][i] = cells[j];
  }
  return { raw, n };
}
