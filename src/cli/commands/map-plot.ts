/**
 * `nusky map plot IN OUT.png|OUT.svg`: a mollview of a HEALPix map (FITS or .npy) with graticule,
 * title and colour bar. Attached to the `map` command group of map.ts.
 */
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { loadMaps } from '../../io/any-map.js';
import { COLORMAP_NAMES, getColormap, type NormKind } from '../../report/colormap.js';
import { mollviewScene } from '../../report/mollweide.js';
import { formatFromPath, saveScene } from '../../report/save.js';
import { emit } from '../output.js';
import { mapCommand } from './map.js';
import { frameArg, numArg } from './map-args.js';

export interface PlotOpts {
  frame?: string;
  inFrame?: string;
  nest?: boolean;
  inNest?: boolean;
  log?: boolean;
  scale?: string;
  title?: string;
  cmap?: string;
  min?: string;
  max?: string;
  unit?: string;
  field?: string;
  rot?: string;
  width?: string;
  symmetric?: boolean;
  graticule?: boolean;
  json?: boolean;
}

/** Plot one map file; returns what was written (for --json). */
export function plotMapFile(input: string, output: string, o: PlotOpts): Record<string, unknown> {
  const format = formatFromPath(output);
  if (o.cmap !== undefined) getColormap(o.cmap); // fail early on a bad name
  const fieldNum = o.field === undefined ? undefined : /^\d+$/.test(o.field) ? Number(o.field) : o.field;
  const loaded = loadMaps(input, {
    ...(o.inFrame !== undefined ? { frame: frameArg(o.inFrame, '--in-frame')! } : {}),
    ...(o.nest || o.inNest ? { nest: true } : {}),
    field: [fieldNum ?? 0],
  });
  const map = loaded.maps[0]!;
  const scale = (o.log ? 'log' : (o.scale ?? 'linear')) as NormKind;
  if (scale !== 'linear' && scale !== 'log' && scale !== 'symlog') throw new InputError(`--scale: expected linear, log or symlog, found ${o.scale}`);
  const width = numArg(o.width, '--width');
  if (width !== undefined && !(width >= 200 && width <= 8000)) throw new InputError(`--width: expected 200…8000 px, found ${width}`);
  const min = numArg(o.min, '--min');
  const max = numArg(o.max, '--max');
  const rot = numArg(o.rot, '--rot');
  const frame = frameArg(o.frame, '--frame');
  const unit = o.unit ?? map.unit;
  const { scene, norm } = mollviewScene(map, {
    scale,
    ...(o.title !== undefined ? { title: o.title } : {}),
    ...(o.cmap !== undefined ? { cmap: o.cmap } : {}),
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    ...(unit !== undefined ? { unit } : {}),
    ...(frame !== undefined ? { frame } : {}),
    ...(rot !== undefined ? { rotDeg: rot } : {}),
    ...(width !== undefined ? { width } : {}),
    ...(o.symmetric ? { symmetric: true } : {}),
    ...(o.graticule === false ? { graticule: false as const } : {}),
  });
  const bytes = saveScene(scene, output);
  return {
    input, output, format, bytes, width: scene.width, height: scene.height,
    nside: map.nside, ordering: map.ordering, mapFrame: map.frame, displayFrame: frame ?? map.frame, column: map.name ?? null,
    scale, vmin: norm.vmin, vmax: norm.vmax, assumed: loaded.assumed,
  };
}

/** Adds `plot` to the `map` command group. */
export function addPlotCommand(map: Command): Command {
  return map
    .command('plot')
    .description('draw a HEALPix map in Mollweide projection (like healpy.mollview) to PNG or SVG')
    .argument('<in>', 'input map: .fits, .fits.gz or .npy')
    .argument('<out>', 'output image: .png or .svg')
    .option('--frame <frame>', 'display frame: equatorial|galactic (default: the map\'s own frame)')
    .option('--in-frame <frame>', 'frame of a .npy input (default equatorial) or of a FITS without COORDSYS')
    .option('--nest', 'the .npy input is NESTED (default RING)')
    .option('--in-nest', 'same as --nest (the spelling of map convert/smooth/rotate/cl)')
    .option('--log', 'logarithmic colour scale (non-positive pixels get the lowest colour)')
    .option('--scale <scale>', 'colour scale: linear|log|symlog (default linear)')
    .option('--symmetric', 'colour range symmetric about 0 (significance maps; use with --cmap RdBu_r)')
    .option('--title <title>', 'title above the map')
    .option('--cmap <name>', `colour map: ${COLORMAP_NAMES.join(', ')} (append _r to reverse; default viridis)`)
    .option('--min <v>', 'lower end of the colour range (default: map minimum)')
    .option('--max <v>', 'upper end of the colour range (default: map maximum)')
    .option('--unit <unit>', 'colour-bar label (default: the column unit in the file)')
    .option('--field <n>', 'column (FITS; index or name) or row (2-D .npy) to plot (default 0)')
    .option('--rot <deg>', 'longitude at the centre of the plot, degrees (default 0)')
    .option('--width <px>', 'image width in px (default 1600)')
    .option('--no-graticule', 'no graticule lines and labels')
    .option('--json', 'print JSON')
    .action((input: string, output: string, o: PlotOpts) => {
      const r = plotMapFile(input, output, o);
      emit(r, o.json ?? false, () => `wrote ${output} (${r.width}×${r.height}, ${r.bytes} bytes): nside ${r.nside} ${r.mapFrame} map shown in ${r.displayFrame}, ${r.scale} scale [${r.vmin}, ${r.vmax}]`);
    });
}

export function register(program: Command): void {
  addPlotCommand(mapCommand(program));
}
