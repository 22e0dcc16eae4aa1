// Worker entry used only when nusky runs from TypeScript sources (vitest, tsx):
// Node 20 workers ignore `--import tsx` in execArgv, so register tsx's ESM
// loader here, then load the real worker. dist/ uses worker.js directly.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./worker.ts');
export default mod.default;
