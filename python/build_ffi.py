"""Builds greenmig's Python extension (cffi, API mode): greenmig/_greenmig*.so over libgreenmig.so.

Run by `make` (and `make install`) with the interpreter configure found:

    python3 build_ffi.py --include SRCDIR/include --libdir BUILDDIR/src/.libs \
        --rpath DIR --out PKGDIR --tmp TMPDIR

It writes only under --tmp (the generated C file and objects) and --out (the module), so a
read-only source tree builds (make distcheck). --rpath is where the module finds
libgreenmig.so at run time: the build tree's src/.libs, or the installed libdir.
"""
import argparse
import glob
import os
import re
import shutil
import sys

import cffi

# The public API as cffi's cdef reads it, from the installed headers themselves (public_cdef):
# a declaration added to or changed in include/greenmig/*.h reaches Python without restating it
# here. cdef has no preprocessor, so the headers are read as the C they are, minus what cffi
# cannot parse: comments, #include, the include guard, the C++ and GCC-only blocks (#ifdef
# __cplusplus, #if defined(__GNUC__)), string macros; an integer macro becomes "#define NAME ..."
# (its value taken from C) and an array parameter sized by a macro a plain array (a pointer).
PUBLIC_HEADERS = ("version.h", "policy.h", "experiment.h", "simulation.h")


def _strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def header_cdef(path):
    """The declarations of a public header as cffi's cdef reads them (no preprocessor)."""
    out, skip = [], 0
    lines = _strip_comments(open(path, encoding="utf-8").read()).splitlines()
    guard = None
    for line in lines:
        s = line.strip()
        if s.startswith("#"):
            d = s[1:].strip()
            if d.startswith(("if", "ifdef", "ifndef")):
                if guard is None and d.startswith("ifndef"):
                    guard = d.split()[1]  # the include guard: its body is the header
                else:
                    skip += 1  # __cplusplus, __GNUC__: C++ linkage and attributes
            elif d.startswith("endif"):
                skip = max(skip - 1, 0)
            elif d.startswith("define") and skip == 0:
                m = re.match(r"define\s+(\w+)\s+(.+)$", d)
                if m and m.group(1) != guard and not m.group(2).startswith('"'):
                    out.append("#define %s ..." % m.group(1))  # an integer constant: from C
            continue
        if skip == 0 and s:
            out.append(line)
    text = "\n".join(out)
    # an array parameter's size names a constant: a pointer to cffi
    return re.sub(r"(\w+)\[[A-Z_][A-Z0-9_]*\]", r"\1[]", text)


def public_cdef(include_dir):
    return "\n".join(header_cdef(os.path.join(include_dir, "greenmig", h)) for h in PUBLIC_HEADERS)


# What the extension adds to the public API: libc's free (for gm_sweep's text) and the Python
# policies' trampolines.
PY_CDEF = r"""
void free(void *p);

/* Python policies (greenmig.Policy): the hooks call back into Python. */
#define GMPY_SLOTS 32
typedef void *(*gmpy_create_fn)(gm_ctx *ctx);
gmpy_create_fn gmpy_create_for(int slot);
extern "Python" void *gmpy_create(int slot, gm_ctx *ctx);
extern "Python" void gmpy_destroy(void *state);
extern "Python" int gmpy_place(gm_ctx *ctx, const gm_vm *vm);
extern "Python" bool gmpy_overloaded(const gm_ctx *ctx, const gm_host *h, double *metric);
extern "Python" int gmpy_overloaded_bound(const gm_ctx *ctx, const gm_host *h, const gm_vm *vm);
extern "Python" int gmpy_select(gm_ctx *ctx, const gm_host *h);
extern "Python" int gmpy_target(gm_ctx *ctx, const gm_vm *vm, const unsigned char *excluded);
extern "Python" int gmpy_optimize(gm_ctx *ctx);
extern "Python" void gmpy_vm_left(gm_ctx *ctx, int host);
extern "Python" void gmpy_counts(const gm_ctx *ctx, struct gm_counts *out);
extern "Python" void gmpy_progress(void *ctx, long done, long total);
"""

SOURCE = r"""
#include <stdlib.h>
#include <greenmig/greenmig.h>

#define GMPY_SLOTS 32
typedef void *(*gmpy_create_fn)(gm_ctx *ctx);
static void *gmpy_create(int slot, gm_ctx *ctx);
#define GMPY_T(k) static void *gmpy_create_##k(gm_ctx *c) { return gmpy_create(k, c); }
GMPY_T(0) GMPY_T(1) GMPY_T(2) GMPY_T(3) GMPY_T(4) GMPY_T(5) GMPY_T(6) GMPY_T(7)
GMPY_T(8) GMPY_T(9) GMPY_T(10) GMPY_T(11) GMPY_T(12) GMPY_T(13) GMPY_T(14) GMPY_T(15)
GMPY_T(16) GMPY_T(17) GMPY_T(18) GMPY_T(19) GMPY_T(20) GMPY_T(21) GMPY_T(22) GMPY_T(23)
GMPY_T(24) GMPY_T(25) GMPY_T(26) GMPY_T(27) GMPY_T(28) GMPY_T(29) GMPY_T(30) GMPY_T(31)
static const gmpy_create_fn gmpy_creates[GMPY_SLOTS] = {
    gmpy_create_0, gmpy_create_1, gmpy_create_2, gmpy_create_3, gmpy_create_4, gmpy_create_5,
    gmpy_create_6, gmpy_create_7, gmpy_create_8, gmpy_create_9, gmpy_create_10, gmpy_create_11,
    gmpy_create_12, gmpy_create_13, gmpy_create_14, gmpy_create_15, gmpy_create_16,
    gmpy_create_17, gmpy_create_18, gmpy_create_19, gmpy_create_20, gmpy_create_21,
    gmpy_create_22, gmpy_create_23, gmpy_create_24, gmpy_create_25, gmpy_create_26,
    gmpy_create_27, gmpy_create_28, gmpy_create_29, gmpy_create_30, gmpy_create_31,
};
static gmpy_create_fn gmpy_create_for(int slot)
{
    return slot >= 0 && slot < GMPY_SLOTS ? gmpy_creates[slot] : NULL;
}
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--include", required=True, help="the folder holding greenmig/*.h")
    ap.add_argument("--libdir", required=True, help="the folder holding libgreenmig.so")
    ap.add_argument("--rpath", required=True, help="where the module finds libgreenmig.so")
    ap.add_argument("--out", required=True, help="the package folder the module goes into")
    ap.add_argument("--tmp", required=True, help="a scratch folder for the C file and objects")
    a = ap.parse_args()
    ffi = cffi.FFI()
    ffi.cdef(public_cdef(a.include) + PY_CDEF)
    ffi.set_source("greenmig._greenmig", SOURCE, include_dirs=[os.path.abspath(a.include)],
                   library_dirs=[os.path.abspath(a.libdir)],
                   libraries=["greenmig"], extra_link_args=["-Wl,-rpath," + a.rpath])
    os.makedirs(a.tmp, exist_ok=True)
    so = ffi.compile(tmpdir=os.path.abspath(a.tmp), verbose=False)
    os.makedirs(a.out, exist_ok=True)
    for old in glob.glob(os.path.join(a.out, "_greenmig*.so")):
        os.remove(old)
    shutil.copy2(so, os.path.join(a.out, os.path.basename(so)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
