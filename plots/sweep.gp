# A stats column of a greenmig sweep against one of its numeric axes:
#   gnuplot -e "data='sweep.csv'; out='energy.png'; x=2; y='energy_kwh'" plots/sweep.gp
# x: the axis column (a number: 1 for the first axis); y: a stats column, by name.
if (!exists("dir")) dir = 'plots'
load dir.'/common.gp'
if (!exists("x")) x = 1
if (!exists("y")) y = 'energy_kwh'
set title 'greenmig sweep'
unset xlabel
set ylabel y
set key bottom right
set key autotitle columnhead
plot data using x:y with linespoints pointtype 7 title columnhead(x)
