# Live migration over a shared network (greenmig reproduce --network): results/network-plot.csv,
# a block per setup (index 0: the paper's 100 hosts, index 1: CloudSim's 800 PlanetLab hosts), a
# row per policy (ST, MM, LR-MMT, DRR): the mean migration time (request to landing, s) with the
# network off (CloudSim's rule), non-blocking and 4:1 oversubscribed, their SLAV, then the energy
# change of nonblock and over4 against off (%). Top: migration time (log scale); middle: SLAV (log
# scale); bottom: energy change.
if (!exists("dir")) dir = 'plots'
width_in = 7
height_in = 6.4
load dir.'/common.gp'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border lc rgb '#333333'
set boxwidth 0.9
set xtics nomirror rotate by 20 right
set multiplot
set key off
left(s) = s == 0 ? 0.115 : 0.61
# rows: top of each plot area and its bottom, in screen fractions
row_t(r) = r == 0 ? 0.905 : (r == 1 ? 0.6 : 0.295)
row_b(r) = r == 0 ? 0.69 : (r == 1 ? 0.385 : 0.08)
set logscale y
set format y '10^{%L}'
do for [s = 0:1] {
	set lmargin at screen left(s)
	set rmargin at screen left(s) + 0.37
	set tmargin at screen row_t(0)
	set bmargin at screen row_b(0)
	set title (s == 0 ? 'Paper setup (100 hosts, 290 VMs)' : 'PlanetLab setup (800 hosts)')
	set ylabel 'mean migration (s)'
	plot data index s every ::1 using 2:xtic(1) lt 1 title 'off', \
	     '' index s every ::1 using 3 lt 3 title 'non-blocking', \
	     '' index s every ::1 using 4 lt 6 title '4:1'
}
do for [s = 0:1] {
	stats data index s every ::1 using 5 nooutput
	lo = STATS_min
	set yrange [10 ** floor(log10(lo) - 0.5):*]
	set lmargin at screen left(s)
	set rmargin at screen left(s) + 0.37
	set tmargin at screen row_t(1)
	set bmargin at screen row_b(1)
	set title ''
	set ylabel 'SLAV (log scale)'
	plot data index s every ::1 using 5:xtic(1) lt 1 title 'off', \
	     '' index s every ::1 using 6 lt 3 title 'non-blocking', \
	     '' index s every ::1 using 7 lt 6 title '4:1'
}
unset logscale y
set format y '%g'
set yrange [*:*]
set offsets 0, 0, graph 0.08, graph 0.08
set xzeroaxis lt -1 lw 0.8
do for [s = 0:1] {
	set lmargin at screen left(s)
	set rmargin at screen left(s) + 0.37
	set tmargin at screen row_t(2)
	set bmargin at screen row_b(2)
	set ylabel 'energy vs off (%)'
	plot data index s every ::1 using 8:xtic(1) lt 3 title 'non-blocking', \
	     '' index s every ::1 using 9 lt 6 title '4:1'
}
# the key: a plot of nothing across the figure's width above the top row
set offsets 0, 0, 0, 0
unset xzeroaxis
unset title
unset xlabel
unset ylabel
unset border
unset tics
unset grid
set xrange [0:1]
set yrange [0:1]
set lmargin at screen 0.05
set rmargin at screen 0.95
set tmargin at screen 0.995
set bmargin at screen 0.96
set key center center horizontal maxrows 1 samplen 1.5 width 2
plot NaN with boxes lt 1 title 'network off', NaN with boxes lt 3 title 'non-blocking', \
     NaN with boxes lt 6 title '4:1'
unset multiplot
set key off
