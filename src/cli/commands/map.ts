/**
 * `nusky map info FILE` and `nusky map convert IN OUT`. Other areas attach subcommands
 * (e.g. `map plot`) to the Command returned by mapCommand(program).
 */
import { Command } from 'commander';
import { InputError } from '../../errors.js';
import { emit } from '../output.js';
import { UNSEEN, type Ordering, type SkyMap } from '../../sky/types.js';
import { nside2pixarea, reorder, udGrade } from '../../sky/healpix/index.js';
import { rotateMapFrame } from '../../sky/rotate-map.js';
import { loadMaps, isNpyFile } from '../../io/any-map.js';
import { readHealpixFile, coordsysToFrame } from '../../io/healpix-map.js';
import { writeMap } from '../../io/healpix-map-write.js';
import { writeNpy } from '../../io/npy.js';
import { frameArg, nsideArg } from './map-args.js';

export interface ColumnStats {
  name: string;
  unit: string | null;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Σ value × pixel area over seen pixels [unit × sr]. */
  integral: number;
  unseen: number;
  nan: number;
}

/** Statistics over the pixels that are neither UNSEEN nor NaN. */
export function columnStats(name: string, unit: string | undefined, data: Float64Array, nside: number): ColumnStats {
  let min = Infinity, max = -Infinity, sum = 0, n = 0, unseen = 0, nan = 0;
  for (const v of data) {
    if (v === UNSEEN) unseen++;
    else if (Number.isNaN(v)) nan++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
      n++;
    }
  }
  return { name, unit: unit ?? null, min: n ? min : null, max: n ? max : null, mean: n ? sum / n : null, integral: sum * nside2pixarea(nside), unseen, nan };
}

interface InfoOpts { json?: boolean; frame?: string; nest?: boolean }

function info(file: string, o: InfoOpts): void {
  const frameOpt = frameArg(o.frame, '--frame'); // validated even when the file names its frame
  let result: Record<string, unknown>;
  if (isNpyFile(file)) {
    const l = loadMaps(file, { frame: frameOpt, nest: o.nest });
    const m0 = l.maps[0]!;
    result = { file, format: 'npy', nside: m0.nside, npix: m0.data.length, ordering: m0.ordering, frame: m0.frame, assumed: l.assumed, columns: l.maps.map((m) => columnStats(m.name ?? 'MAP', m.unit, m.data, m.nside)) };
  } else {
    const f = readHealpixFile(file);
    const frame = coordsysToFrame(f.coordsys) ?? frameOpt ?? null;
    result = {
      file, format: 'fits', nside: f.nside, npix: 12 * f.nside * f.nside, ordering: f.ordering, coordsys: f.coordsys ?? null, frame,
      partial: f.partial, columns: f.columns.map((c) => ({ ...columnStats(c.name, c.unit, c.data, f.nside), tform: c.tform })),
    };
  }
  emit(result, o.json ?? false, () => {
    const r = result as { nside: number; npix: number; ordering: string; frame: string | null; columns: ColumnStats[]; assumed?: string[] };
    const lines = [`${file}`, `  nside ${r.nside} (${r.npix} pixels), ${r.ordering}, frame ${r.frame ?? 'unknown (no COORDSYS)'}`];
    if (r.assumed?.length) lines.push(`  assumed: ${r.assumed.join('; ')}`);
    for (const c of r.columns) {
      lines.push(`  ${c.name}${c.unit ? ` [${c.unit}]` : ''}: min ${c.min} max ${c.max} mean ${c.mean} integral ${c.integral} (×sr) UNSEEN ${c.unseen}${c.nan ? ` NaN ${c.nan}` : ''}`);
    }
    return lines.join('\n');
  });
}

interface ConvertOpts {
  ordering?: string; frame?: string; nside?: string; dtype?: string; inFrame?: string; inNest?: boolean;
  field?: string; overwrite?: boolean; json?: boolean;
}

