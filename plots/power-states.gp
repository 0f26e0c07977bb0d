# What a switched-off host costs (greenmig reproduce --power-states): results/power-states-plot.csv,
# a block per setup (index 0: the paper's 100 hosts, index 1: CloudSim's 800 PlanetLab hosts), a
# row per policy: the energy change against CloudSim's count of four models (%), then the SLAV of
# the five. The models: off (empty hosts shut down, boots cost time and energy), sleep (empty
# hosts suspend to RAM), parts (sub-system power, unused parts powered down), off+parts (both). Top: energy change; bottom: SLAV of CloudSim's model, hosts off and hosts asleep when
# empty (sub-system power-down moves no VM: its SLAV is its base model's).
if (!exists("dir")) dir = 'plots'
width_in = 7
height_in = 5.2
load dir.'/common.gp'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border lc rgb '#333333'
set boxwidth 0.9
set xtics nomirror rotate by 30 right
set multiplot
set key off
# two columns of plots; each row's key above it, centred on the figure
left(s) = s == 0 ? 0.115 : 0.61
do for [s = 0:1] {
	set lmargin at screen left(s)
	set rmargin at screen left(s) + 0.37
	set tmargin at screen 0.875
	set bmargin at screen 0.63
	set title (s == 0 ? 'Paper setup (100 hosts, 290 VMs)' : 'PlanetLab setup (800 hosts)')
	set ylabel 'energy vs CloudSim (%)'
	set xzeroaxis lt -1 lw 0.8
	plot data index s every ::1 using 2:xtic(1) lt 6 title 'off', \
	     '' index s every ::1 using 3 lt 3 title 'sleep', \
	     '' index s every ::1 using 4 lt 4 title 'parts', \
	     '' index s every ::1 using 5 lt 2 title 'off+parts'
}
set logscale y
set format y '10^{%L}'
unset xzeroaxis
do for [s = 0:1] {
	stats data index s every ::1 using 6 nooutput
	lo = STATS_min
	stats data index s every ::1 using 7 nooutput
	lo = STATS_min < lo ? STATS_min : lo
	stats data index s every ::1 using 8 nooutput
	lo = STATS_min < lo ? STATS_min : lo
	set yrange [10 ** floor(log10(lo) - 0.5):*]
	set lmargin at screen left(s)
	set rmargin at screen left(s) + 0.37
	set tmargin at screen 0.375
	set bmargin at screen 0.15
	set title ''
	set ylabel 'SLAV (log scale)'
	plot data index s every ::1 using 6:xtic(1) lt 1 title 'CloudSim', \
	     '' index s every ::1 using 7 lt 6 title 'off', \
	     '' index s every ::1 using 8 lt 3 title 'sleep'
}
# each row's key: a plot of nothing across the figure's width above the row
unset logscale y
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
set key center center horizontal samplen 1.5 width 2
set style fill solid 0.85 border lc rgb '#333333'
do for [row = 0:1] {
	set tmargin at screen (row == 0 ? 0.995 : 0.445)
	set bmargin at screen (row == 0 ? 0.955 : 0.405)
	if (row == 0) {
		plot NaN with boxes lt 6 title 'off', NaN with boxes lt 3 title 'sleep', \
		     NaN with boxes lt 4 title 'parts', NaN with boxes lt 2 title 'off+parts'
	} else {
		plot NaN with boxes lt 1 title 'CloudSim', NaN with boxes lt 6 title 'off', NaN with boxes lt 3 title 'sleep'
	}
}
unset multiplot
set key off
