import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDemo } from './run.js';
import { writeDemoReport } from './report.js';
import { formatTable } from './table.js';
import { demoOptions } from './options.js';
import { PUBLISHED_TEMPLATES } from './published.js';
import { correlatedBackgroundTrials } from './templates.js';
import { poolTrials } from './pool.js';

const dir = mkdtempSync(join(tmpdir(), 'nusky-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// a tiny configuration: 2 % of the livetime, few trials, coarse grids, no worker threads
const TINY = { scale: 0.02, templateTrials: 40, stackingTrials: 4, psTrialsPerDec: 10, decGridDeg: [-40, 40], scanNside: 4, scanTrials: 2, sourceListTrials: 3, templateNside: 16, sensitivityTrials: 20, sensitivityMaxSteps: 2, reservoir: 500, workers: 0 };

describe('nusky demo pipeline', () => {
  it('runs end to end on a reduced sample and writes report.html, results.json and PNGs with every table row', async () => {
    const out = join(dir, 'a');
    const { result, ctx } = await runDemo({ ...TINY, seed: 7, out });
    const files = writeDemoReport(ctx, result);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(files.pngs.length).toBeGreaterThanOrEqual(12);
    for (const f of files.pngs) expect(readFileSync(f).subarray(1, 4).toString()).toBe('PNG');
    const names = readdirSync(out);
    for (const f of ['events.png', 'template_pi0.png', 'ts_contribution_pi0.png', 'scan_significance.png', 'ts_pi0.png', 'flux.png']) expect(names).toContain(f);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    // offline: no external scripts, styles or images
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain('data:image/png;base64');
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const searches = json.rows.map((r: { search: string }) => r.search);
    expect(searches.slice(0, 6)).toEqual(['π0', 'KRA-γ5', 'KRA-γ50', 'SNR', 'PWN', 'UNID']);
    expect(searches.some((s: string) => s.startsWith('Source list'))).toBe(true);
    expect(searches.filter((s: string) => s.startsWith('Hotspot'))).toHaveLength(2);
    for (const r of json.rows) {
      expect(r.p).toBeGreaterThan(0);
      expect(r.p).toBeLessThanOrEqual(1);
      expect(r.ts).toBeGreaterThanOrEqual(0);
    }
    const pi0 = json.rows[0];
    expect(pi0.published.p).toBe(PUBLISHED_TEMPLATES[0].p);
    expect(pi0.published.flux).toBe(21.8);
    expect(pi0.fluxLo).toBeLessThanOrEqual(pi0.flux);
    expect(pi0.fluxHi).toBeGreaterThanOrEqual(pi0.flux);
    expect(json.provenance.seed).toBe(7);
    expect(json.provenance.options.templateTrials).toBe(40);
    expect(json.sample.byComponent.signal).toBeGreaterThan(0);
    expect(json.sky.scan.nScanTrials).toBe(2);
    expect(json.sky.scan.north.pPost).toBeGreaterThanOrEqual(0);
    expect(json.sky.scan.north.pPost).toBeLessThanOrEqual(1);
    // stacking sensitivities come from the 'stack' kernel's signal trials
    for (const st of json.stacking) {
      expect(st.sensitivity.nSignal).toBeGreaterThan(0);
      expect(st.sensitivity.flux).toBeGreaterThan(0);
      expect(st.sensitivity.points.length).toBeGreaterThan(0);
    }
    expect(json.rows[3].sensitivity).toBeGreaterThan(0);
    // the source list's post-trial p comes from correlated trials of the whole list
    expect(json.sky.sourceList.postTrialMethod).toBe('trials');
    expect(json.sky.sourceList.nTrials).toBe(3);
    expect(json.sky.sourceList.pPost).toBeGreaterThanOrEqual(0);
    expect(json.sky.sourceList.pPost).toBeLessThanOrEqual(1);
    expect(formatTable(result.rows)).toContain('KRA-γ50');
  }, 240_000);

  it('is reproducible: the same seed gives the same sample, fits and trials, in-process or on the worker pool', async () => {
    const o = { ...TINY, scanNside: 0, scanTrials: 0, sourceListTrials: 0, psTrialsPerDec: 0, sensitivityTrials: 0, report: false };
    const a = (await runDemo({ ...o, seed: 3, out: join(dir, 'b') })).result;
    const { result: b, ctx } = await runDemo({ ...o, seed: 3, out: join(dir, 'c') });
    expect(b.sample.events).toBe(a.sample.events);
    expect(b.rows.map((r) => [r.ts, r.p])).toEqual(a.rows.map((r) => [r.ts, r.p]));
    // the worker-pool path (demo kernel rebuilt from events.parquet) gives the in-process TS values
    const inProcess = correlatedBackgroundTrials(ctx.artifacts.templateRuns!, 6, 99);
    const pooled = await poolTrials({ ...ctx, o: { ...ctx.o, workers: 2 } }, { templates: ['pi0', 'kra5', 'kra50'], templateNside: 16 }, 6, 99);
    for (let k = 0; k < 3; k++) expect(Array.from(pooled[k])).toEqual(Array.from(inProcess[k]));
  }, 240_000);

  it('rejects bad options with a typed error naming the option', () => {
    expect(() => demoOptions({ seed: 1.5 })).toThrow(/seed/);
    expect(() => demoOptions({ scanNside: 12 })).toThrow(/nside/);
    expect(() => demoOptions({ scale: 0 })).toThrow(/scale/);
  });
});
