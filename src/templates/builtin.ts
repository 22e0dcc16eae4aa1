/** Built-in templates shipped in data/templates/: pi0 (IceCube release map), kra5, kra50 (nusky LOS model). */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { readShipped } from './shipped.js';
import { loadTemplateFile, type LoadOptions } from './io.js';
import type { Template } from './template.js';

export const BUILTIN_NAMES = ['pi0', 'kra5', 'kra50'] as const;
export type BuiltinName = (typeof BUILTIN_NAMES)[number];

/** data/templates/ of the package (src/templates → ../../data, dist/templates → ../../data). */
export function templateDataDir(): string {
  return fileURLToPath(new URL('../../data/templates/', import.meta.url));
}

const cache = new Map<string, Template>();

/** Load a built-in template by name (cached). */
export function builtinTemplate(name: BuiltinName): Template {
  const hit = cache.get(name);
  if (hit) return hit;
  if (!BUILTIN_NAMES.includes(name)) throw new InputError(`unknown built-in template ${JSON.stringify(name)}; expected one of ${BUILTIN_NAMES.join(', ')}`);
  const file = `${templateDataDir()}${name}.json`;
  if (!existsSync(file)) throw new InputError(`${file}: shipped template missing (regenerate with npx tsx scripts/make-template-data.ts)`);
  const t = readShipped(file);
  cache.set(name, t);
  return t;
}

/** A built-in name or a path to a template file. */
export function loadTemplate(spec: string, opt: LoadOptions = {}): Template {
  if ((BUILTIN_NAMES as readonly string[]).includes(spec)) return builtinTemplate(spec as BuiltinName);
  if (!existsSync(spec)) throw new InputError(`template ${spec}: expected a built-in name (${BUILTIN_NAMES.join(', ')}) or an existing file, found neither`);
  return loadTemplateFile(spec, opt);
}
