/**
 * WebAssembly kernel of the template trial: for every event, the bilinear lookups of S in the two
 * σ-grid maps at the event's current RA, x = (S − S̃)·R/D̃ and Σx; then, only when the fit needs
 * them (Σx > 0: about half of the background trials), a second call (f64x2 SIMD) for the
 * power sums Σ x^k (k = 1 … 8) of the events with |x| ≤ xb, the others listed for exact treatment
 * by fitNsSeries. Assembled here from opcodes (no toolchain, no binary blob), like
 * src/sky/sht/wasm.ts. Why WebAssembly: in V8 every typed-array access in a JS loop reloads the
 * array's map, length and base pointer, so this loop (10 streamed arrays + 8 gathers per event)
 * ran at ~60 ns per event. The module is generated per evaluator with its array addresses as
 * load offsets (one instruction per access).
 *
 * The arithmetic is the JS path's (templatePdf.ts `blend`/`accumulate`) operation for operation,
 * so S is the same to the last bit (but at exact pixel-centre RAs, see MAGIC):
 * t = frac(ra/2π); per ring u = t·count − shift, j = ⌊u⌋, f = u − j, value = M[j](1 − f) + M[j+1]f,
 * rings mixed as a(1 − wz) + a'·wz, σ maps as a(1 − w) + b·w. Ring wrap-around is removed by
 * padding every ring with its last pixel before and its first pixel after (index −1 and count).
 *
 * Pair runs (maps k, k+1 of one nside, ~90 % of a cascade sample) take two passes: indices and
 * fractions of both rings for all events of the run, then gathers and mixing. One pass put the map
 * reads (L2) at the end of a ~60-cycle chain per event and ran 15 % slower (again 2026-11-27 with
 * two events per step: +0.04…+0.1 ms). Every loop takes two events per step with their statements
 * interleaved (twoPerStep); cross runs do both rings of a map in the lanes of one vector (crossStmts).
 *
 * Memory (byte addresses in TemplateLookupLayout):
 *  runs: 5 i32 per run of events with the same σ-map index: mode (0 = pair: maps k, k+1 share a
 *        nside and are interleaved [A, B] per pixel (f32); 1 = cross: two single f32 maps), i0, i1,
 *        mapA, mapB.
 *  geometry (per nside): 48 bytes per ring r: pixel count, φ shift, MAGIC + padded start, each as
 *        [r, r + 1] (f64x2; r twice for the last ring).
 *  per event i: ra f64, gA i32 (address of its upper-ring record in map k's geometry), wzA f64,
 *        gB i32, wzB f64 (map k+1's, cross runs), w f64 (σ weight), st f64 (S̃),
 *        cx f64 (R/D̃); pass-1 scratch tmpP (2 i32: pixel indices) and tmpF (f64x2: fractions);
 *        outputs s f64, x f64 (n + 1 entries, x[n] = 0 pads the 2-wide loop), ex f64 (exact x);
 *        sums: P1 … P8.
 * `run()` returns the number of exact events.
 */

import { uleb, sleb, str, section, vec, get, set, i32c, f64c } from '../wasm/encode.js';

/** the 1.5·2⁵² constant of the ⌊y⌋ trick (MAGIC below; exported for the geometry records) */
export const RING_MAGIC = 6755399441055744;

export interface TemplateLookupLayout {
  runs: number; nRuns: number; n: number; xb: number;
  ra: number; gA: number; tmpP: number; tmpF: number; wzA: number; gB: number; wzB: number; w: number; st: number; cx: number;
  s: number; x: number; ex: number; sums: number; sumX: number;
  /** updated-background inputs/outputs (updatedBgBody) */
  cellK: number; cellF: number; bin: number; pGrid: number; rTab: number; xu: number; exU: number; sumsU: number;
}


