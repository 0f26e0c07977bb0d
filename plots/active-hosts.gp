# Active hosts over a day: a --timeline CSV (time_s, active_hosts, power_w, ...) of greenmig run.
# plot_title names the run (make plots passes its policy, setup and day; ' | ' breaks the line).
if (!exists("dir")) dir = 'plots'
width_in = 3.5
height_in = 2.4
load dir.'/common.gp'
if (!exists("plot_title")) plot_title = 'Active hosts over the day'
# ' | ' in plot_title breaks the line: a run's full name is too long for one at a column's width
cut = strstrt(plot_title, ' | ')
if (cut > 0) plot_title = plot_title[1:cut - 1]."\n".plot_title[cut + 3:]
set title plot_title
set xlabel 'time of day'
set ylabel 'active hosts'
# the timeline's times are seconds; the ticks name the hours
set xtics ('0 h' 0, '6 h' 21600, '12 h' 43200, '18 h' 64800, '24 h' 86400)
set xrange [0:86400]
set ytics 20
set yrange [0:*]
set key off
plot data skip 1 using 1:2 with lines lt 5 notitle
