"""Read FITS files written by nusky with healpy and astropy; print what they see as JSON.

Usage: /usr/bin/python3 test/io/read_with_healpy.py MAP1.fits [MAP2.fits.gz ...] -- TABLE1.fits ...
Every file must pass astropy's verify('exception') with warnings turned into errors.
"""
import json
import sys
import warnings

import numpy as np
import healpy as hp
from astropy.io import fits

warnings.simplefilter("error")
args = sys.argv[1:]
cut = args.index("--") if "--" in args else len(args)
out = {}


def jsonable(a):
    a = np.asarray(a)
    if a.dtype.kind in "iu":
        return [str(v) for v in a.tolist()]
    return [v if np.isfinite(v) else str(v) for v in a.astype(np.float64).tolist()]


for f in args:
    if f == "--":
        continue
    with fits.open(f) as hl:
        hl.verify("exception")
        r = {"hdus": len(hl)}
    if args.index(f) < cut:
        maps, h = hp.read_map(f, field=None, h=True, nest=None)
        maps = np.atleast_2d(maps) if maps.ndim == 1 else maps
        r["values"] = [jsonable(m) for m in maps]
        r["dtype"] = str(maps.dtype)
        r["header"] = {k: v for k, v in h if k not in ("COMMENT", "HISTORY")}
    else:
        with fits.open(f) as hl:
            d = hl[1].data
            r["columns"] = {c.name: jsonable(d[c.name].ravel()) if d[c.name].dtype.kind not in "USb" else
                            [str(x) if not isinstance(x, (bool, np.bool_)) else int(x) for x in d[c.name].ravel()]
                            for c in hl[1].columns}
            r["units"] = {c.name: c.unit for c in hl[1].columns if c.unit}
            r["tnull"] = {c.name: c.null for c in hl[1].columns if c.null is not None}
    out[f] = r
print(json.dumps(out))
