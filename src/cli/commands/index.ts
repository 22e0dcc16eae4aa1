import type { Command } from 'commander';
import { register as registerTemplate } from './template.js';
import { register as registerMap } from './map.js';
import { register as registerMapSht } from './map-sht.js';
import { register as registerMapPlot } from './map-plot.js';
import { register as registerSimulate } from './simulate.js';
import { register as registerSearch } from './search.js';
import { register as registerTrials } from './trials.js';
import { register as registerDemo } from './demo.js';
import { register as registerHealpix } from './healpix.js';
import { register as registerSources } from './sources.js';

/**
 * Every CLI command lives in its own module under cli/commands and exports
 * `register(program)`. Add one line here per module.
 */
export function registerCommands(program: Command): void {
  void program;
  registerSearch(program);
  registerSources(program);
  registerTrials(program);
  registerDemo(program);
  registerHealpix(program);
  registerTemplate(program);
  registerMap(program);
  registerMapSht(program);
  registerMapPlot(program);
  registerSimulate(program);
}
