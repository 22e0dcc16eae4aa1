/** The toy kernel with three correlated signal centres (for post-trial tests). */
import type { TrialKernel } from '../kernel.js';
import { ToyKernel } from './toy.js';

export function createKernel(): TrialKernel {
  const k = new ToyKernel();
  const setup = k.setup.bind(k);
  k.setup = (config: unknown) => setup({ centres: [0.3, 0.5, 0.55], ...(config as object) });
  return k;
}
