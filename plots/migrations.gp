# Migrations per row of Table 1 in the 2010 model (mean of the seeds, 95 % interval):
# results/migrations.csv (label, migrations_mean, migrations_ci95, migrations_low, migrations_high,
# zero_text, zero_y). A log scale shows no bar for 0: zero_text ("0") is written at zero_y.
if (!exists("dir")) dir = 'plots'
width_in = 7
height_in = 3.6
load dir.'/common.gp'
set title 'VM migrations per run (2010 model, mean of the seeds)'
set ylabel 'migrations (log scale)'
set logscale y
set yrange [1:*]
set style fill solid 0.7 border lc rgb '#333333'
set boxwidth 0.7
set xtics rotate by 45 right nomirror
set xrange [-0.7:*]
set offsets 0, 0.7, 0, 0
set key off
plot data skip 1 using 0:2:xtic(1) with boxes lt 5 notitle, \
     data skip 1 using 0:2:4:5 with yerrorbars lt 1 ps 0 notitle, \
     data skip 1 using 0:7:6 with labels notitle
