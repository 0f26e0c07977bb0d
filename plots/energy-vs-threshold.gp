# Energy against threshold per policy: results/threshold.csv (greenmig reproduce): threshold,
# then one column per policy (ST: its threshold; MM: its upper threshold).
if (!exists("dir")) dir = 'plots'
load dir.'/common.gp'
set title 'Energy against threshold (2010 model, mean of the seeds)'
set xlabel 'utilization threshold (ST) / upper threshold (MM)'
set ylabel 'energy (kWh)'
plot for [i=2:3] data using 1:i with linespoints pointtype 7 title columnhead(i)
