/**
 * Trial files: Parquet (hyparquet-writer / hyparquet), one DOUBLE column per
 * table column, provenance as JSON in the key-value metadata
 * ('nusky.trials.provenance': seed, trial range, config hash, nusky version per
 * merged run). Files from different runs and machines merge when they share the
 * analysis configuration and do not repeat a trial (same seed, overlapping range).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parquetMetadata, parquetRead } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { FileFormatError, InputError } from '../errors.js';
import type { TrialProvenance, TrialTable } from './table.js';

const KEY = 'nusky.trials.provenance';
const KEY_COLUMNS = 'nusky.trials.columns';

/** Write a trial table (temp file, then rename). */
export function writeTrials(path: string, t: TrialTable): void {
  const buf = parquetWriteBuffer({
    columnData: t.columns.map((c) => ({ name: c, data: t.data[c], type: 'DOUBLE' as const, nullable: false })),
    kvMetadata: [
      { key: KEY, value: JSON.stringify(t.provenance) },
      { key: KEY_COLUMNS, value: JSON.stringify(t.columns) },
    ],
    createdBy: `nusky ${t.provenance[0]?.nusky ?? ''}`.trim(),
    rowGroupSize: 1_000_000,
  });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, new Uint8Array(buf));
  renameSync(tmp, path);
}

/** Read a trial table written by writeTrials. */
export async function readTrials(path: string): Promise<TrialTable> {
  const bytes = readFileSync(path);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let meta;
  try {
    meta = parquetMetadata(file);
  } catch (e) {
    throw new FileFormatError(path, 'footer', 'a Parquet file', `unreadable (${(e as Error).message})`);
  }
  const kv = new Map((meta.key_value_metadata ?? []).map((e) => [e.key, e.value ?? '']));
  const prov = kv.get(KEY);
  const cols = kv.get(KEY_COLUMNS);
  if (!prov || !cols) throw new FileFormatError(path, 'key-value metadata', `'${KEY}' and '${KEY_COLUMNS}'`, 'none (not a nusky trial file)');
  const columns = JSON.parse(cols) as string[];
  const n = Number(meta.num_rows);
  const data: Record<string, Float64Array> = {};
  for (const c of columns) data[c] = new Float64Array(n);
  await parquetRead({
    file,
    columns,
    onChunk: (ch) => {
      const dst = data[ch.columnName];
      const src = ch.columnData as ArrayLike<number>;
      for (let i = 0; i < ch.rowEnd - ch.rowStart; i++) dst[ch.rowStart + i] = Number(src[i]);
    },
  });
  return { columns, data, n, provenance: JSON.parse(prov) as TrialProvenance[] };
}

/**
 * Concatenate tables of the same analysis. Refuses mismatched configurations
 * (config hash, kernel, injection strength, columns) and repeated trials.
 */
export function mergeTrials(tables: TrialTable[], names: string[] = tables.map((_, i) => `table ${i}`)): TrialTable {
  if (tables.length === 0) throw new InputError('mergeTrials: nothing to merge');
  const ref = tables[0];
  const p0 = ref.provenance[0];
  const seen: TrialProvenance[] = [];
  tables.forEach((t, i) => {
    if (t.columns.join() !== ref.columns.join()) throw new InputError(`mergeTrials: ${names[i]} has columns [${t.columns}], expected [${ref.columns}] as in ${names[0]}`);
    for (const p of t.provenance) {
      if (p.configHash !== p0.configHash) throw new InputError(`mergeTrials: ${names[i]} has analysis config hash ${p.configHash}, expected ${p0.configHash} as in ${names[0]}: refusing to merge different analyses`);
      if (p.meanInjected !== p0.meanInjected || p.poisson !== p0.poisson) throw new InputError(`mergeTrials: ${names[i]} injected ${p.meanInjected} (poisson ${p.poisson}), expected ${p0.meanInjected} (poisson ${p0.poisson})`);
      for (const q of seen) {
        if (q.seed === p.seed && p.start < q.start + q.count && q.start < p.start + p.count) throw new InputError(`mergeTrials: ${names[i]} repeats trials ${Math.max(p.start, q.start)}… of seed ${p.seed}: the same trials would count twice`);
      }
      seen.push(p);
    }
  });
  const n = tables.reduce((s, t) => s + t.n, 0);
  const data: Record<string, Float64Array> = {};
  for (const c of ref.columns) {
    const d = new Float64Array(n);
    let o = 0;
    for (const t of tables) {
      d.set(t.data[c], o);
      o += t.n;
    }
    data[c] = d;
  }
  return { columns: [...ref.columns], data, n, provenance: seen };
}
