# The trade-off the seed paper discusses: SLA violation against energy in the 2010 model, one
# point per row of Table 1 with its 95 % intervals, one colour and marker per policy family (a
# block of results/tradeoff.csv each; titles: tradeoff-series.gp). greenmig places the labels
# (label_x, label_y) so that they do not overlap, for this size and these axis ranges; a label it
# had to put away from its point has a leader line (lead_dx, lead_dy: NaN for none).
if (!exists("dir")) dir = 'plots'
width_in = 7
height_in = 3
load dir.'/common.gp'
load series
NB = |series_title|
stats data using 'x_lo' nooutput
x_lo = STATS_min
stats data using 'x_hi' nooutput
x_hi = STATS_max
stats data using 'y_lo' nooutput
y_lo = STATS_min
stats data using 'y_hi' nooutput
y_hi = STATS_max
set title 'SLA violation against energy (2010 model; labels: the thresholds, R or the controller)'
set xlabel 'energy (kWh, log scale)'
set ylabel 'SLA violation (% of samples)'
set logscale x
set xrange [x_lo:x_hi]
set yrange [y_lo:y_hi]
set xtics (1, 1.5, 2, 3, 4, 5, 7, 10)
set key inside top right
plot for [i=1:NB] data skip 1 index (i - 1) using 3:5:4:6 with xyerrorbars lt i ps 1 title series_title[i], \
     data skip 1 using 3:5:14:15 with vectors nohead lc rgb '#777777' lw 0.5 notitle, \
     data skip 1 using 7:8:13 with labels notitle
