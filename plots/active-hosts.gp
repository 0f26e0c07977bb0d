# Active hosts over a day: a --timeline CSV (time_s, active_hosts, power_w, ...) of greenmig run.
# plot_title names the run (make plots passes its policy, setup and day).
if (!exists("dir")) dir = 'plots'
width_in = 3.5
height_in = 2.4
load dir.'/common.gp'
if (!exists("plot_title")) plot_title = 'Active hosts over the day'
set title plot_title
set xlabel 'time of day (s)'
set ylabel 'active hosts'
set xtics 21600
set key off
plot data skip 1 using 1:2 with lines lt 5 notitle
