# Energy per shipped day and policy on the PlanetLab paper setup: results/days.csv, one block per
# policy row (policy, day, day_index, energy_kwh); titles: days-series.gp.
if (!exists("dir")) dir = 'plots'
width_in = 7
height_in = 3.2
load dir.'/common.gp'
load series
NB = |series_title|
set title 'Energy per day (PlanetLab paper setup: 100 hosts, 290 VMs)'
set xlabel 'PlanetLab trace day'
set ylabel 'energy (kWh)'
set xtics rotate by 45 right
set key outside right top vertical Left reverse
set offsets 0.3, 0.3, 0, 0
plot for [i=1:NB] data skip 1 index (i - 1) using 3:4:xtic(2) with linespoints lt i title series_title[i]
