/**
 * WebAssembly (scalar f64, no SIMD) kernel of the template trial: for every event, the bilinear
 * lookups of S in the two σ-grid maps at the event's current RA, x = (S − S̃)·R/D̃, and the power
 * sums Σ x^k (k = 1 … 8) of the events with |x| ≤ xb (the rest are listed for exact treatment by
 * fitNsSeries). Assembled here from opcodes (no toolchain, no binary blob), like src/sky/sht/wasm.ts.
 * Why WebAssembly: in V8 every typed-array access in a JS loop reloads the array's map, length
 * and base pointer, so this loop (12 streamed arrays + 8 gathers per event) ran at ~60 ns per event;
 * here each access is one instruction.
 *
 * The arithmetic is the JS path's (templatePdf.ts `blend`/`accumulate`) operation for operation,
 * so S is bit-identical: t = frac(ra/2π); per ring u = t·count − shift, j = ⌊u⌋, f = u − j,
 * value = M[j](1 − f) + M[j+1]f, rings mixed as a(1 − wz) + a'·wz, σ maps as a(1 − w) + b·w.
 * Ring wrap-around is removed by padding every ring with its last pixel before and its first
 * pixel after (index −1 and count).
 *
 * Memory layout (byte addresses are parameters of `run`):
 *  runs: 7 i32 per run of events with the same σ-map index: mode (0 = pair: maps k, k+1 share a
 *        nside and are interleaved [A, B] per pixel (f32); 1 = cross: two single f32 maps), i0, i1,
 *        mapA, geomA, mapB, geomB (map and geometry base addresses).
 *  geometry: 24 bytes per ring r (index r − 1): pixel count (f64), φ shift (f64), padded start (i32).
 *  per event i: ra f64, ringA i32, wzA f64, ringB i32, wzB f64 (cross runs), w f64 (σ weight),
 *        st f64 (S̃), cx f64 (R/D̃); outputs s f64, x f64; ex f64 (x of the exact events).
 *  sums: P1 … P8 (f64) of the series events. Returns the number of exact events.
 */

const uleb = (n: number): number[] => { const b: number[] = []; do { let x = n & 0x7f; n >>>= 7; if (n) x |= 0x80; b.push(x); } while (n); return b; };
const sleb = (n: number): number[] => {
  const b: number[] = [];
  for (;;) { const x = n & 0x7f; n >>= 7; if ((n === 0 && !(x & 0x40)) || (n === -1 && x & 0x40)) { b.push(x); return b; } b.push(x | 0x80); }
};
const str = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, 'utf8')];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];

const I32 = 0x7f, F64 = 0x7c;
const get = (l: number) => [0x20, ...uleb(l)], set = (l: number) => [0x21, ...uleb(l)];
const i32c = (v: number) => [0x41, ...sleb(v)];
const f64c = (v: number) => [0x44, ...new Uint8Array(Float64Array.of(v).buffer)];
const ldI32 = (off = 0) => [0x28, 2, ...uleb(off)], ldF32 = (off = 0) => [0x2a, 2, ...uleb(off)];
const ldF64 = (off = 0) => [0x2b, 3, ...uleb(off)], stF64 = (off = 0) => [0x39, 3, ...uleb(off)];
const ADD = [0x6a], SHL = [0x74], MUL = [0x6c], LT_S = [0x48], EQZ = [0x45];
const FADD = [0xa0], FSUB = [0xa1], FMUL = [0xa2], FABS = [0x99], FLE = [0x65], FNE = [0x62];
const PROMOTE = [0xbb], REINTERPRET = [0xbd], WRAP = [0xa7];
const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], IF = [0x04, 0x40], ELSE = [0x05], END = [0x0b];
const br = (d: number) => [0x0c, ...uleb(d)], brIf = (d: number) => [0x0d, ...uleb(d)];

// parameters (i32 addresses, then xb)
const RUNS = 0, NRUNS = 1, RA = 2, RINGA = 3, WZA = 4, RINGB = 5, WZB = 6, W = 7, ST = 8, CX = 9, S = 10, X = 11, EX = 12, SUMS = 13, XB = 14;
// i32 locals
const Q = 15, QEND = 16, MODE = 17, I = 18, I1 = 19, MAPA = 20, GEOA = 21, MAPB = 22, GEOB = 23, E8 = 24, E4 = 25, G = 26, P = 27, NEX = 28;
const N_I32 = 14;
// f64 locals
const T = 29, U = 30, YK = 31, FR = 32, VA = 33, VB = 34, Z = 35, V = 36, XV = 37, X2 = 38, X3 = 39, X4 = 40, R2A = 41, R2B = 42;
const P1 = 43; // P1 … P8 = 43 … 50
const N_F64 = 22;
const INV_TWO_PI = 1 / (2 * Math.PI);

