"""Writes .npy files with NumPy itself (every dtype the reader accepts, both byte orders, C and
Fortran order, format versions 1.0/2.0/3.0, 1-D/2-D incl. 0-size, special floats) into argv[1] and
prints one line per file: name|shape|values (float(x) of each element in C order, repr)."""
import os
import sys

import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(3)
dtypes = ['<f2', '>f2', '<f4', '>f4', '<f8', '>f8', '|i1', '<i2', '>i2', '<i4', '>i4', '<i8', '>i8',
          '|u1', '<u2', '>u2', '<u4', '>u4', '<u8', '>u8', '|b1']
shapes = [(5,), (3, 4), (0,), (0, 3), (2, 0), (4, 3)]
for idx, dt in enumerate(dtypes):
    t = np.dtype(dt)
    for fortran in (False, True):
        for version in (1, 2, 3):
            shape = shapes[(idx + version + int(fortran)) % len(shapes)]
            n = int(np.prod(shape))
            if t.kind == 'f':
                a = (rng.standard_normal(n) * 10.0 ** rng.integers(-3, 4, n)).astype(t)
                specials = [np.inf, -np.inf, np.nan, -0.0, np.finfo(t).max, np.finfo(t).tiny]
                for j in range(min(n, len(specials))):
                    if rng.integers(0, 2):
                        a[j] = specials[j]
            elif t.kind in 'iu':
                info = np.iinfo(t)
                a = rng.integers(info.min, info.max, n, endpoint=True, dtype=t.newbyteorder('='))
                a = a.astype(t)
                if n >= 2:
                    a[0], a[1] = info.min, info.max
            else:
                a = rng.integers(0, 2, n).astype(t)
            a = a.reshape(shape)
            if fortran:
                a = np.asfortranarray(a)
            name = '%d_%d_%d.npy' % (idx, int(fortran), version)
            with open(os.path.join(out, name), 'wb') as f:
                np.lib.format.write_array(f, a, version=(version, 0))
            vals = ' '.join(repr(float(x)) for x in a.ravel(order='C'))
            print('%s|%s|%s' % (name, ','.join(str(s) for s in shape), vals))
