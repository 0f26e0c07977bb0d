#!/bin/sh
# make check: every template of plots/ renders, as make plots runs it, tiny CSVs in the formats
# greenmig reproduce writes (and the series files beside them) to PNG, SVG and PDF; each output is
# non-empty, and the PNG and SVG the same byte for byte when rendered again; no two series of a plot share a
# colour (from the SVG: the stroke of each titled series) and the palette of plots/common.gp has
# no colour twice. Skipped, saying so, without gnuplot.
set -u
src=${GREENMIG_SRCDIR:-$(dirname "$0")/..}
gp=${GNUPLOT:-$(command -v gnuplot 2>/dev/null || true)}
if [ -z "$gp" ]; then
	echo "SKIP: gnuplot is not installed (Debian package gnuplot-nox): the plot rendering test"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# --- tiny inputs in reproduce's formats ---
cat >"$tmp/threshold.csv" <<'EOF'
series,threshold,energy_kwh_mean,energy_kwh_ci95,label
ST,0.40,2.536,0.05,ST 40 %
ST,0.50,2.017,0.02,ST 50 %


MM 30-x %,0.60,1.664,0.01,MM 30-60 %
MM 30-x %,0.70,1.474,0.02,MM 30-70 %


MM 40-x %,0.70,1.401,0.01,MM 40-70 %
MM 40-x %,0.80,1.254,0.004,MM 40-80 %


published (2010),0.50,2.03,NaN,ST 50 %
published (2010),0.70,1.48,NaN,MM 30-70 %
EOF
cat >"$tmp/threshold-series.gp" <<'EOF'
array series_title[4] = ['ST', 'MM 30-x %', 'MM 40-x %', 'published (2010)']
EOF
cat >"$tmp/tradeoff.csv" <<'EOF'
family,label,energy_kwh_mean,energy_kwh_ci95,sla2010_violation_pct_mean,sla2010_violation_pct_ci95,label_x,label_y,x_lo,x_hi,y_lo,y_hi,short_label,lead_dx,lead_dy
NPA,NPA,9.16,0.12,0.0000,0,8.2,-1.0,0.9,11,-2,10,NPA,NaN,NaN


ST,ST 50 %,2.02,0.01,5.42,0.13,2.3,5.42,0.9,11,-2,10,50 %,NaN,NaN


Placement / fuzzy,"Placement (GA, 60 s)",1.69,0.1,0.69,0.2,1.9,3.69,0.9,11,-2,10,GA,0.1,2.5
EOF
cat >"$tmp/tradeoff-series.gp" <<'EOF'
array series_title[3] = ['NPA', 'ST', 'Placement / fuzzy']
EOF
cat >"$tmp/migrations.csv" <<'EOF'
label,migrations_mean,migrations_ci95,migrations_low,migrations_high,zero_text,zero_y
NPA,NaN,NaN,NaN,NaN,0,2
ST 50 %,33694.0,63.0,33631.0,33757.0,,NaN
"Placement (GA, 60 s)",449.0,178.0,271.0,627.0,,NaN
EOF
cat >"$tmp/days.csv" <<'EOF'
policy,day,day_index,energy_kwh
NPA,20110303,0,597.9
NPA,20110306,1,597.9


"Placement (GA, 4 h)",20110303,0,129.9
"Placement (GA, 4 h)",20110306,1,124.3


DVFS,20110303,0,338.8
DVFS,20110306,1,337.6
EOF
cat >"$tmp/days-series.gp" <<'EOF'
array series_title[3] = ['NPA', 'Placement (GA, 4 h)', 'DVFS']
EOF
cat >"$tmp/power-states-plot.csv" <<'EOF'
# The paper's setup (100 hosts, 290 VMs)
policy,energy_off_pct,energy_sleep_pct,energy_parts_pct,energy_off+parts_pct,slav_cloudsim,slav_off,slav_sleep,slav_parts,slav_off+parts
ST 50 %,4.43,4.33,-5.36,-0.97,4.185e-06,4.185e-06,4.185e-06,4.185e-06,4.185e-06
LR-MMT 1.2,57.28,56.17,-4.45,52.68,2.02e-07,2.174e-06,3.031e-07,2.02e-07,2.174e-06
Placement (GA),15.24,14.88,-5.21,9.96,NaN,3.939e-08,1.304e-08,NaN,3.939e-08