/**
 * ⌊y⌋ without f64.floor/trunc: V8 emits those as roundsd/cvt instructions that merge into a stale
 * register, which chained every event to the previous one's accumulators (events ran serially,
 * ~27 ns each). Instead k = round(y − ½) by the 1.5·2⁵² trick (exact for |y| < 2⁵¹): on the stack,
 * y + MAGIC (pushed as YK) whose low 32 bits are k, and k = YK − MAGIC as a double. This equals ⌊y⌋
 * except at integer y, where it may give y − 1 with fraction 1 — the same interpolated value
 * (M[j]·0 + M[j+1]·1 = M[j+1]), so S stays exact.
 */
const MAGIC = 6755399441055744;
const roundDown = (y: number[]) => [...y, ...f64c(0.5), ...FSUB, ...f64c(MAGIC), ...FADD, ...set(YK)];

/**
 * Linear interpolation along one ring: geometry record at G + recOff, pixel stride 2^shift bytes,
 * first value at byte +0 of a pixel (+4: the second map of a pair). Leaves FR = f and P = pixel address.
 */
function ringPixel(map: number, recOff: number, shift: number): number[] {
  return [
    ...get(T), ...get(G), ...ldF64(recOff), ...FMUL, ...get(G), ...ldF64(recOff + 8), ...FSUB, ...set(U),
    ...roundDown(get(U)),
    ...get(U), ...get(YK), ...f64c(MAGIC), ...FSUB, ...FSUB, ...set(FR),
    ...get(map), ...get(G), ...ldI32(recOff + 16), ...get(YK), ...REINTERPRET, ...WRAP, ...ADD, ...i32c(shift), ...SHL, ...ADD, ...set(P),
  ];
}
/** M[j](1 − f) + M[j+1]·f for the value at byte `off` of a pixel, stride 2^shift. */
const lerp = (off: number, shift: number) => [
  ...get(P), ...ldF32(off), ...PROMOTE, ...f64c(1), ...get(FR), ...FSUB, ...FMUL,
  ...get(P), ...ldF32(off + (1 << shift)), ...PROMOTE, ...get(FR), ...FMUL, ...FADD,
];
/** out = out·(1 − z) + v·z */
const mixZ = (out: number, v: number) => [...get(out), ...f64c(1), ...get(Z), ...FSUB, ...FMUL, ...get(v), ...get(Z), ...FMUL, ...FADD, ...set(out)];

/** G = geometry base + 24·ring[i]; Z = wz[i]. */
const ringOf = (geo: number, ring: number, wz: number) => [
  ...get(geo), ...get(ring), ...get(E4), ...ADD, ...ldI32(), ...i32c(24), ...MUL, ...ADD, ...set(G),
  ...get(wz), ...get(E8), ...ADD, ...ldF64(), ...set(Z),
];

/** Pair run: one ring computation serves both maps (interleaved [A, B], 8 bytes per pixel). */
function pairBody(): number[] {
  return [
    ...ringOf(GEOA, RINGA, WZA),
    ...ringPixel(MAPA, 0, 3), ...lerp(0, 3), ...set(VA), ...lerp(4, 3), ...set(VB),
    ...get(Z), ...f64c(0), ...FNE, ...IF,
    ...ringPixel(MAPA, 24, 3), ...lerp(0, 3), ...set(R2A), ...lerp(4, 3), ...set(R2B),
    ...mixZ(VA, R2A), ...mixZ(VB, R2B),
    ...END,
  ];
}

/** Cross run: maps k and k+1 have different nsides: two single maps (4 bytes per pixel). */
function crossBody(): number[] {
  const one = (map: number, geo: number, ring: number, wz: number, out: number) => [
    ...ringOf(geo, ring, wz),
    ...ringPixel(map, 0, 2), ...lerp(0, 2), ...set(out),
    ...get(Z), ...f64c(0), ...FNE, ...IF,
    ...ringPixel(map, 24, 2), ...lerp(0, 2), ...set(R2A), ...mixZ(out, R2A),
    ...END,
  ];
  return [...one(MAPA, GEOA, RINGA, WZA, VA), ...one(MAPB, GEOB, RINGB, WZB, VB)];
}

