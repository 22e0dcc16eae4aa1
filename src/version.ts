/** nusky's version, recorded in every result's provenance. Keep equal to package.json. */
export const VERSION = '0.1.0';
