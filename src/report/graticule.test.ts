import { describe, expect, it } from 'vitest';
import { formatLat, formatLon } from './graticule.js';
import { mollviewScene } from './mollweide.js';

describe('graticule labels', () => {
  it('format longitudes as 0…360°, −180…180° or hours, and latitudes with a sign', () => {
    expect([formatLon(300, 'deg'), formatLon(-60, 'deg'), formatLon(300, 'signed'), formatLon(180, 'signed')]).toEqual(['300°', '300°', '−60°', '180°']);
    expect([formatLon(90, 'hours'), formatLon(270, 'hours')]).toEqual(['6h', '18h']);
    expect([formatLat(30), formatLat(0), formatLat(-60)]).toEqual(['+30°', '0°', '−60°']);
  });

  it('label a Galactic plot with signed longitudes and honour custom spacing', () => {
    const map = { nside: 4, ordering: 'RING' as const, frame: 'galactic' as const, data: new Float64Array(192) };
    const t = (o: Parameters<typeof mollviewScene>[1]) =>
      mollviewScene(map, { width: 500, colorbar: false, ...o }).scene.ops.filter((x) => x.k === 'text').map((x) => (x as { text: string }).text);
    expect(t({})).toEqual(expect.arrayContaining(['−60°', '−120°', '60°', '120°', '0°']));
    const fine = t({ graticule: { dparDeg: 15, dmerDeg: 45, lonFormat: 'hours' } });
    expect(fine).toEqual(expect.arrayContaining(['+75°', '+15°', '3h', '21h']));
    expect(t({ graticule: false }).some((s) => s.endsWith('°'))).toBe(false);
  });
});
