# Shared settings of the greenmig plot templates. Each template is run as
#   gnuplot -e "data='FILE.csv'; out='FILE.png'" plots/NAME.gp
# (dir='PATH/plots' when run from elsewhere than the source tree; out ending in .svg gives SVG,
# .pdf PDF, anything else PNG). The templates only select CSV columns: every number, interval,
# label position and axis range they draw is computed by greenmig.
#
# Print size: a template sets width_in x height_in before loading this file (3.5 in: one journal
# column; 7 in: two), and text is 8 pt at that size in every format: PDF in inches, PNG at
# 300 pixels per inch, SVG at 96 pixels per inch.
if (!exists("data")) data = 'results/threshold.csv'
if (!exists("out")) out = 'plot.png'
if (!exists("width_in")) width_in = 3.5
if (!exists("height_in")) height_in = 2.6
if (strstrt(out, '.svg') > 0) {
	set terminal svg size width_in * 96, height_in * 96 dynamic enhanced font 'sans,10.67' linewidth 1.33 background '#ffffff'
} else {
	if (strstrt(out, '.pdf') > 0) {
		set terminal pdfcairo size width_in, height_in enhanced font 'sans,8' linewidth 1
	} else {
		set terminal pngcairo size width_in * 300, height_in * 300 enhanced font 'sans,8' fontscale 300 / 72.0 linewidth 300 / 72.0 pointscale 300 / 72.0 background '#ffffff'
	}
}
set output out
set datafile separator ','
set datafile missing 'NaN'
set grid lc rgb '#dddddd' lw 0.5
set border lw 0.8
set key noautotitle
set key samplen 2 spacing 1
set pointsize 0.6
set bars small
# A series' title comes from NAME-series.gp beside NAME.csv (greenmig reproduce writes it): the
# CSV headers are quoted correctly, but gnuplot 5.4 cuts a quoted header at its commas.
series = data[1:strlen(data) - 4].'-series.gp'

# The palette: series i is linetype i, no colour twice among the first 16. Okabe and Ito's
# colour-blind-safe colours first (yellow last of them: faint on white), then eight more of Paul
# Tol's, each also with its own dash pattern and marker.
set linetype 1 lc rgb '#000000' lw 1.2 dt 1 pt 7
set linetype 2 lc rgb '#E69F00' lw 1.2 dt 1 pt 5
set linetype 3 lc rgb '#56B4E9' lw 1.2 dt 1 pt 9
set linetype 4 lc rgb '#009E73' lw 1.2 dt 1 pt 11
set linetype 5 lc rgb '#0072B2' lw 1.2 dt 1 pt 13
set linetype 6 lc rgb '#D55E00' lw 1.2 dt 1 pt 15
set linetype 7 lc rgb '#CC79A7' lw 1.2 dt 1 pt 4
set linetype 8 lc rgb '#F0E442' lw 1.2 dt 1 pt 6
set linetype 9 lc rgb '#882255' lw 1.2 dt 2 pt 8
set linetype 10 lc rgb '#999933' lw 1.2 dt 3 pt 10
set linetype 11 lc rgb '#332288' lw 1.2 dt 4 pt 12
set linetype 12 lc rgb '#888888' lw 1.2 dt 5 pt 14
set linetype 13 lc rgb '#44AA99' lw 1.2 dt 2 pt 1
set linetype 14 lc rgb '#AA4499' lw 1.2 dt 3 pt 2
set linetype 15 lc rgb '#661100' lw 1.2 dt 4 pt 3
set linetype 16 lc rgb '#6699CC' lw 1.2 dt 5 pt 12
set linetype cycle 16
