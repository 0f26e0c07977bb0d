# The trade-off the seed paper discusses: SLA violation against energy, one point per policy row:
# results/tradeoff.csv (label, energy_kwh_mean, sla2010_violation_pct_mean).
if (!exists("dir")) dir = 'plots'
load dir.'/common.gp'
set title 'SLA violation against energy (2010 model, mean of the seeds)'
set xlabel 'energy (kWh)'
set ylabel 'SLA violation (% of samples)'
set key off
plot data using 2:3 with points pointtype 7 pointsize 1.2 notitle, \
     data using 2:3:1 with labels offset 0,0.8 font ',8' notitle