function convert(input: string, output: string, o: ConvertOpts): void {
  const field = o.field?.split(',').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const loaded = loadMaps(input, { frame: frameArg(o.inFrame, '--in-frame'), nest: o.inNest, ...(field ? { field } : {}) });
  const toFrame = frameArg(o.frame, '--frame');
  const ord = o.ordering?.toUpperCase();
  if (ord !== undefined && ord !== 'RING' && ord !== 'NEST' && ord !== 'NESTED') throw new InputError(`--ordering: expected RING or NEST, found ${o.ordering}`);
  const toOrdering: Ordering | undefined = ord === undefined ? undefined : ord === 'RING' ? 'RING' : 'NESTED';
  const nsideOut = nsideArg(o.nside, '--nside');
  const dtype = o.dtype ?? 'float64';
  if (dtype !== 'float32' && dtype !== 'float64') throw new InputError(`--dtype: expected float32 or float64, found ${o.dtype}`);

  const maps = loaded.maps.map((m0): SkyMap => {
    let m = m0;
    if (toFrame && toFrame !== m.frame) m = rotateMapFrame(m, toFrame);
    if (nsideOut !== undefined && nsideOut !== m.nside) {
      const order = m.ordering === 'NESTED' ? 'NESTED' : 'RING';
      m = { ...m, nside: nsideOut, data: udGrade(m.data, nsideOut, { orderIn: order, orderOut: order }) };
    }
    const target = toOrdering ?? m.ordering;
    if (target !== m.ordering) m = { ...m, ordering: target, data: reorder(m.data, target === 'NESTED' ? { r2n: true } : { n2r: true }) };
    return m;
  });
  if (isNpyFile(output)) {
    if (maps.length !== 1) throw new InputError(`${output}: .npy output holds one map; choose one with --field`);
    writeNpy(output, dtype === 'float32' ? Float32Array.from(maps[0]!.data) : maps[0]!.data, { overwrite: o.overwrite ?? false });
  } else {
    writeMap(output, maps, { dtype, overwrite: o.overwrite ?? false });
  }
  const m = maps[0]!;
  const result = { input, output, nside: m.nside, ordering: m.ordering, frame: m.frame, columns: maps.map((x) => x.name ?? null), dtype, assumed: loaded.assumed };
  emit(result, o.json ?? false, () => `wrote ${output}: nside ${m.nside}, ${m.ordering}, ${m.frame}, ${maps.length} column(s), ${dtype}${loaded.assumed.length ? `\n  assumed: ${loaded.assumed.join('; ')}` : ''}`);
}

/** Create the `map` command group on `program` and return it, so other areas can add subcommands. */
export function mapCommand(program: Command): Command {
  const existing = program.commands.find((c) => c.name() === 'map');
  if (existing) return existing;
  const map = program.command('map').description('HEALPix map files: inspect, convert (FITS as healpy writes it, .fits.gz, .npy)');
  map
    .command('info')
    .description('nside, ordering, frame, columns, units, min/max/mean, integral (Σ value × pixel area) and UNSEEN count')
    .argument('<file>', '.fits, .fits.gz or .npy map')
    .option('--frame <frame>', 'frame of a .npy (or a FITS without COORDSYS): equatorial|galactic (.npy default: equatorial, as the GP-2023 π0 template)')
    .option('--nest', 'the .npy array is NESTED (default RING)')
    .option('--json', 'print JSON')
    .action((file: string, o: InfoOpts) => info(file, o));
  map
    .command('convert')
    .description('convert a map (FITS/.npy) to FITS that healpy reads (or .npy), optionally changing ordering, frame, nside, dtype')
    .argument('<in>', 'input .fits, .fits.gz or .npy')
    .argument('<out>', 'output .fits, .fits.gz (compressed) or .npy')
    .option('--ordering <ordering>', 'output ordering RING|NEST (default: as input)')
    .option('--frame <frame>', 'output frame equatorial|galactic, rotated by bilinear interpolation (default: as input)')
    .option('--in-frame <frame>', 'input frame when the file does not say (.npy default: equatorial)')
    .option('--in-nest', 'the input .npy is NESTED (default RING)')
    .option('--nside <n>', 'output nside, a power of 2 (ud_grade: averages when degrading, copies when upgrading; default: as input)')
    .option('--dtype <dtype>', 'float32|float64 (default float64)')
    .option('--field <list>', 'comma-separated columns (names or 0-based indices) to keep (default: all)')
    .option('--overwrite', 'replace OUT if it exists')
    .option('--json', 'print JSON')
    .action((input: string, output: string, o: ConvertOpts) => convert(input, output, o));
  return map;
}

export function register(program: Command): void {
  mapCommand(program);
}
