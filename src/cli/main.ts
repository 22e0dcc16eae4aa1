#!/usr/bin/env node
import { Command } from 'commander';
import { registerCommands } from './commands/index.js';
import { NuskyError } from '../errors.js';
import { VERSION } from '../version.js';

const program = new Command();
program
  .name('nusky')
  .description('Neutrino astronomy toolkit: HEALPix skies, event samples, Galactic templates, likelihood searches, trials.')
  .version(VERSION)
  .showHelpAfterError();

registerCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof NuskyError) {
    process.stderr.write(`nusky: ${err.message}\n`);
    process.exit(2);
  }
  throw err;
});
