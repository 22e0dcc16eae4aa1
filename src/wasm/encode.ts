/**
 * WebAssembly binary encoding, the little that nusky's hand-assembled kernels need
 * (sky/sht/wasm.ts, likelihood/templateLookupWasm.ts, scan/gatherWasm.ts): LEB128 integers,
 * names, sections, vectors, constants and local access. Kernels are assembled from opcodes at
 * start-up (no toolchain, no binary blob in the repository); opcode tables stay in each kernel.
 * Reference: WebAssembly Core Specification 2.0, §5 (binary format).
 */

/** Unsigned LEB128. */
export const uleb = (n: number): number[] => { const b: number[] = []; do { let x = n & 0x7f; n >>>= 7; if (n) x |= 0x80; b.push(x); } while (n); return b; };
/** Signed LEB128 (i32.const immediates: 64 needs two bytes). */
export const sleb = (n: number): number[] => {
  const b: number[] = [];
  for (;;) { const x = n & 0x7f; n >>= 7; if ((n === 0 && !(x & 0x40)) || (n === -1 && x & 0x40)) { b.push(x); return b; } b.push(x | 0x80); }
};
/** A name: its UTF-8 length, then the bytes. */
export const str = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, 'utf8')];
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
/** local.get / local.set / local.tee */
export const get = (i: number): number[] => [0x20, ...uleb(i)];
export const set = (i: number): number[] => [0x21, ...uleb(i)];
export const tee = (i: number): number[] => [0x22, ...uleb(i)];
/** i32.const / f64.const (little-endian IEEE 754 bytes) */
export const i32c = (n: number): number[] => [0x41, ...sleb(n)];
export const f64c = (x: number): number[] => [0x44, ...new Uint8Array(Float64Array.of(x).buffer)];
