/** nusky I/O: FITS binary tables, HEALPix map files (healpy layout), NumPy .npy. See docs/io.md. */
export { readFits, parseFits, readBintable, readImage, writeFits, encodeFits, getHdu, type FitsFile, type Hdu, type Table, type BintableInput } from './fits/fits.js';
export { FitsHeader, type Card, type CardValue } from './fits/header.js';
export type { ColumnData, ColumnInput, ColumnSpec, NumericColumn } from './fits/bintable.js';
export { readTable, writeTable, type TableData, type ReadTableOptions, type WriteTableOptions } from './table.js';
export { readMap, readMaps, readHealpixFile, coordsysToFrame, frameToCoordsys, type CoordSys, type HealpixFile, type ReadSkyMapOptions } from './healpix-map.js';
export { writeMap, type WriteMapOptions, type MapDtype } from './healpix-map-write.js';
export { loadMaps, type LoadMapOptions, type LoadedMaps } from './any-map.js';
export { readNpy, writeNpy, parseNpy, encodeNpy, type Npy, type NpyArray } from './npy.js';
export { ensureDir, readFileMaybeGzip, writeFileAtomic } from './file.js';