# CloudSim's PlanetLab setup (800 hosts, one VM per trace)
policy,energy_off_pct,energy_sleep_pct,energy_parts_pct,energy_off+parts_pct,slav_cloudsim,slav_off,slav_sleep,slav_parts,slav_off+parts
ST 50 %,5.03,18.42,-4.55,1.16,0.0005177,0.0005438,0.000518,0.0005177,0.0005438
LR-MMT 1.2,90.96,110.47,-3.76,88.33,5.025e-05,3.027e-05,5.674e-05,5.025e-05,3.027e-05
Placement (GA),20.33,19.83,-4.56,15.77,1.515e-08,1.722e-08,1.527e-08,1.515e-08,1.722e-08
EOF
cat >"$tmp/network-plot.csv" <<'EOF'
# The paper's setup (100 hosts, 290 VMs)
policy,migration_off_s,migration_nonblock_s,migration_over4_s,slav_off,slav_nonblock,slav_over4,energy_nonblock_pct,energy_over4_pct
ST 50 %,2.05,6.70,7.87,4.2e-06,6.1e-05,7.2e-05,-0.2,-0.3
MM 40-80 %,2.05,6.46,7.11,2.5e-06,3.0e-05,3.2e-05,0.2,0.3
LR-MMT 1.2,2.05,19.6,19.7,2.0e-07,4.4e-06,4.5e-06,0.3,0.3
DRR 60 s,2.05,44.5,44.5,1.9e-05,4.9e-04,4.9e-04,0.3,0.3


# CloudSim's PlanetLab setup (800 hosts, one VM per trace)
policy,migration_off_s,migration_nonblock_s,migration_over4_s,slav_off,slav_nonblock,slav_over4,energy_nonblock_pct,energy_over4_pct
ST 50 %,19.7,49.6,65.6,5.2e-04,4.0e-03,5.0e-03,2.0,3.1
MM 40-80 %,20.0,50.3,55.0,3.9e-04,2.4e-03,2.6e-03,0.3,0.4
LR-MMT 1.2,14.9,119.8,119.3,5.0e-05,2.5e-03,2.5e-03,9.0,9.2
DRR 60 s,19.9,145.8,147.1,7.1e-06,1.5e-04,1.5e-04,0.1,0.1
EOF
printf 'time_s,active_hosts,power_w,overloaded_hosts,migrations,energy_kwh\n300.1,100,20000,0,0,0\n600.1,90,18000,1,3,1.6\n' \
	>"$tmp/timeline.csv"

