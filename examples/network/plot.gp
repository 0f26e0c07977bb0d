# examples/network/plot.gp: the mean migration time per setup and policy under each network model
# (examples/network/README.md). Run from examples/network after summary.py --plot-data:
#   ./summary.py results.csv --plot-data > plot.dat && gnuplot plot.gp   (writes migration-time.png)
set terminal pngcairo size 900,480 font ",10"
set output "migration-time.png"
set title "Mean live-migration time, ten PlanetLab days (request to landing)"
set ylabel "seconds (log scale)"
set logscale y
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set xtics rotate by -30
set key top left
set grid ytics
plot "plot.dat" using 2:xtic(1) title "off (CloudSim)", \
     "" using 4 title "non-blocking tree", \
     "" using 6 title "4:1 oversubscribed", \
     "" using 8 title "4:1, cap 2 per host"
