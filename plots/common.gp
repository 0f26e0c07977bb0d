# Shared settings of the greenmig plot templates. Each template is run as
#   gnuplot -e "data='FILE.csv'; out='FILE.png'" plots/NAME.gp
# (dir='PATH/plots' when run from elsewhere than the source tree)
# (out ending in .svg gives SVG). The templates only read CSV columns: no arithmetic.
if (!exists("data")) data = 'results/threshold.csv'
if (!exists("out")) out = 'plot.png'
if (strstrt(out, '.svg') > 0) {
	set terminal svg size 800,500 dynamic enhanced font 'sans,11'
} else {
	set terminal pngcairo size 800,500 enhanced font 'sans,10'
}
set output out
set datafile separator ','
set datafile missing 'NaN'
set grid
set key outside right top
