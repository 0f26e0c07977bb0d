# Migrations per policy row: results/migrations.csv (label, migrations_mean).
if (!exists("dir")) dir = 'plots'
load dir.'/common.gp'
set title 'VM migrations per run (2010 model, mean of the seeds)'
set ylabel 'migrations'
set logscale y
set style fill solid 0.6
set boxwidth 0.7
set xtics rotate by -45
set key off
plot data using 0:2:xtic(1) with boxes notitle
