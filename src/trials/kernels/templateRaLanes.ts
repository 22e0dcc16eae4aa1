/**
 * The template trial's RA scramble from four xoshiro128** lanes (src/stats/laneRng.ts, seeded per trial
 * from the trial's Rng): ra_k = r_k·RA_STEP, r_k the next 32-bit output of lane k mod 4
 * (LaneRng.fillUint32Scaled), i.e. the same 2³²-point RA grid as Rng.fillUint32Scaled's scramble
 * (likelihood/scramble.ts), only another generator. On the WebAssembly path the draws are an i32x4
 * SIMD function (laneAsm.ts, the ps kernel's lane step) in a small module on the template lookup's own
 * memory (TemplateLookup.memory): it writes the RAs where the lookup reads them, no copy. The JS path
 * (NUSKY_TEMPLATE_WASM=0, or no usable module) gives the same numbers bit for bit.
 * Why: Rng's single serial xoshiro chain in JS was ~0.2–0.35 ms of a ~1.1 ms background trial.
 */
import { f, v, moduleBytes, I32, V128, WASM, type FnDef } from './wasmAsm.js';
import { laneAsm, laneLocals, LANE_LOCALS } from './laneAsm.js';
import { LaneRng } from '../../stats/laneRng.js';
import { Rng } from '../../stats/random.js';
import { RA_STEP } from '../../likelihood/scramble.js';
import { SPARE_BYTES, type TemplateLookup } from '../../likelihood/templateLookup.js';

/** lras32(n): ra[k] = r_k·RA_STEP for k < n; lane state at `lanes` (64 bytes), tail scratch at `lanes` + 64 (32 bytes) */
function lras32(raAddr: number, lanes: number): FnDef {
  const { fill, roundU32 } = laneAsm(lanes);
  const body = fill(laneLocals(3), roundU32, v.splat(f.c(RA_STEP)), raAddr, lanes + 64);
  return { name: 'lras32', params: [I32], locals: [I32, I32, ...Array(LANE_LOCALS).fill(V128)], body };
}

export class TemplateRaLanes {
  /** the lane generator; on the WebAssembly path its state is a view on the lookup's memory */
  readonly lanes: LaneRng;
  private readonly fill: ((n: number) => void) | null;

  /** `lookup`: the first template search's lookup (null: the JS path) */
  constructor(lookup: TemplateLookup | null) {
    this.fill = lookup ? lanesModule(lookup) : null;
    this.lanes = this.fill && lookup ? new LaneRng(new Int32Array(lookup.memory.buffer, lookup.spareAddr, 16)) : new LaneRng();
  }

  /** WebAssembly draws in use? */
  get wasm(): boolean {
    return this.fill !== null;
  }

  /**
   * Seed the lanes from rng (16 draws) and write n scrambled RAs into ra (which must be the lookup's
   * `ra` view on the WebAssembly path).
   */
  scramble(rng: Rng, ra: Float64Array, n: number): void {
    this.lanes.seedFrom(rng);
    if (this.fill) this.fill(n);
    else this.lanes.fillUint32Scaled(ra, n, RA_STEP);
  }
}

/** The draws function on the lookup's memory, checked against LaneRng at set-up (null where unusable). */
function lanesModule(lookup: TemplateLookup): ((n: number) => void) | null {
  if (!WASM || SPARE_BYTES < 96) return null;
  try {
    const pages = lookup.memory.buffer.byteLength / 65536;
    const inst = new WASM.Instance(new WASM.Module(moduleBytes([], [lras32(lookup.raAddr, lookup.spareAddr)], pages)), { env: { mem: lookup.memory } });
    const fn = inst.exports.lras32 as (n: number) => void;
    // self-check: 11 draws (two rounds and a tail) = LaneRng's, state after equal; ra restored after
    const n = Math.min(11, lookup.n);
    const ra = new Float64Array(lookup.memory.buffer, lookup.raAddr, n);
    const keep = Float64Array.from(ra);
    const st = new Int32Array(lookup.memory.buffer, lookup.spareAddr, 16);
    const ref = new LaneRng(), w = new LaneRng(st);
    ref.seedFrom(new Rng(0x7e3a));
    w.seedFrom(new Rng(0x7e3a));
    const want = ref.fillUint32Scaled(new Float64Array(n), n, RA_STEP);
    fn(n);
    const ok = want.every((x, k) => Object.is(x, ra[k])) && ref.state.every((x, k) => x === st[k]);
    ra.set(keep);
    return ok ? fn : null;
  } catch {
    return null;
  }
}
