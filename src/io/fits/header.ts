import { FitsError, InputError } from '../../errors.js';

/** FITS files are made of 2880-byte blocks of 36 cards of 80 ASCII characters. */
export const BLOCK = 2880;
export const CARD = 80;

export type CardValue = string | number | bigint | boolean | null;

/** One header card. Commentary cards (COMMENT, HISTORY, blank) have value null and their text in comment. */
export interface Card {
  key: string;
  value: CardValue;
  comment?: string;
}

/** Where a header came from, for error messages. */
export interface HeaderContext {
  file: string;
  hdu: number;
}

const COMMENTARY = new Set(['COMMENT', 'HISTORY', '', 'CONTINUE']);

/** An ordered list of cards with keyword look-up (first match wins, as in astropy). */
export class FitsHeader {
  readonly cards: Card[];
  readonly ctx: HeaderContext;

  constructor(cards: Card[] = [], ctx: HeaderContext = { file: '<memory>', hdu: 0 }) {
    this.cards = cards;
    this.ctx = ctx;
  }

  get(key: string): CardValue | undefined {
    const k = key.toUpperCase();
    return this.cards.find((c) => c.key === k && !COMMENTARY.has(c.key))?.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Replace the first card with this keyword, or append one. */
  set(key: string, value: CardValue, comment?: string): this {
    const k = key.toUpperCase();
    const card = this.cards.find((c) => c.key === k);
    if (card && !COMMENTARY.has(k)) {
      card.value = value;
      if (comment !== undefined) card.comment = comment;
    } else this.cards.push(comment === undefined ? { key: k, value } : { key: k, value, comment });
    return this;
  }

  delete(key: string): void {
    const k = key.toUpperCase();
    const i = this.cards.findIndex((c) => c.key === k);
    if (i >= 0) this.cards.splice(i, 1);
  }

  private fail(key: string, expected: string, found: string): never {
    throw new FitsError(this.ctx.file, `HDU ${this.ctx.hdu} keyword ${key}`, expected, found);
  }

  /** A required integer keyword (number form; bigint only when it does not fit a double exactly). */
  int(key: string, opts: { min?: number } = {}): number {
    const v = this.get(key);
    if (v === undefined) this.fail(key, 'an integer', 'no such keyword');
    if (typeof v !== 'number' || !Number.isInteger(v)) this.fail(key, 'an integer', JSON.stringify(String(v)));
    if (opts.min !== undefined && v < opts.min) this.fail(key, `an integer ≥ ${opts.min}`, String(v));
    return v;
  }

  /** An optional string keyword, trimmed. */
  str(key: string): string | undefined {
    const v = this.get(key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') this.fail(key, 'a string', String(v));
    return v.trim();
  }

  /** An optional numeric keyword. */
  num(key: string): number | undefined {
    const v = this.get(key);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v !== 'number') this.fail(key, 'a number', JSON.stringify(String(v)));
    return v;
  }

  /** Plain object of keyword → value (commentary cards omitted), for JSON output. */
  toObject(): Record<string, CardValue> {
    const out: Record<string, CardValue> = {};
    for (const c of this.cards) if (!COMMENTARY.has(c.key) && !(c.key in out)) out[c.key] = c.value;
    return out;
  }
}

/** Parse one card image (80 characters). */
export function parseCard(text: string, ctx: HeaderContext): Card {
  const key = text.slice(0, 8).trimEnd();
  if (COMMENTARY.has(key) || text.slice(8, 10) !== '= ') {
    return { key, value: null, comment: text.slice(8).trimEnd() };
  }
  const rest = text.slice(10);
  let i = 0;
  while (i < rest.length && rest[i] === ' ') i++;
  let value: CardValue;
  let after: string;
  if (rest[i] === "'") {
    let s = '';
    let j = i + 1;
    for (;;) {
      if (j >= rest.length) throw new FitsError(ctx.file, `HDU ${ctx.hdu} keyword ${key}`, 'a closing quote', `"${rest.trimEnd()}"`);
      if (rest[j] === "'") {
        if (rest[j + 1] === "'") {
          s += "'";
          j += 2;
          continue;
        }
        break;
      }
      s += rest[j++];
    }
    value = s.trimEnd();
    after = rest.slice(j + 1);
  } else {
    const slash = rest.indexOf('/', i);
    const raw = (slash >= 0 ? rest.slice(i, slash) : rest.slice(i)).trim();
    after = slash >= 0 ? rest.slice(slash) : '';
    value = parseScalar(raw, key, ctx);
  }
  const m = /^\s*\/\s?(.*)$/.exec(after);
  const comment = m ? m[1]!.trimEnd() : undefined;
  return comment ? { key, value, comment } : { key, value };
}

function parseScalar(raw: string, key: string, ctx: HeaderContext): CardValue {
  if (raw === '') return null;
  if (raw === 'T') return true;
  if (raw === 'F') return false;
  if (/^[+-]?\d+$/.test(raw)) {
    const n = Number(raw);
    return Number.isSafeInteger(n) ? n : BigInt(raw);
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([EeDd][+-]?\d+)?$/.test(raw)) return Number(raw.replace(/[Dd]/, 'E'));
  if (/^\(.*\)$/.test(raw)) return raw; // complex values are kept as their text
  throw new FitsError(ctx.file, `HDU ${ctx.hdu} keyword ${key}`, 'a FITS value (string, logical, integer or real)', `"${raw}"`);
}

/** Format a number as FITS requires: integers plainly, reals with a '.' or an 'E'. */
function formatNumber(v: number, key: string): string {
  if (!Number.isFinite(v)) throw new InputError(`FITS keyword ${key}: value ${v} cannot be written (FITS has no NaN/Inf keyword values)`);
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const s = String(v).toUpperCase();
  return /[.E]/.test(s) ? s : s + '.0';
}

/** Format one card image, padded to 80 characters. */
export function formatCard(card: Card): string {
  const key = card.key.toUpperCase();
  if (!/^[A-Z0-9_-]{0,8}$/.test(key)) throw new InputError(`FITS keyword "${card.key}": expected ≤ 8 characters of A-Z 0-9 _ -`);
  let text: string;
  if (card.value === null && COMMENTARY.has(key)) {
    text = key.padEnd(8) + (card.comment ?? '');
  } else {
    const v = card.value;
    let field: string;
    if (typeof v === 'string') {
      if (!/^[\x20-\x7e]*$/.test(v)) throw new InputError(`FITS keyword ${key}: string value must be printable ASCII`);
      field = `'${v.replace(/'/g, "''").padEnd(8)}'`;
      if (field.length > 70) throw new InputError(`FITS keyword ${key}: string value longer than 68 characters (long strings are not supported)`);
    } else if (typeof v === 'boolean') field = (v ? 'T' : 'F').padStart(20);
    else if (typeof v === 'bigint') field = v.toString().padStart(20);
    else if (typeof v === 'number') field = formatNumber(v, key).padStart(20);
    else field = ''.padStart(20);
    text = key.padEnd(8) + '= ' + field;
    if (card.comment) text += ' / ' + card.comment;
  }
  if (!/^[\x20-\x7e]*$/.test(text)) throw new InputError(`FITS keyword ${key}: comment must be printable ASCII`);
  return text.slice(0, CARD).padEnd(CARD);
}

/**
 * Parse a header starting at `offset`. Returns the header and the offset of the
 * first data byte (the next block boundary after END).
 */
export function parseHeader(bytes: Uint8Array, offset: number, ctx: HeaderContext): { header: FitsHeader; dataStart: number } {
  const cards: Card[] = [];
  let pos = offset;
  for (;;) {
    if (pos + CARD > bytes.length) {
      throw new FitsError(ctx.file, `HDU ${ctx.hdu} header`, 'an END card', `end of file after ${cards.length} cards (truncated file)`);
    }
    const text = asciiCard(bytes, pos, ctx);
    pos += CARD;
    if (text.startsWith('END') && text.slice(3).trim() === '') break;
    if (text.trim() === '') continue;
    cards.push(parseCard(text, ctx));
  }
  const dataStart = Math.ceil((pos - offset) / BLOCK) * BLOCK + offset;
  return { header: new FitsHeader(cards, ctx), dataStart };
}

function asciiCard(bytes: Uint8Array, pos: number, ctx: HeaderContext): string {
  let s = '';
  for (let i = 0; i < CARD; i++) {
    const b = bytes[pos + i]!;
    if (b < 0x20 || b > 0x7e) {
      throw new FitsError(ctx.file, `HDU ${ctx.hdu} header byte ${pos + i}`, 'printable ASCII', `byte 0x${b.toString(16).padStart(2, '0')}`);
    }
    s += String.fromCharCode(b);
  }
  return s;
}

/** Serialize cards plus END, padded with spaces to whole blocks. */
export function formatHeader(cards: readonly Card[]): Uint8Array {
  const text = cards.map(formatCard).join('') + 'END'.padEnd(CARD);
  const n = Math.ceil(text.length / BLOCK) * BLOCK;
  return Buffer.from(text.padEnd(n), 'latin1');
}
