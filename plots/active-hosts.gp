# Active hosts over a day: a --timeline CSV (time_s, active_hosts, power_w, ...) of greenmig run.
if (!exists("dir")) dir = 'plots'
load dir.'/common.gp'
set title 'Active hosts over the day'
set xlabel 'time (s)'
set ylabel 'active hosts'
set key off
plot data using 1:2 with lines linewidth 2 notitle