const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;
const ldI32 = (off = 0) => [0x28, 2, ...uleb(off)];
const ldF64 = (off = 0) => [0x2b, 3, ...uleb(off)], stF64 = (off = 0) => [0x39, 3, ...uleb(off)];
const ADD = [0x6a], SHL = [0x74], LT_S = [0x48], EQZ = [0x45], NE = [0x47];
const FADD = [0xa0], FSUB = [0xa1], FMUL = [0xa2], FDIV = [0xa3], FABS = [0x99], FLE = [0x65], FNE = [0x62];
const WRAP = [0xa7];
const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], IF = [0x04, 0x40], ELSE = [0x05], END = [0x0b];
const br = (d: number) => [0x0c, ...uleb(d)], brIf = (d: number) => [0x0d, ...uleb(d)];
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const vload = (off: number) => simd(0x00, 4, ...uleb(off)), vstore = (off: number) => simd(0x0b, 4, ...uleb(off));
const VSPLAT = simd(0x14), VABS = simd(0xec), VLE = simd(0x4b), VAND = simd(0x4e), VADD = simd(0xf0), VMUL = simd(0xf2);
const I64LANE = (k: number) => simd(0x1d, k);
const VSUBV = simd(0xf1);
/** v128.load64_zero and f64x2.promote_low_f32x4: an f32 pair [A, B] as f64 lanes */
const LOAD64_ZERO = (off: number) => simd(0x5d, 3, ...uleb(off)), PROMOTE_LOW = simd(0x5f);
/** v128.load64_splat: a ring's fraction f in both lanes (movddup; no shuffle of a loaded [f0, f1]) */
const LOAD64_SPLAT = (off: number) => simd(0x0a, 3, ...uleb(off));
/** v128.load32_zero, v128.load32_lane (stack: address, vector): two f32 map values into lanes 0 and 1 */
const LOAD32_ZERO = (off: number) => simd(0x5c, 2, ...uleb(off)), LOAD32_LANE = (off: number, k: number) => simd(0x56, 2, ...uleb(off), k);
const SELECT = [0x1b];
const LANE = (k: number) => simd(0x21, k);

// i32 locals
const Q = 0, QEND = 1, MODE = 2, I = 3, I1 = 4, MAPA = 5, MAPB = 6, E8 = 7, E4 = 8, G = 9, P = 10, NEX = 11, I0 = 12;
const N_I32 = 13;
// f64 locals
const T = 13, YK = 15, FR = 16, VA = 17, VB = 18, Z = 19, V = 20, R2 = 21, XB = 22, SX = 23;
const N_F64 = 11;
// v128 locals: pair lookups ([map k, map k+1] lanes) and the sums loop
const AB = 24, ZV = 25, XV = 26, MSK = 27, X2 = 28, X4 = 29, XBV = 30, ACC = 31; // ACC … ACC+7: P1 … P8 in both lanes
const U2 = 39, YK2 = 40, FR2 = 41, OF2 = 42, HALF2 = 43, ONE2 = 44;
const N_V128 = 21;
// event B of the two-per-step pair passes: i32, f64, v128 locals after the groups above
const P_B = 45, G_B = 46, Z_B = 47, V_B = 48, R2_B = 49, T_B = 50, YK_B = 51;
const U2_B = 52, YK2_B = 53, FR2_B = 54, OF2_B = 55, AB_B = 56, ZV_B = 57;
// cross runs: the second ring's pixel address, and event B's map values
const P2_A = 58, P2_B = 59, VA_B = 60, VB_B = 61;
const INV_TWO_PI = 1 / (2 * Math.PI);

/**
 * ⌊y⌋ without f64.floor/trunc: V8 emits those as roundsd/cvt instructions that merge into a stale
 * register, which chained every event to the previous one's (events ran serially, ~27 ns each).
 * Instead k = round(y − ½) by the 1.5·2⁵² trick (exact for |y| < 2⁵¹): YK = (y − ½) + MAGIC, whose
 * low 32 bits are k, and k = YK − MAGIC as a double. This is ⌊y⌋ except at integer y, where it may
 * give y − 1 with fraction 1: the same interpolated value (M[j]·0 + M[j+1]·1), so S stays exact.
 */
