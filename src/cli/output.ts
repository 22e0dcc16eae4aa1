/** Print a result either as JSON (--json) or as human-readable text. */
export function emit(result: unknown, json: boolean, text: () => string): void {
  if (json) process.stdout.write(JSON.stringify(result, jsonReplacer, 2) + '\n');
  else process.stdout.write(text() + '\n');
}

/** JSON.stringify replacer that writes typed arrays as arrays and non-finite numbers as strings. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}
