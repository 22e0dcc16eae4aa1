/**
 * Resolves and loads kernel modules the same way in the main thread and in
 * workers. Built-in kernels are addressed by name and resolved next to this
 * file with this file's own extension, so the same code works from src/ under
 * tsx/vitest (.ts) and from dist/ (.js).
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.js';
import type { KernelModule, KernelSpec, TrialKernel } from './kernel.js';

/** Built-in kernels: name → module file under src/trials/kernels/ (without extension). */
export const BUILTIN_KERNELS: Record<string, string> = {
  toy: 'toy',
  'toy-multi': 'toyMulti',
  ps: 'pointSource',
  template: 'template',
  stacking: 'stacking',
  stack: 'stack',
};

const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** True when running from TypeScript sources (tsx, vitest): workers then need tsx's loader. */
export const RUNNING_FROM_SOURCE = EXT === '.ts';

export function resolveKernelUrl(module: string): string {
  const builtin = BUILTIN_KERNELS[module];
  if (builtin) return new URL(`./kernels/${builtin}${EXT}`, import.meta.url).href;
  if (module.startsWith('file:')) return module;
  if (module.startsWith('.') || isAbsolute(module)) return pathToFileURL(resolve(module)).href;
  throw new InputError(`kernel: unknown kernel "${module}"; expected one of ${Object.keys(BUILTIN_KERNELS).join(', ')} or a module path`);
}

const cache = new Map<string, Promise<TrialKernel>>();

/** Load and set up a kernel; cached per (module, config) so a worker sets up once. */
export function loadKernel(spec: KernelSpec): Promise<TrialKernel> {
  const key = spec.module + '\u0000' + JSON.stringify(spec.config);
  let k = cache.get(key);
  if (!k) {
    k = (async () => {
      const mod = (await import(resolveKernelUrl(spec.module))) as Partial<KernelModule>;
      if (typeof mod.createKernel !== 'function') throw new InputError(`kernel: module ${spec.module} does not export createKernel()`);
      const kernel = mod.createKernel();
      await kernel.setup(spec.config);
      return kernel;
    })();
    cache.set(key, k);
    k.catch(() => cache.delete(key));
  }
  return k;
}
