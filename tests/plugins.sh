#!/usr/bin/env bash
# Policy plugins, end to end: the examples build with their own Makefile against this tree's
# headers and run; a re-implementation of thr + mmt through the public API alone gives the
# built-in's stats and timeline to the byte on all ten days of both setups; every kind of bad
# plugin is refused with "path: message" and exit status 2; plugins work in experiment files,
# sweeps, emitted jobs and merge.
# Environment (make check sets it): GREENMIG_BIN, GREENMIG_SRCDIR, CC.
set -u
bin=${GREENMIG_BIN:?}
src=${GREENMIG_SRCDIR:?}
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# expect STATUS TEXT CMD...: the command exits with STATUS and its stderr holds TEXT.
expect() {
	local want=$1 text=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	local got=$?
	if [ "$got" -ne "$want" ]; then
		bad "exit $got (want $want): $*"; sed 's/^/  /' "$tmp/err" >&2; return
	fi
	if [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/err"; then
		bad "stderr lacks \"$text\": $*"; sed 's/^/  /' "$tmp/err" >&2; return
	fi
	ok
}

build() { # build NAME: tests/plugins/NAME.c -> $tmp/NAME.so
	$cc -std=c11 -Wall -Wextra -Werror -O2 -fPIC -shared -I"$src/include" -o "$tmp/$1.so" \
		"$src/tests/plugins/$1.c" || bad "cannot build tests/plugins/$1.c"
}

# --- The program exports every function of <greenmig/policy.h> (plugins link against it)
if command -v nm >/dev/null 2>&1; then
	missing=""
	for f in $(grep -ohE '\bgm_[a-z0-9_]+\(' "$src/include/greenmig/policy.h" "$src/include/greenmig/version.h" |
		sed 's/($//' | sort -u | grep -v '^gm_policy_entry$'); do
		nm -D --defined-only "$bin" 2>/dev/null | grep -q " T $f\$" || missing="$missing $f"
	done
	[ -z "$missing" ] && ok || bad "greenmig does not export:$missing (add them to plugin_api in src/policy/plugin.c)"
fi

# --- The examples, with their own Makefile (as a user builds them, but against this tree)
cp -r "$src/examples/plugins" "$tmp/examples"
chmod -R u+w "$tmp/examples"
if make -s -C "$tmp/examples" CC="$cc" GM_CFLAGS="-I$src/include" GM_LIBS= CFLAGS="-O2 -Werror" \
	>"$tmp/make.log" 2>&1; then ok; else bad "examples/plugins: make failed"; cat "$tmp/make.log" >&2; fi
paper=$src/examples/paper.ini
planetlab=$src/examples/cloudsim-planetlab.ini

expect 0 "" "$bin" run "$paper" --policy "$tmp/examples/ewma.so" --stats "$tmp/ewma.csv" --quiet
[ "$(cut -d, -f3 "$tmp/ewma.csv" | tail -1)" = ewma ] && ok || bad "the stats row does not name the plugin's policy"
tail -1 "$tmp/ewma.csv" | grep -qF ',ewma,mmt,"0.5,0.8",' && ok || bad "the stats row does not give ewma's default parameter"
# alpha = 1 is THR on the current request: the same run as thr at the same threshold
expect 0 "" "$bin" run "$paper" --policy "$tmp/examples/ewma.so" --param 1,0.8 --stats "$tmp/ewma1.csv" --quiet
expect 0 "" "$bin" run "$paper" --policy thr --param 0.8 --stats "$tmp/thr.csv" --quiet
# (ewma's parameter "1,0.8" is one quoted CSV field that cut splits in two)
[ "$(tail -1 "$tmp/ewma1.csv" | cut -d, -f7-)" = "$(tail -1 "$tmp/thr.csv" | cut -d, -f6-)" ] \
	&& ok || bad "ewma with alpha = 1 is not thr"
expect 0 "" "$bin" run "$paper" --policy "$tmp/examples/twochoices.so" --stats "$tmp/tc1.csv" --quiet
expect 0 "" "$bin" run "$paper" --policy "$tmp/examples/twochoices.so" --stats "$tmp/tc2.csv" --quiet
cmp -s "$tmp/tc1.csv" "$tmp/tc2.csv" && ok || bad "twochoices: two runs with one seed differ"
mig=$(tail -1 "$tmp/tc1.csv" | cut -d, -f11)
[ "${mig:-0}" -gt 0 ] 2>/dev/null && ok || bad "twochoices migrated nothing ($mig)"
expect 0 "" "$bin" run "$paper" --policy "$tmp/examples/twochoices.so" --seed 7 --stats "$tmp/tc7.csv" --quiet
cmp -s "$tmp/tc1.csv" "$tmp/tc7.csv" && bad "twochoices ignores the seed" || ok

# --- thr + mmt through the public API alone = the built-in, stats and timeline, 20 day-setups
build thrmmt
for ini in "$paper" "$planetlab"; do
	for day in 20110303 20110306 20110309 20110322 20110325 20110403 20110409 20110411 20110412 20110420; do
		"$bin" run "$ini" --day "$day" --policy thr --selection mmt --stats "$tmp/a.csv" \
			--timeline "$tmp/a.tl" --quiet 2>"$tmp/err" || bad "thr $day: $(cat "$tmp/err")"
		"$bin" run "$ini" --day "$day" --policy "$tmp/thrmmt.so" --stats "$tmp/b.csv" \
			--timeline "$tmp/b.tl" --quiet 2>"$tmp/err" || bad "thrmmt $day: $(cat "$tmp/err")"
		# the same but the policy, selection and parameter columns
		if [ "$(tail -1 "$tmp/a.csv" | cut -d, -f1,2,6-)" = "$(tail -1 "$tmp/b.csv" | cut -d, -f1,2,6-)" ] &&
			cmp -s "$tmp/a.tl" "$tmp/b.tl"; then ok; else bad "thrmmt differs from thr+mmt: $(basename "$ini") $day"; fi
	done
done

# --- Bad plugins: each refused with its path, what is wrong, and exit status 2
expect 2 "$tmp/missing.so: No such file or directory" "$bin" run "$paper" --policy "$tmp/missing.so"
echo "not an ELF file" >"$tmp/text.so"
expect 2 "$tmp/text.so: not a loadable shared object" "$bin" run "$paper" --policy "$tmp/text.so"
build noentry
expect 2 "$tmp/noentry.so: no function gm_policy_entry" "$bin" run "$paper" --policy "$tmp/noentry.so"
build nullentry
expect 2 "$tmp/nullentry.so: gm_policy_entry returned no policy" "$bin" run "$paper" --policy "$tmp/nullentry.so"
build badversion
expect 2 "$tmp/badversion.so: built for greenmig API version 99; this greenmig has version 1" \
	"$bin" run "$paper" --policy "$tmp/badversion.so"
build dupname
expect 2 "$tmp/dupname.so: policy name \"thr\" is taken by a built-in policy" "$bin" run "$paper" --policy "$tmp/dupname.so"
cp "$tmp/thrmmt.so" "$tmp/thrmmt-copy.so"
expect 2 "$tmp/thrmmt-copy.so: policy name \"thrmmt\" is taken by $tmp/thrmmt.so" \
	"$bin" sweep "$paper" --vary "policy=$tmp/thrmmt.so,$tmp/thrmmt-copy.so" -j 1 -o "$tmp/dup.csv"
[ ! -e "$tmp/dup.csv" ] && ok || bad "a refused plugin left a sweep CSV behind"
expect 2 "policy ewma: parameter \"1.5,0.8\" is not alpha,threshold" \
	"$bin" run "$paper" --policy "$tmp/examples/ewma.so" --param 1.5,0.8
expect 2 "policy twochoices: parameter \"0.8,0.3\" is not lower,upper" \
	"$bin" run "$paper" --policy "$tmp/examples/twochoices.so" --param 0.8,0.3

# A policy that fails while running: its message, exit status 1, no half-written output
build failing
expect 1 "policy failing: at t = 1200.1 s: gm_migrate: no host 100 (100 hosts)" \
	"$bin" run "$paper" --policy "$tmp/failing.so" --stats "$tmp/failing.csv"
[ ! -e "$tmp/failing.csv" ] && ok || bad "a failed run left its stats file"

# --- In an experiment file: a relative path is relative to the file
mkdir -p "$tmp/exp/plug"
cp "$tmp/examples/ewma.so" "$tmp/exp/plug/"
sed -e "s|^traces = \.\./traces/planetlab|traces = $src/traces/planetlab|" \
	-e '/^\[policy\]/,/^\[/s|^name = .*|name = plug/ewma.so|' "$paper" >"$tmp/exp/e.ini"
grep -q '^name = plug/ewma.so' "$tmp/exp/e.ini" && ok || bad "could not set [policy] name in the test's experiment file"
(cd "$tmp" && "$bin" run exp/e.ini --stats "$tmp/file.csv" --quiet) 2>"$tmp/err" && ok || bad "policy = plug/ewma.so in a file: $(cat "$tmp/err")"
cmp -s <(tail -1 "$tmp/file.csv" | cut -d, -f3-) <(tail -1 "$tmp/ewma.csv" | cut -d, -f3-) && ok || bad "the file's plugin run differs from --policy's"

# --- Sweeps (every worker), emitted jobs and merge
expect 0 "" "$bin" sweep "$paper" --vary "policy=thr,$tmp/thrmmt.so" --vary day=20110303,20110306 -j 2 -o "$tmp/sw.csv" --quiet
[ "$(wc -l <"$tmp/sw.csv")" -eq 5 ] && ok || bad "the plugin sweep has not 4 rows"
expect 0 "" "$bin" sweep "$paper" --vary "policy=thr,$tmp/thrmmt.so" --vary day=20110303,20110306 --emit-jobs "$tmp/jobs"
(cd "$tmp" && bash "$tmp/out") >/dev/null 2>"$tmp/jobs.err" && ok || bad "emitted jobs failed: $(cat "$tmp/jobs.err")"
expect 0 "" "$bin" merge "$tmp/jobs" -o "$tmp/merged.csv"
cmp -s "$tmp/sw.csv" "$tmp/merged.csv" && ok || bad "merge of the emitted plugin jobs differs from the sweep"

# --- reproduce: a plugin's row beside the paper's, over every shipped day
expect 0 "" "$bin" reproduce --seeds 1 --examples "$src/examples" -o "$tmp/rep" --policy "$tmp/thrmmt.so" --quiet -j 2
grep -q "^paper,thrmmt,$tmp/thrmmt.so,\"\",10," "$tmp/rep/table1.csv" && ok ||
	bad "reproduce --policy: no thrmmt row over 10 days in table1.csv"
grep -q "| thrmmt |" "$tmp/rep/table1.md" && ok || bad "reproduce --policy: no thrmmt row in table1.md"

# --- The C API: examples/c-api/runexp against this tree's libgreenmig.so gives the CLI's numbers
if [ -n "${GREENMIG_LIBDIR:-}" ] && [ -e "$GREENMIG_LIBDIR/libgreenmig.so" ]; then
	# (a sanitizer build's library needs the program built with the same runtime)
	if $cc ${GREENMIG_SAN_CFLAGS:-} -std=c11 -Wall -Wextra -Werror -O2 -I"$src/include" -o "$tmp/runexp" "$src/examples/c-api/runexp.c" \
		-L"$GREENMIG_LIBDIR" -lgreenmig -Wl,-rpath,"$GREENMIG_LIBDIR" 2>"$tmp/err"; then
		ok
		"$tmp/runexp" "$paper" lr >"$tmp/runexp.out" 2>"$tmp/err" && ok || bad "runexp: $(cat "$tmp/err")"
		"$bin" run "$paper" --policy lr --stats "$tmp/lr.csv" --quiet
		grep -qxF "energy_kwh $(tail -1 "$tmp/lr.csv" | cut -d, -f9)" "$tmp/runexp.out" && ok ||
			bad "runexp's energy differs from greenmig run's: $(head -3 "$tmp/runexp.out")"
		# the library exports its API and nothing else
		if command -v nm >/dev/null 2>&1; then
			other=$(nm -D --defined-only "$GREENMIG_LIBDIR/libgreenmig.so" | awk '$2 == "T" && $3 !~ /^gm_/ { print $3 }' | head -3)
			[ -z "$other" ] && ok || bad "libgreenmig.so exports more than gm_*: $other"
		fi
	else
		bad "cannot build examples/c-api/runexp.c: $(cat "$tmp/err")"
	fi
fi

# --- Listing
expect 0 "" "$bin" policies --policy "$tmp/examples/ewma.so"
grep -q "ewma" "$tmp/out" && grep -q "0.5,0.8" "$tmp/out" && ok || bad "greenmig policies does not list the loaded plugin with its default"

echo "plugins: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
