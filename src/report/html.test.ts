import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chart } from './chart.js';
import { HtmlReport } from './html.js';
import { tempDir } from '../../test/helpers/tmp.js';

const dir = tempDir('html');

const fig = () => chart({ width: 300, height: 200, series: [{ kind: 'line', x: [0, 1], y: [0, 1] }] });

/** Tiny HTML structure check: every non-void element opened is closed, in order. */
function balanced(html: string): boolean {
  const voids = new Set(['meta', 'img', 'br', 'hr', 'link', 'input', 'path', 'circle', 'rect', 'image']);
  const stack: string[] = [];
  const body = html.replace(/<!DOCTYPE[^>]*>/i, '').replace(/<style>[\s\S]*?<\/style>/, '');
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>/g)) {
    const [, close, name, self] = m;
    const tag = name!.toLowerCase();
    if (self || voids.has(tag)) continue;
    if (!close) stack.push(tag);
    else if (stack.pop() !== tag) return false;
  }
  return stack.length === 0;
}

describe('HtmlReport', () => {
  it('writes one self-contained file: embedded PNGs decode, tables and the JSON link parse back', () => {
    const r = new HtmlReport('Search <result>', { subtitle: 'nusky test' });
    r.section('Maps', 'Intro & text').figure(fig(), 'A line').section('Numbers');
    r.table(['name', 'TS', 'p'], [['π⁰', 12.3456789, 1e-5], ['KRA', -1, null]], 'Results');
    r.json('result.json', { ts: 12.3, arr: new Float64Array([1, 2]), inf: Infinity });
    const file = join(dir, 'report.html');
    r.write(file);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(balanced(html)).toBe(true);
    expect(html).toContain('<title>Search &lt;result&gt;</title>');
    expect(html).not.toMatch(/<script|https?:\/\//); // nothing fetched: no scripts, no remote URLs
    const img = /<img src="data:image\/png;base64,([^"]+)" alt="A line">/.exec(html);
    expect(img).not.toBeNull();
    expect(Buffer.from(img![1]!, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(html).toContain('<td class="num">12.35</td><td class="num">0.00001</td>');
    expect(html).toContain('<td class="num">−1</td><td></td>');
    const link = /download="result.json" href="data:application\/json;base64,([^"]+)"/.exec(html);
    expect(JSON.parse(Buffer.from(link![1]!, 'base64').toString('utf8'))).toEqual({ ts: 12.3, arr: [1, 2], inf: 'Infinity' });
    expect(html).toContain('<a href="#s1">Maps</a>');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]); // no temp file left behind
  });

  it('in link mode writes the figures beside the HTML and references them relatively', () => {
    const r = new HtmlReport('Linked', { images: 'link' });
    r.figure(fig(), 'one').figure(fig(), 'two');
    const file = join(dir, 'linked.html');
    r.write(file);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<img src="linked_files/figure-1.png" alt="one">');
    expect(existsSync(join(dir, 'linked_files', 'figure-2.png'))).toBe(true);
  });

  it('can inline figures as SVG', () => {
    const html = new HtmlReport('S', { figureFormat: 'svg' }).figure(fig(), 'vector').toString();
    expect(html).toContain('<svg role="img" aria-label="vector" xmlns="http://www.w3.org/2000/svg"');
    expect(balanced(html)).toBe(true);
  });

  it('keyValues lists an object as a two-column table', () => {
    const html = new HtmlReport('p').keyValues({ version: '0.1.0', seed: 42 }, 'Provenance').toString();
    expect(html).toContain('<caption>Provenance</caption>');
    expect(html).toContain('<tr><td>seed</td><td class="num">42</td></tr>');
  });

  it('rejects a table row with the wrong number of cells', () => {
    expect(() => new HtmlReport('x').table(['a', 'b'], [[1]], 'T')).toThrow(/report table "T": row 0: expected 2 cells, found 1/);
  });
});
