# Energy against threshold in the 2010 model: results/threshold.csv (greenmig reproduce), one
# block per line (ST; MM at each lower threshold, x its upper one) with the 95 % interval over the
# seeds, then the 2010 paper's published points (the last block). Titles: threshold-series.gp.
if (!exists("dir")) dir = 'plots'
width_in = 5
height_in = 3
load dir.'/common.gp'
load series
NB = |series_title|
set title 'Energy against threshold (2010 model)'
set xlabel 'threshold (ST) / upper threshold x (MM)'
set ylabel 'energy (kWh)'
set xtics 0.1
set xrange [0.35:1.05]
set key inside top center vertical maxrows 4 Left reverse width 0
# room above the lines for the key
set offsets 0, 0, graph 0.6, 0
plot for [i=1:NB-1] data skip 1 index (i - 1) using 2:3:4 with yerrorlines lt (i + 1) title series_title[i], \
     data skip 1 index (NB - 1) using 2:3 with points lt 1 pt 6 ps 1.4 lw 1.5 title series_title[NB]