const MAGIC = RING_MAGIC;
/*
 * In a ring the magic constant is the geometry record's MAGIC + padded start (exact, < 2⁵³), so the low
 * 32 bits of YK are directly the pixel index start + j (pass1Stmts, crossStmts).
 */
const at8 = (addr: number) => [...get(E8), ...ldF64(addr)];

/**
 * Pair run: maps k and k+1 share a nside and are stored as f32 [A, B] per pixel (read as f64 lanes), so one
 * ring computation serves both, and both rings r, r+1 go through the index arithmetic together
 * (lanes of u, k, f; the pair-geometry record of ring r holds [count, shift, MAGIC + start] of r and
 * r+1, of r twice for the last ring). Then, lane-wise on [A, B]: M[j](1 − f) + M[j+1]f from two
 * 8-byte loads per ring, rings mixed with z, and a(1 − w) + b·w as the sum of the lanes of
 * [a, b]·[1 − w, w] — the scalar path's operations in its order (with z = 0 the second ring adds 0).
 *
 * Two passes, so that the map reads (L2) do not sit at the end of a 60-cycle chain per event: pass 1
 * computes both rings' pixel indices and fractions (no loads but per-event constants) into tmpP/tmpF,
 * pass 2 only gathers, interpolates and mixes. Each pass takes two events per step (A at i, B at
 * i + 1) with their statements interleaved, so the core runs both dependency chains at once (V8
 * does not reorder WebAssembly instructions); an odd run's last event goes alone. Σx is summed in
 * event order.
 */
/** the locals of one event of a step; `o` = its byte offset from E8 (0 for A, 8 for B) */
interface Ev { o: number; T: number; YK: number; G: number; P: number; P2: number; Z: number; V: number; R2: number; VA: number; VB: number; U2: number; YK2: number; FR2: number; OF2: number; AB: number; ZV: number }
const EV_A: Ev = { o: 0, T, YK, G, P, P2: P2_A, Z, V, R2, VA, VB, U2, YK2, FR2, OF2, AB, ZV };
const EV_B: Ev = { o: 8, T: T_B, YK: YK_B, G: G_B, P: P_B, P2: P2_B, Z: Z_B, V: V_B, R2: R2_B, VA: VA_B, VB: VB_B, U2: U2_B, YK2: YK2_B, FR2: FR2_B, OF2: OF2_B, AB: AB_B, ZV: ZV_B };
/** i8x16.shuffle: lane 0 of the first vector, lane 1 of the second */
const LANE0_1 = simd(0x0d, ...Array.from({ length: 16 }, (_, b) => (b < 8 ? b : 16 + b)));

/** pass 1 of one event, as statements (each leaves the stack empty): t = frac(ra/2π) (the ⌊y⌋ trick above), then both rings' u, k, f */
function pass1Stmts(L: TemplateLookupLayout, e: Ev): number[][] {
  const magic = f64c(MAGIC);
  return [
    [...get(E8), ...ldF64(L.ra + e.o), ...f64c(INV_TWO_PI), ...FMUL, ...set(e.T)],
    [...get(E4), ...ldI32(L.gA + e.o / 2), ...set(e.G)],
    [...get(e.T), ...f64c(0.5), ...FSUB, ...magic, ...FADD, ...set(e.YK)],
    [...get(e.T), ...get(e.YK), ...magic, ...FSUB, ...FSUB, ...set(e.T)],
    [...get(e.T), ...VSPLAT, ...get(e.G), ...vload(0), ...VMUL, ...get(e.G), ...vload(16), ...VSUBV, ...set(e.U2)],
    [...get(e.U2), ...get(HALF2), ...VSUBV, ...get(e.G), ...vload(32), ...VADD, ...set(e.YK2)],
    [...get(E8), ...get(e.YK2), ...I64LANE(0), ...WRAP, ...[0x36, 2, ...uleb(L.tmpP + e.o)]],
    [...get(E8), ...get(e.YK2), ...I64LANE(1), ...WRAP, ...[0x36, 2, ...uleb(L.tmpP + e.o + 4)]],
    [...get(E8), ...get(E8), ...ADD, ...get(e.U2), ...get(e.YK2), ...get(e.G), ...vload(32), ...VSUBV, ...VSUBV, ...vstore(L.tmpF + 2 * e.o)],
  ];
}

