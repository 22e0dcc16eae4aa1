/** nusky demo: the paper's analysis end to end on a simulated sample (docs/demo.md). */
export { runDemo, type DemoResult, type DemoRun, type DemoContext, type ProgressFactory } from './run.js';
export { demoOptions, type DemoOptions } from './options.js';
export { writeDemoReport, resultsJson, type DemoFiles } from './report.js';
export { formatTable, tableRows, type TableRow } from './table.js';
export * from './published.js';