# --- render as make plots does, twice ---
for p in energy-vs-threshold:threshold sla-vs-energy:tradeoff migrations:migrations energy-per-day:days \
	active-hosts:timeline power-states:power-states-plot network:network-plot; do
	n=${p%%:*}
	f=${p##*:}
	for ext in png svg pdf; do
		for k in 1 2; do
			"$gp" -e "dir='$src/plots'; data='$tmp/$f.csv'; out='$tmp/$n.$k.$ext'; plot_title='Active hosts: LR, paper setup, day 20110303'" \
				"$src/plots/$n.gp" 2>"$tmp/gp.err" || { bad "gnuplot failed on plots/$n.gp ($ext)"; cat "$tmp/gp.err"; }
		done
		[ -s "$tmp/$n.1.$ext" ] && ok || bad "plots/$n.gp wrote an empty $ext"
		[ "$ext" = pdf ] && continue # cairo writes the creation time into a PDF
		cmp -s "$tmp/$n.1.$ext" "$tmp/$n.2.$ext" && ok || bad "plots/$n.gp: two renderings of the same data differ ($ext)"
	done
	# PNG: the signature
	[ "$(od -A n -t x1 -N 8 "$tmp/$n.1.png" | tr -d ' \n')" = "89504e470d0a1a0a" ] && ok || bad "plots/$n.gp: not a PNG"
done

# --- colours: each titled series of an SVG (gnuplot's <g id="gnuplot_plot_N"><title>...) and its
# first stroke or marker colour; no colour twice in a plot ---
for n in energy-vs-threshold sla-vs-energy energy-per-day; do
	awk '
	/<g id="gnuplot_plot_[0-9]+"/ { inplot = 1; title = ""; colour = "" }
	inplot && /<title>/ { t = $0; sub(/.*<title>/, "", t); sub(/<\/title>.*/, "", t); title = t }
	title ~ /^gnuplot_plot_[0-9]+$/ { title = "" }  # an untitled plot (notitle): gnuplot names it
	inplot && colour == "" && /<(path stroke|use .*color)=.rgb\(/ {
		c = $0; sub(/(stroke|color)=.rgb\(/, "@", c); sub(/^[^@]*@/, "", c); sub(/\).*/, "", c); colour = c
		if (title != "") print colour "\t" title
		inplot = 0
	}' "$tmp/$n.1.svg" >"$tmp/$n.colours"
	case $n in energy-vs-threshold) f=threshold ;; sla-vs-energy) f=tradeoff ;; *) f=days ;; esac
	want=$(sed -n 's/^array series_title\[\([0-9]*\)\].*/\1/p' "$tmp/$f-series.gp")
	got=$(wc -l <"$tmp/$n.colours")
	[ "$got" -eq "$want" ] && ok || { bad "plots/$n.gp: $got titled series in the SVG, $want in its series file"; cat "$tmp/$n.colours"; }
	dup=$(cut -f1 "$tmp/$n.colours" | sort | uniq -d)
	[ -z "$dup" ] && ok || bad "plots/$n.gp: series share a colour: $(grep -F "$dup" "$tmp/$n.colours" | tr '\t\n' ' ;')"
done
# "Placement (GA, 4 h)" whole in the legend, not cut at its comma
grep -q '<title>Placement (GA, 4 h)</title>' "$tmp/energy-per-day.1.svg" && ok ||
	bad "energy-per-day: the legend entry 'Placement (GA, 4 h)' is not whole"
grep -q 'Active hosts: LR, paper setup, day 20110303' "$tmp/active-hosts.1.svg" && ok ||
	bad "active-hosts: plot_title is not the figure's title"
for t in off sleep parts off+parts CloudSim; do
	grep -q "<title>$t</title>" "$tmp/power-states.1.svg" && ok || bad "power-states: no legend entry '$t'"
done
grep -q 'Placement (GA)' "$tmp/power-states.1.svg" && ok || bad "power-states: the policies are not the x labels"
for t in 'network off' non-blocking 4:1; do
	grep -q "<title>$t</title>" "$tmp/network.1.svg" && ok || bad "network: no legend entry '$t'"
done
grep -q 'LR-MMT 1.2' "$tmp/network.1.svg" && ok || bad "network: the policies are not the x labels"
grep -q '>0<' "$tmp/migrations.1.svg" && ok || bad "migrations: no \"0\" written for a policy without migrations"

# --- the palette of common.gp: 16 linetypes, no colour twice ---
colours=$(sed -n "s/^set linetype \([0-9]*\) lc rgb '\(#[0-9A-Fa-f]*\)'.*/\2/p" "$src/plots/common.gp")
[ "$(printf '%s\n' "$colours" | grep -c .)" -eq 16 ] && ok || bad "plots/common.gp: not 16 linetypes with a colour"
[ -z "$(printf '%s\n' "$colours" | tr a-f A-F | sort | uniq -d)" ] && ok || bad "plots/common.gp: a colour twice in the palette"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