/**
 * pass 2 of one event, as statements. f and 1 − f of each ring, 1 − z and 1 − w are computed on
 * splats (ONE2 − [z, z]: the same f64 subtraction in each lane), [1 − w, w] by a shuffle.
 */
function pass2Stmts(L: TemplateLookupLayout, e: Ev): number[][] {
  // splats of ring k's fraction f and of 1 − f: ring 0 in FR2/OF2, ring 1 in YK2/U2
  const F = [e.FR2, e.YK2], OF = [e.OF2, e.U2];
  const lerpAt = (lane: number) => [
    ...get(e.P), ...LOAD64_ZERO(0), ...PROMOTE_LOW, ...get(OF[lane]), ...VMUL,
    ...get(e.P), ...LOAD64_ZERO(8), ...PROMOTE_LOW, ...get(F[lane]), ...VMUL, ...VADD,
  ];
  const pix = (lane: number) => [...get(MAPA), ...get(E8), ...ldI32(L.tmpP + e.o + 4 * lane), ...i32c(3), ...SHL, ...ADD, ...set(e.P)];
  const at = (addr: number) => [...get(E8), ...ldF64(addr + e.o)];
  return [
    [...get(E8), ...get(E8), ...ADD, ...LOAD64_SPLAT(L.tmpF + 2 * e.o), ...set(e.FR2)],
    [...get(ONE2), ...get(e.FR2), ...VSUBV, ...set(e.OF2)],
    [...get(E8), ...get(E8), ...ADD, ...LOAD64_SPLAT(L.tmpF + 2 * e.o + 8), ...set(e.YK2)],
    [...get(ONE2), ...get(e.YK2), ...VSUBV, ...set(e.U2)],
    [...at(L.wzA), ...VSPLAT, ...set(e.ZV)],
    pix(0),
    [...lerpAt(0), ...get(ONE2), ...get(e.ZV), ...VSUBV, ...VMUL, ...set(e.AB)],
    pix(1),
    [...get(e.AB), ...lerpAt(1), ...get(e.ZV), ...VMUL, ...VADD, ...set(e.AB)],
    [...at(L.w), ...VSPLAT, ...set(e.ZV)],
    [...get(e.AB), ...get(ONE2), ...get(e.ZV), ...VSUBV, ...get(e.ZV), ...LANE0_1, ...VMUL, ...set(e.AB)],
    [...get(e.AB), ...LANE(0), ...get(e.AB), ...LANE(1), ...FADD, ...set(e.V)],
    [...get(E8), ...get(e.V), ...stF64(L.s + e.o)],
    [...get(e.V), ...at(L.st), ...FSUB, ...at(L.cx), ...FMUL, ...set(e.R2)],
    [...get(E8), ...get(e.R2), ...stF64(L.x + e.o)],
  ];
}

/** events i0 … i1 of a run two per step (statements of A and B alternating), then an odd last one; `tail(e)` after each event's statements */
function twoPerStep(stmts: (e: Ev) => number[][], tail: (e: Ev) => number[] = () => []): number[] {
  const a = stmts(EV_A), b = stmts(EV_B);
  const idx = [...get(I), ...i32c(3), ...SHL, ...set(E8), ...get(I), ...i32c(2), ...SHL, ...set(E4)];
  return [
    ...get(I0), ...set(I),
    ...BLOCK, ...LOOP,
    ...get(I), ...i32c(1), ...ADD, ...get(I1), ...LT_S, ...EQZ, ...brIf(1),
    ...idx, ...a.flatMap((s, k) => [...s, ...b[k]]), ...tail(EV_A), ...tail(EV_B),
    ...get(I), ...i32c(2), ...ADD, ...set(I), ...br(0),
    ...END, ...END,
    ...get(I), ...get(I1), ...LT_S, ...IF, ...idx, ...a.flat(), ...tail(EV_A), ...END,
  ];
}
const sumX = (e: Ev) => [...get(SX), ...get(e.R2), ...FADD, ...set(SX)];

