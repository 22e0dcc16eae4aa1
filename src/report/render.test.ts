import { describe, expect, it } from 'vitest';
import { renderCanvas, renderPng } from './render-png.js';
import { renderSvg } from './render-svg.js';
import { formatFromPath, renderScene } from './save.js';
import { Scene } from './scene.js';

function sample(): Scene {
  const s = new Scene(200, 100);
  s.rect(10, 10, 50, 30, { fill: '#ff0000' });
  s.line(0, 90, 200, 90, { stroke: '#0000ff', width: 4, dash: [5, 5] });
  s.text(100, 50, 'A<&>"B', { size: 20, align: 'center', baseline: 'middle', color: '#000', halo: '#fff' });
  s.markers([150, 30, 170, 30], { shape: 'star', r: 8, fill: ['#00ff00', '#ff00ff'], stroke: '#000' });
  s.image(0, 60, 20, 20, new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 0]), 2, 2);
  return s;
}

describe('Scene renderers', () => {
  it('PNG has the PNG signature, the scene size and the drawn colours where they were drawn', () => {
    const png = renderPng(sample());
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(200);
    expect(png.readUInt32BE(20)).toBe(100);
    const g = renderCanvas(sample()).getContext('2d');
    expect(Array.from(g.getImageData(30, 20, 1, 1).data)).toEqual([255, 0, 0, 255]);
    expect(Array.from(g.getImageData(5, 65, 1, 1).data)).toEqual([255, 0, 0, 255]); // raster top-left pixel
    expect(Array.from(g.getImageData(15, 75, 1, 1).data)).toEqual([255, 255, 255, 255]); // transparent raster pixel → background
  });

  it('PNG text is visible: dark pixels appear where the label is drawn', () => {
    const g = renderCanvas(sample()).getContext('2d');
    const d = g.getImageData(70, 38, 60, 24).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! + d[i + 1]! + d[i + 2]! < 150) dark++;
    expect(dark).toBeGreaterThan(30);
  });

  it('SVG is well-formed, escapes text, and carries the same primitives', () => {
    const svg = renderSvg(sample());
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('A&lt;&amp;&gt;&quot;B');
    expect(svg).toContain('stroke-dasharray="5 5"');
    expect(svg).toContain('fill="#ff0000"');
    expect(svg).toMatch(/<image [^>]*xlink:href="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
    // Balanced tags: every opened element is closed.
    const opens = (svg.match(/<(svg|g|text|clipPath)\b/g) ?? []).length;
    const closes = (svg.match(/<\/(svg|g|text|clipPath)>/g) ?? []).length;
    expect(opens).toBe(closes);
  });

  it('draws many opaque edge-less markers (batched) and translucent ones (one by one, overlaps add up)', () => {
    const s = new Scene(60, 20);
    s.markers([10, 10, 12, 10], { shape: 'circle', r: 4, fill: '#0000ff' });
    s.markers([40, 10, 42, 10], { shape: 'square', r: 4, fill: '#000000', opacity: 0.5 });
    const g = renderCanvas(s).getContext('2d');
    expect(Array.from(g.getImageData(11, 10, 1, 1).data)).toEqual([0, 0, 255, 255]);
    const single = g.getImageData(37, 10, 1, 1).data[0]!; // one square
    const both = g.getImageData(41, 10, 1, 1).data[0]!; // two overlapping squares
    expect(single).toBeGreaterThan(120);
    expect(both).toBeLessThan(single - 40);
  });

  it('clip regions nest as groups in SVG and restrict drawing in PNG', () => {
    const s = new Scene(100, 100);
    s.clip([0, 0, 50, 0, 50, 100, 0, 100]);
    s.rect(0, 0, 100, 100, { fill: '#000000' });
    s.clip(null);
    const g = renderCanvas(s).getContext('2d');
    expect(Array.from(g.getImageData(25, 50, 1, 1).data)).toEqual([0, 0, 0, 255]);
    expect(Array.from(g.getImageData(75, 50, 1, 1).data)).toEqual([255, 255, 255, 255]);
    expect(renderSvg(s)).toMatch(/<clipPath id="clip1"><path d="M0 0L50 0L50 100L0 100Z"\/><\/clipPath><g clip-path="url\(#clip1\)">/);
  });

  it('the output format follows the file extension; others are an InputError', () => {
    expect(formatFromPath('a/b.PNG')).toBe('png');
    expect(formatFromPath('x.svg')).toBe('svg');
    expect(() => formatFromPath('x.pdf')).toThrow(/x\.pdf: output file: expected a \.png or \.svg extension, found "\.pdf"/);
    expect(renderScene(sample(), 'svg').toString('utf8')).toContain('<svg');
  });
});
