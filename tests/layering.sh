#!/bin/sh
# make check: the include graph of src/ keeps the layering of doc/architecture.md. The layer
# table is read from the document itself (the first table whose header starts "| Layer |"), so
# the two cannot disagree. Fails, naming the file and the include, when a file includes a module
# of a higher layer, when a file's module is in no layer (or a module of the table has no file),
# or when modules include each other in a cycle. Then, if the objects are built, the one-way
# rules of the document ("- `a.c` calls nothing in `b*.c`") are checked on their symbols (nm).
set -u
src=${GREENMIG_SRCDIR:-$(dirname "$0")/..}
doc=$src/doc/architecture.md
test -r "$doc" || { echo "layering: cannot read $doc" >&2; exit 1; }
files=$(cd "$src" && ls src/*/*.c src/*/*.h 2>/dev/null)
test -n "$files" || { echo "layering: no sources under $src/src" >&2; exit 1; }

# One line per include: FILE HEADER; a file without a quoted include gets "FILE -".
includes=$(cd "$src" && for f in $files; do
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
		sed "s|^|$f |"
	echo "$f -"
done)

printf '%s\n' "$includes" | awk -v doc="$doc" '
function base(p) { sub(/.*\//, "", p); return p }
function stem(p) { p = base(p); sub(/\.[ch]$/, "", p); return p }
# glob match of s against a pattern with * only
function glob(s, pat,   re) {
	re = pat; gsub(/[.]/, "[.]", re); gsub(/[*]/, ".*", re)
	return s ~ ("^" re "$")
}
function module_of(f,   b, s, i) {
	b = base(f); s = stem(f)
	for (i = 1; i <= n_filepat; i++) if (glob(b, filepat[i])) return filemod[i]
	if (s in layer) return s
	for (i = 1; i <= n_modpat; i++) if (glob(s, modpat[i])) return modpat[i]
	return ""
}
function fail(msg) { print "layering: " msg > "/dev/stderr"; bad = 1 }
# depth-first search for a cycle; path holds the modules on the way
function dfs(m, depth,   k, t) {
	color[m] = 1; path[depth] = m
	for (k = 1; k <= n_out[m]; k++) {
		t = out[m, k]
		if (color[t] == 1) {
			cyc = t
			for (i2 = depth; i2 >= 1 && path[i2] != t; i2--) cyc = path[i2] " -> " cyc
			cyc = t " -> " cyc
			fail("include cycle between modules: " cyc " (" why[m, t] ")")
			cycles++
		} else if (color[t] == 0) {
			dfs(t, depth + 1)
		}
	}
	color[m] = 2
}
BEGIN {
	while ((getline line < doc) > 0) {
		if (!intable && line ~ /^\| *Layer *\|/) { intable = 1; continue }
		if (!intable) continue
		if (line !~ /^\|/) break
		if (line ~ /^\| *-/) continue
		n_layers++
		split(line, cell, "|")
		lname[n_layers] = cell[2]; gsub(/^ +| +$/, "", lname[n_layers])
		rest = cell[3]; last = ""
		while (match(rest, /`[^`]+`/)) {
			tok = substr(rest, RSTART + 1, RLENGTH - 2)
			rest = substr(rest, RSTART + RLENGTH)
			if (tok ~ /\.[ch]$/) {
				if (last == "") { print "layering: " doc ": file " tok " before any module" > "/dev/stderr"; exit 1 }
				filepat[++n_filepat] = tok; filemod[n_filepat] = last
			} else {
				if (tok in layer) { print "layering: " doc ": module " tok " in two layers" > "/dev/stderr"; exit 1 }
				layer[tok] = n_layers; last = tok
				if (tok ~ /\*/) modpat[++n_modpat] = tok
			}
		}
	}
	if (n_layers == 0) { print "layering: no layer table (| Layer | Modules |) in " doc > "/dev/stderr"; exit 1 }
}
{
	f = $1; h = $2
	if (!(f in seen)) {
		seen[f] = 1; m = module_of(f); mod[f] = m
		if (m == "") fail(f ": module " stem(f) " is in no layer of doc/architecture.md")
		else has_file[m] = 1
		byname[base(f)] = f
	}
	if (h != "-") { n_inc++; inc_f[n_inc] = f; inc_h[n_inc] = h }
}
END {
	if (n_layers == 0) exit 1
	for (m in layer) if (!(m in has_file)) fail("module " m " of doc/architecture.md has no file under src/")
	for (i = 1; i <= n_inc; i++) {
		f = inc_f[i]; h = inc_h[i]; m = mod[f]
		if (m == "") continue
		if (!(base(h) in byname)) { fail(f ": includes \"" h "\", which is no file under src/"); continue }
		t = mod[byname[base(h)]]
		if (t == "" || t == m) continue
		if (layer[t] > layer[m]) {
			fail(f ": includes \"" h "\" (module " t ", layer " lname[layer[t]] \
			     ") from module " m " of the lower layer " lname[layer[m]])
			continue
		}
		if (!((m, t) in edge)) {
			edge[m, t] = 1; out[m, ++n_out[m]] = t; why[m, t] = f " includes " h
		}
	}
	for (f in mod) if (mod[f] != "" && color[mod[f]] == 0) dfs(mod[f], 1)
	exit bad
}' || exit 1

# The one-way rules, on the objects of the build tree (skipped when they are not there).
build=
if test -n "${GREENMIG_BIN:-}"; then build=$(dirname "$GREENMIG_BIN"); fi
rules=$(sed -n 's/^- `\([^`]*\.c\)` calls nothing in `\([^`]*\.c\)`.*/\1 \2/p' "$doc")
if test -z "$rules"; then
	echo "layering: no one-way rules (- \`a.c\` calls nothing in \`b.c\`) in $doc" >&2
	exit 1
fi
if test -z "$build" || ! command -v nm >/dev/null 2>&1; then
	echo "layering: layers hold; one-way rules not checked (no build tree or no nm)"
	exit 0
fi
obj() { # the object of source $1 (a base name) in the build tree, if built
	for o in "$build"/src/*/"${1%.c}.o" "$build"/src/*/*-"${1%.c}.o"; do
		test -f "$o" && { echo "$o"; return; }
	done
}
rc=0
printf '%s\n' "$rules" | {
	while read -r from to; do
		fo=$(obj "$from")
		test -n "$fo" || { echo "layering: $from: no object in $build (not built?)" >&2; rc=1; continue; }
		found=0
		for tf in $(cd "$src" && ls src/*/$to 2>/dev/null); do
			to_o=$(obj "$(basename "$tf")")
			test -n "$to_o" || continue
			found=1
			used=$(nm "$fo" | awk '$1 == "U" { print $2 }' | sort -u)
			defined=$(nm "$to_o" | awk 'NF == 3 && $2 ~ /[TDRB]/ { print $3 }' | sort -u)
			for s in $(printf '%s\n%s\n' "$used" "$defined" | sort | uniq -d); do
				echo "layering: $from calls $s of $(basename "$tf") (doc/architecture.md: $from calls nothing in $to)" >&2
				rc=1
			done
		done
		test $found = 1 || { echo "layering: the rule on $from names $to: no such object" >&2; rc=1; }
	done
	exit $rc
} || exit 1
echo "layering: layers hold; one-way rules hold"