/**
 * Cross runs (maps k, k+1 of different nsides, two f32 maps): per map both rings r, r + 1 as the lanes
 * of the pair-geometry arithmetic (as pass 1), the pixel pairs of the two rings gathered into the lanes
 * (load32_zero + load32_lane, promoted), M[j](1 − f) + M[j+1]f lane-wise, then the scalar path's
 * a·(1 − z) + b·z, taken only where z ≠ 0 (select: ring r's value alone otherwise, as the scalar path's
 * branch). Then a(1 − w) + b·w and the store. Two events per step like the pair passes.
 */
function crossStmts(L: TemplateLookupLayout, e: Ev): number[][] {
  const map = (mapL: number, g: number, wz: number, out: number) => [
    [...get(E4), ...ldI32(g + e.o / 2), ...set(e.G)],
    [...get(E8), ...ldF64(wz + e.o), ...set(e.Z)],
    [...get(e.T), ...VSPLAT, ...get(e.G), ...vload(0), ...VMUL, ...get(e.G), ...vload(16), ...VSUBV, ...set(e.U2)],
    [...get(e.U2), ...get(HALF2), ...VSUBV, ...get(e.G), ...vload(32), ...VADD, ...set(e.YK2)],
    [...get(e.U2), ...get(e.YK2), ...get(e.G), ...vload(32), ...VSUBV, ...VSUBV, ...set(e.FR2)],
    [...get(ONE2), ...get(e.FR2), ...VSUBV, ...set(e.OF2)],
    [...get(mapL), ...get(e.YK2), ...I64LANE(0), ...WRAP, ...i32c(2), ...SHL, ...ADD, ...set(e.P)],
    [...get(mapL), ...get(e.YK2), ...I64LANE(1), ...WRAP, ...i32c(2), ...SHL, ...ADD, ...set(e.P2)],
    [
      ...get(e.P2), ...get(e.P), ...LOAD32_ZERO(0), ...LOAD32_LANE(0, 1), ...PROMOTE_LOW, ...get(e.OF2), ...VMUL,
      ...get(e.P2), ...get(e.P), ...LOAD32_ZERO(4), ...LOAD32_LANE(4, 1), ...PROMOTE_LOW, ...get(e.FR2), ...VMUL, ...VADD, ...set(e.AB),
    ],
    [
      ...get(e.AB), ...LANE(0), ...f64c(1), ...get(e.Z), ...FSUB, ...FMUL, ...get(e.AB), ...LANE(1), ...get(e.Z), ...FMUL, ...FADD,
      ...get(e.AB), ...LANE(0), ...get(e.Z), ...f64c(0), ...FNE, ...SELECT, ...set(out),
    ],
  ];
  return [
    ...pass1Stmts(L, e).slice(0, 1), ...pass1Stmts(L, e).slice(2, 4),
    ...map(MAPA, L.gA, L.wzA, e.VA), ...map(MAPB, L.gB, L.wzB, e.VB),
    [...get(E8), ...ldF64(L.w + e.o), ...set(e.Z)],
    [...get(e.VA), ...f64c(1), ...get(e.Z), ...FSUB, ...FMUL, ...get(e.VB), ...get(e.Z), ...FMUL, ...FADD, ...set(e.V)],
    [...get(E8), ...get(e.V), ...stF64(L.s + e.o)],
    [...get(e.V), ...get(E8), ...ldF64(L.st + e.o), ...FSUB, ...get(E8), ...ldF64(L.cx + e.o), ...FMUL, ...set(e.R2)],
    [...get(E8), ...get(e.R2), ...stF64(L.x + e.o)],
  ];
}


