# Energy per shipped day and policy: results/days.csv (day, then one column per policy row).
if (!exists("dir")) dir = 'plots'
load dir.'/common.gp'
set title 'Energy per day (PlanetLab paper setup)'
set ylabel 'energy (kWh)'
set xtics rotate by -45
stats data skip 1 nooutput
plot for [i=2:STATS_columns] data using i:xtic(1) with linespoints pointtype 7 title columnhead(i)
