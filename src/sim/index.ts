/** The event simulator (forward folding through the IRFs). */
export * from './simulate.js';
export * from './cascadeModel.js';
export * from './forwardFold.js';
export * from './signal.js';
export * from './uptime.js';
export { compareToRelease } from './validation.js';
export { writeSimulationReport } from './report.js';
