/** Refit the DNN-cascade angular model and write data/irf/dnnc/angular_model.json. Run: npx tsx scripts/fit-angular-model.ts */
import { writeFileSync } from 'node:fs';
import { irfDataPath } from '../src/irf/tables.js';
import { angularModelJson, fitCascadeAngularModel } from '../src/irf/psf.js';

const m = fitCascadeAngularModel(irfDataPath('dnnc'));
writeFileSync(irfDataPath('dnnc/angular_model.json'), angularModelJson(m) + '\n');
console.log(`c = ${m.c}, wEff = ${m.wEff}, ${m.logE.length} energy nodes`);