/** Exact-list append of one lane of XV when !(|x| ≤ xb) (NaN included). */
const exactLane = (ex: number, k: number) => [
  ...get(XV), ...LANE(k), ...FABS, ...get(XB), ...FLE, ...EQZ, ...IF,
  ...get(NEX), ...i32c(3), ...SHL, ...get(XV), ...LANE(k), ...stF64(ex), ...get(NEX), ...i32c(1), ...ADD, ...set(NEX),
  ...END,
];

/** i64x2.bitmask (movmskpd): cheaper than all_true's compare-and-test for the rare exact lanes */
const BITMASK64 = simd(0xc4);

/** Two events per step: masked x (0 outside |x| ≤ xb), x², x⁴ and the eight power sums. */
function sumsLoop(L: TemplateLookupLayout, x = L.x, ex = L.ex, sums = L.sums): number[] {
  const acc = (k: number, v: number[]) => [...get(ACC + k - 1), ...v, ...VADD, ...set(ACC + k - 1)];
  const nPairs = Math.ceil(L.n / 2);
  return [
    ...get(XB), ...VSPLAT, ...set(XBV), ...i32c(0), ...set(I), ...i32c(0), ...set(NEX),
    ...BLOCK, ...LOOP,
    ...get(I), ...i32c(nPairs), ...LT_S, ...EQZ, ...brIf(1),
    ...get(I), ...i32c(4), ...SHL, ...set(E8),
    ...get(E8), ...vload(x), ...set(XV),
    ...get(XV), ...VABS, ...get(XBV), ...VLE, ...set(MSK),
    ...get(MSK), ...BITMASK64, ...i32c(3), ...NE, ...IF, ...exactLane(ex, 0), ...exactLane(ex, 1), ...END,
    ...get(XV), ...get(MSK), ...VAND, ...set(XV),
    ...acc(1, get(XV)),
    ...get(XV), ...get(XV), ...VMUL, ...set(X2), ...acc(2, get(X2)),
    ...acc(3, [...get(X2), ...get(XV), ...VMUL]),
    ...get(X2), ...get(X2), ...VMUL, ...set(X4), ...acc(4, get(X4)),
    ...acc(5, [...get(X4), ...get(XV), ...VMUL]), ...acc(6, [...get(X4), ...get(X2), ...VMUL]),
    ...acc(7, [...get(X4), ...get(X2), ...VMUL, ...get(XV), ...VMUL]), ...acc(8, [...get(X4), ...get(X4), ...VMUL]),
    ...get(I), ...i32c(1), ...ADD, ...set(I), ...br(0),
    ...END, ...END,
    ...Array.from({ length: 8 }, (_, k) => [...i32c(0), ...get(ACC + k), ...LANE(0), ...get(ACC + k), ...LANE(1), ...FADD, ...stF64(sums + 8 * k)]).flat(),
  ];
}

/**
 * Signal trials that rebuild the background PDF (updateBg): with this trial's sin δ density on its
 * grid (pGrid) and energy S/B per bin (rTab), x_i = (S_i − S̃_i)·2π/D_i·R_{bin(i)}, D_i interpolated
 * at each event's precomputed grid cell (cellK, cellF) exactly as evalSinDecDensity, into xu; then
 * the power sums into sumsU/exU (the scramble's sums stay). Returns the number of exact events.
 */
