// Scan worker entry when running from TypeScript sources (vitest, tsx): Node 20
// workers ignore `--import tsx` in execArgv, so register tsx here, then load the worker.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./scanWorker.ts');
export default mod.default;
