/** Small kernel configurations whose outputs are pinned in test/fixtures/trials/kernel-ref.json (speed-pass regression). */
export const REF_CASES = [
  { name: 'template-bg', module: 'template', config: { synthetic: { nBackground: 3000, seed: 4 }, templates: ['galactic-band', 'galactic-band'], nside: 4, smoother: 'direct', reservoir: 2000 }, nInj: 0, stream: 11 },
  { name: 'template-sig', module: 'template', config: { synthetic: { nBackground: 3000, seed: 4 }, templates: ['galactic-band'], nside: 4, smoother: 'direct', reservoir: 2000 }, nInj: 150, stream: 12 },
  { name: 'template-sig-fixedbg', module: 'template', config: { synthetic: { nBackground: 3000, seed: 4 }, templates: ['galactic-band'], nside: 4, smoother: 'direct', reservoir: 2000, updateBg: false }, nInj: 150, stream: 13 },
  { name: 'ps-bg', module: 'ps', config: { synthetic: { nBackground: 4000, seed: 3 }, source: { ra: 120, dec: -30 } }, nInj: 0, stream: 14 },
  { name: 'ps-bg-raonly', module: 'ps', config: { synthetic: { nBackground: 4000, seed: 3 }, source: { ra: 120, dec: -30 }, decJitter: false }, nInj: 0, stream: 16 },
  { name: 'ps-list-sig', module: 'ps', config: { synthetic: { nBackground: 4000, seed: 3 }, sources: [{ ra: 120, dec: -30 }, { ra: 300, dec: 40 }, { ra: 10, dec: 78 }] }, nInj: 20, stream: 17 },
  { name: 'ps-list-raonly', module: 'ps', config: { synthetic: { nBackground: 4000, seed: 3 }, sources: [{ ra: 120, dec: -30 }, { ra: 300, dec: 40 }], decJitter: false }, nInj: 0, stream: 18 },
  { name: 'ps-sig-raonly', module: 'ps', config: { synthetic: { nBackground: 4000, seed: 3 }, source: { ra: 120, dec: -30 }, decJitter: false }, nInj: 30, stream: 19 },
  { name: 'ps-sig', module: 'ps', config: { synthetic: { nBackground: 4000, seed: 3 }, source: { ra: 120, dec: -30 }, gammaInjected: 2 }, nInj: 30, stream: 15 },
] as const;
