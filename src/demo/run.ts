/**
 * `nusky demo` as a library function: simulate the 10-year cascade sample with the published
 * π0 flux injected, run every search of the paper's Table 1, get p-values from background
 * trials, and return every number with its provenance (report.ts writes the files).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_STACKING } from '../catalogs/catalog.js';
import { writeSample } from '../events/io.js';
import { COMPONENTS, type EventSample } from '../events/sample.js';
import { powerLawFromE2At100TeV } from '../flux/powerLaw.js';
import { expectedEventsTemplate } from '../irf/expectation.js';
import { loadDnnCascadeIrf, type Irf } from '../irf/irf.js';
import { datasetFromSample } from '../likelihood/analysis.js';
import type { Dataset } from '../likelihood/dataset.js';
import { DEFAULT_CASCADE_MODEL } from '../sim/cascadeModel.js';
import { simulateSample } from '../sim/simulate.js';
import { dnnCascadeUptime, type Uptime } from '../sim/uptime.js';
import { loadTemplate } from '../templates/builtin.js';
import { spatialPdf } from '../templates/template.js';
import { Rng } from '../stats/random.js';
import { VERSION } from '../version.js';
import { demoOptions, type DemoOptions } from './options.js';
import { PI0_BEST_FIT_E2_FLUX, PI0_GAMMA } from './published.js';
import { runTemplates, type TemplateResults } from './stepTemplates.js';
import { runStackingStep, type StackingResult } from './stepStacking.js';
import { runSkyStep, type SkyResults } from './stepSky.js';
import { tableRows, type TableRow } from './table.js';
import type { TemplateRun } from './templates.js';
import type { ScanResult } from '../scan/scan.js';
import type { PixelPValues } from '../scan/significance.js';

export interface StepProgress {
  update(done: number, total?: number): void;
  label(text: string): void;
  stop(): void;
}
export type ProgressFactory = (label: string, total: number) => StepProgress;
const QUIET: StepProgress = { update() {}, label() {}, stop() {} };

/** Everything a step needs. */
export interface DemoContext {
  o: DemoOptions;
  irf: Irf;
  uptime: Uptime;
  sample: EventSample;
  ds: Dataset;
  eventsFile: string;
  progress: ProgressFactory;
  /** heavy objects for the report (not serialised) */
  artifacts: DemoArtifacts;
}

export interface DemoArtifacts {
  templateRuns?: TemplateRun[];
  /** background TS of each search by key */
  bgTs: Record<string, Float64Array>;
  scan?: ScanResult;
  pv?: PixelPValues;
}

export interface DemoResult {
  provenance: {
    nusky: string;
    seed: number;
    options: DemoOptions;
    started: string;
    seconds: number;
    node: string;
    citation: string;
  };
  sample: { events: number; byComponent: Record<string, number>; injectedE2FluxAt100TeV: number; injectedGamma: number; expectedSignalEvents: number; livetimeS: number };
  rows: TableRow[];
  templates: TemplateResults;
  stacking: StackingResult[];
  sky: SkyResults | null;
  timings: Record<string, number>;
}

export interface DemoRun {
  result: DemoResult;
  ctx: DemoContext;
}

export async function runDemo(opts: Partial<DemoOptions>, progress: ProgressFactory = () => QUIET): Promise<DemoRun> {
  const o = demoOptions(opts);
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  let tLap = t0;
  const lap = (name: string) => {
    const t = performance.now();
    timings[name] = Math.round(t - tLap) / 1000;
    tLap = t;
  };
  mkdirSync(o.out, { recursive: true });

  // 1. the sample: backgrounds + π0 at the published best fit, over a livetime fraction `scale`
  const base = loadDnnCascadeIrf();
  const irf: Irf = { ...base, livetimeS: base.livetimeS * o.scale };
  const uptime = dnnCascadeUptime(base.livetimeS);
  const pi0 = spatialPdf(loadTemplate('pi0'));
  const spectrum = powerLawFromE2At100TeV(PI0_BEST_FIT_E2_FLUX, PI0_GAMMA);
  const bar = progress('simulate', 1);
  const sample = simulateSample({
    irf,
    uptime,
    rng: new Rng(o.seed),
    background: { ...DEFAULT_CASCADE_MODEL, muonCount: DEFAULT_CASCADE_MODEL.muonCount * o.scale },
    signals: [{ kind: 'template', pdf: pi0, spectrum }],
  });
  const eventsFile = join(o.out, 'events.parquet');
  writeSample(eventsFile, sample);
  bar.update(1);
  bar.stop();
  const byComponent: Record<string, number> = {};
  for (const c of COMPONENTS) byComponent[c] = 0;
  for (let i = 0; i < sample.n; i++) byComponent[COMPONENTS[sample.component![i]]]++;
  const ds = datasetFromSample(sample, { sample: 'dnn-cascades-10yr' });
  lap('simulate');
  const ctx: DemoContext = { o, irf, uptime, sample, ds, eventsFile, progress, artifacts: { bgTs: {} } };

  // 2–3. searches and trials
  const templates = await runTemplates(ctx, lap);
  const stacking: StackingResult[] = [];
  for (const key of BUILTIN_STACKING) stacking.push(await runStackingStep(ctx, key));
  lap('stacking');
  const sky = o.scanNside > 0 || o.psTrialsPerDec > 0 ? await runSkyStep(ctx) : null;
  lap('sky');

  const result: DemoResult = {
    provenance: { nusky: VERSION, seed: o.seed, options: o, started: new Date(Date.now() - (performance.now() - t0)).toISOString(), seconds: 0, node: process.version, citation: '' },
    sample: { events: sample.n, byComponent, injectedE2FluxAt100TeV: PI0_BEST_FIT_E2_FLUX, injectedGamma: PI0_GAMMA, expectedSignalEvents: expectedEventsTemplate(irf, pi0, spectrum), livetimeS: irf.livetimeS },
    rows: [],
    templates,
    stacking,
    sky,
    timings,
  };
  result.rows = tableRows(result);
  result.provenance.seconds = Math.round(performance.now() - t0) / 1000;
  return { result, ctx };
}