function updatedBgBody(L: TemplateLookupLayout): number[] {
  return [
    ...f64c(L.xb), ...set(XB),
    ...i32c(0), ...set(I),
    ...BLOCK, ...LOOP,
    ...get(I), ...i32c(L.n), ...LT_S, ...EQZ, ...brIf(1),
    ...get(I), ...i32c(3), ...SHL, ...set(E8), ...get(I), ...i32c(2), ...SHL, ...set(E4),
    ...get(E4), ...ldI32(L.cellK), ...i32c(3), ...SHL, ...set(P), ...at8(L.cellF), ...set(FR),
    ...get(E8), ...get(E8), ...ldF64(L.s), ...at8(L.st), ...FSUB,
    ...f64c(2 * Math.PI),
    ...get(P), ...ldF64(L.pGrid), ...f64c(1), ...get(FR), ...FSUB, ...FMUL, ...get(P), ...ldF64(L.pGrid + 8), ...get(FR), ...FMUL, ...FADD,
    ...FDIV, ...FMUL,
    ...get(E4), ...ldI32(L.bin), ...i32c(3), ...SHL, ...ldF64(L.rTab), ...FMUL,
    ...stF64(L.xu),
    ...get(I), ...i32c(1), ...ADD, ...set(I), ...br(0),
    ...END, ...END,
    ...sumsLoop(L, L.xu, L.exU, L.sumsU),
    ...get(NEX),
  ];
}

/** pass1 = false: the pair runs' pass 1 was done elsewhere (tmpP, tmpF copied in; runShared) */
function runBody(L: TemplateLookupLayout, pass1 = true): number[] {
  const field = (k: number, l: number) => [...get(Q), ...ldI32(4 * k), ...set(l)];
  return [
    ...f64c(L.xb), ...set(XB), ...f64c(0.5), ...VSPLAT, ...set(HALF2), ...f64c(1), ...VSPLAT, ...set(ONE2),
    ...i32c(L.runs + 20 * L.nRuns), ...set(QEND), ...i32c(L.runs), ...set(Q),
    ...BLOCK, ...LOOP,
    ...get(Q), ...get(QEND), ...LT_S, ...EQZ, ...brIf(1),
    ...field(0, MODE), ...field(1, I0), ...field(2, I1), ...field(3, MAPA), ...field(4, MAPB),
    ...get(MODE), ...EQZ, ...IF, ...(pass1 ? twoPerStep((e) => pass1Stmts(L, e)) : []), ...twoPerStep((e) => pass2Stmts(L, e), sumX), ...ELSE, ...twoPerStep((e) => crossStmts(L, e), sumX), ...END,
    ...get(Q), ...i32c(20), ...ADD, ...set(Q), ...br(0),
    ...END, ...END,
    ...i32c(0), ...get(SX), ...stF64(L.sumX),
    ...i32c(0),
  ];
}

/** The power sums of x (after run/runShared); returns the number of exact events. */
const sumsBody = (L: TemplateLookupLayout) => [...f64c(L.xb), ...set(XB), ...sumsLoop(L), ...get(NEX)];

/**
 * Module with functions `run()` (S, x and Σx into sumX), `runShared()` (the same with pass 1 of the
 * pair runs taken from tmpP/tmpF as they are), `sums() → nExact` and `updatedBg() → nExact` for this
 * layout (addresses baked in as offsets).
 */
export function templateLookupModuleBytes(L: TemplateLookupLayout): Uint8Array {
  const type = [0x60, 0, ...vec([[I32]])];
  const locals = vec([[N_I32, I32], [N_F64, F64], [N_V128, V128], [2, I32], [5, F64], [6, V128], [2, I32], [2, F64]]);
  const fn = (code: number[]) => { const body = [...locals, ...code, ...END]; return [...uleb(body.length), ...body]; };
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([type])),
    ...section(3, vec([[0], [0], [0], [0]])),
    ...section(5, vec([[0x00, 1]])),
    ...section(7, vec([[...str('mem'), 2, 0], [...str('run'), 0, 0], [...str('runShared'), 0, 1], [...str('updatedBg'), 0, 2], [...str('sums'), 0, 3]])),
    ...section(10, vec([fn(runBody(L, true)), fn(runBody(L, false)), fn(updatedBgBody(L)), fn(sumsBody(L))])),
  ];
  return new Uint8Array(bytes);
}