/** v = a(1 − w) + b·w; s[i] = v; x = (v − S̃)·cx; power sums or the exact list. */
function finish(): number[] {
  const acc = (k: number, ...val: number[]) => [...get(P1 + k - 1), ...val, ...FADD, ...set(P1 + k - 1)];
  return [
    ...get(W), ...get(E8), ...ADD, ...ldF64(), ...set(Z),
    ...get(VA), ...f64c(1), ...get(Z), ...FSUB, ...FMUL, ...get(VB), ...get(Z), ...FMUL, ...FADD, ...set(V),
    ...get(S), ...get(E8), ...ADD, ...get(V), ...stF64(),
    ...get(V), ...get(ST), ...get(E8), ...ADD, ...ldF64(), ...FSUB, ...get(CX), ...get(E8), ...ADD, ...ldF64(), ...FMUL, ...set(XV),
    ...get(X), ...get(E8), ...ADD, ...get(XV), ...stF64(),
    ...get(XV), ...FABS, ...get(XB), ...FLE, ...IF,
    ...acc(1, ...get(XV)),
    ...get(XV), ...get(XV), ...FMUL, ...set(X2), ...acc(2, ...get(X2)),
    ...get(X2), ...get(XV), ...FMUL, ...set(X3), ...acc(3, ...get(X3)),
    ...get(X2), ...get(X2), ...FMUL, ...set(X4), ...acc(4, ...get(X4)),
    ...acc(5, ...get(X4), ...get(XV), ...FMUL), ...acc(6, ...get(X4), ...get(X2), ...FMUL),
    ...acc(7, ...get(X4), ...get(X3), ...FMUL), ...acc(8, ...get(X4), ...get(X4), ...FMUL),
    ...ELSE,
    ...get(EX), ...get(NEX), ...i32c(3), ...SHL, ...ADD, ...get(XV), ...stF64(),
    ...get(NEX), ...i32c(1), ...ADD, ...set(NEX),
    ...END,
  ];
}

/** for (i = I; i < I1; i++) body */
const eventLoop = (body: number[]) => [
  ...BLOCK, ...LOOP,
  ...get(I), ...get(I1), ...LT_S, ...EQZ, ...brIf(1),
  ...get(I), ...i32c(3), ...SHL, ...set(E8), ...get(I), ...i32c(2), ...SHL, ...set(E4),
  ...get(RA), ...get(E8), ...ADD, ...ldF64(), ...f64c(INV_TWO_PI), ...FMUL, ...set(T),
  ...roundDown(get(T)), ...get(T), ...get(YK), ...f64c(MAGIC), ...FSUB, ...FSUB, ...set(T),
  ...body, ...finish(),
  ...get(I), ...i32c(1), ...ADD, ...set(I), ...br(0),
  ...END, ...END,
];

function runBody(): number[] {
  const field = (k: number, l: number) => [...get(Q), ...ldI32(4 * k), ...set(l)];
  return [
    ...get(RUNS), ...get(NRUNS), ...i32c(28), ...MUL, ...ADD, ...set(QEND), ...get(RUNS), ...set(Q),
    ...BLOCK, ...LOOP,
    ...get(Q), ...get(QEND), ...LT_S, ...EQZ, ...brIf(1),
    ...field(0, MODE), ...field(1, I), ...field(2, I1), ...field(3, MAPA), ...field(4, GEOA), ...field(5, MAPB), ...field(6, GEOB),
    ...get(MODE), ...EQZ, ...IF, ...eventLoop(pairBody()), ...ELSE, ...eventLoop(crossBody()), ...END,
    ...get(Q), ...i32c(28), ...ADD, ...set(Q), ...br(0),
    ...END, ...END,
    ...Array.from({ length: 8 }, (_, k) => [...get(SUMS), ...get(P1 + k), ...stF64(8 * k)]).flat(),
    ...get(NEX),
  ];
}

export function templateLookupModuleBytes(): Uint8Array {
  const type = [0x60, ...vec([...Array.from({ length: 14 }, () => [I32]), [F64]]), ...vec([[I32]])];
  const locals = vec([[N_I32, I32], [N_F64, F64]]);
  const body = [...locals, ...runBody(), ...END];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([type])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0x00, 1]])),
    ...section(7, vec([[...str('mem'), 2, 0], [...str('run'), 0, 0]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ];
  return new Uint8Array(bytes);
}
