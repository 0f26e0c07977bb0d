#!/usr/bin/env python3
# Writes the fixtures of the published-trace readers (tests/data/{bitbrains,azure,alibaba2018,
# google2011}), each in its owner's layout, small enough to check by hand; the expected packed
# values are in tests/check_tracefmt.c beside the tests that read them. Run from the source
# tree's top: python3 tests/data/formats-fixtures.py (gzip files without a time stamp: the
# output is the same on every run).
import gzip
import os

D = 'tests/data'


def w(path, text, gz=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = text.encode()
    with open(path, 'wb') as f:
        f.write(gzip.compress(data, mtime=0) if gz else data)


# --- Bitbrains GWA-T-12: one file per VM, ";" + TAB, "[ms]" holding Unix seconds ---
H = ("Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ];\tCPU usage [%];\t"
     "Memory capacity provisioned [KB];\tMemory usage [KB];\tDisk read throughput [KB/s];\t"
     "Disk write throughput [KB/s];\tNetwork received throughput [KB/s];\tNetwork transmitted throughput [KB/s]\n")
T0 = 1376265600  # 2013-08-12 00:00:00 UTC


def bb(rows):
    out = H
    for row in rows:
        # (time, CPU %) or (time, CPU %, cores, capacity MHz, memory provisioned KB, memory used KB)
        t, pct = row[0], row[1]
        cores, cap, mcap, muse = row[2:] if len(row) > 2 else (1, 2599.998989, '6.7108864E7', '1.23E6')
        try:
            mhz = '%.6f' % (cap * float(pct) / 100)
        except ValueError:
            mhz = '0.0'
        out += "%d;\t%d;\t%s;\t%s;\t%s;\t%s;\t%s;\t0.0;\t2.133333;\t0.266667;\t0.0\n" % (
            t, cores, cap, mhz, pct, mcap, muse)
    return out


# VM 1: slot 3 empty (filled), two samples in slot 5, a row past a 1800 s window; 2 cores of
# 2600 MHz and 4 GB: memory 10 %, 25 %, (capacity 0: skipped), 70 %, 119.2 % (clipped), 50 %
G4 = 4194304
w(D + '/bitbrains/fastStorage/2013-8/1.csv',
  bb([(T0 + 46, '10.5', 2, 5200, G4, 419430.4), (T0 + 346, '20.25', 2, 5200, G4, 1048576),
      (T0 + 646, '30', 2, 5200, 0, 0), (T0 + 1246, '40.4', 2, 5200, G4, 2936012.8),
      (T0 + 1546, '12.5', 2, 5200, G4, 5000000), (T0 + 1700, '13.5', 2, 5200, G4, 2097152),
      (T0 + 1846, '99', 4, 9999, 2 * G4, 0)]))
# VM 2: a value above 100 (clipped), an exponent form
w(D + '/bitbrains/fastStorage/2013-8/2.csv',
  bb([(T0 + 47, '5'), (T0 + 347, '7.5'), (T0 + 647, '99.4'), (T0 + 947, '120'), (T0 + 1247, '0'),
      (T0 + 1547, '5.05E1')]))
# VM 3: three empty slots in a row (900-1800 s): does not cover a 1800 s window
w(D + '/bitbrains/fastStorage/2013-8/3.csv', bb([(T0 + 45, '1'), (T0 + 345, '2'), (T0 + 645, '3')]))
w(D + '/bitbrains/bad/sep.csv', H.replace(';\t', ',') + "%d,1,2599.998989,100,3.8,6.7E7,1.2E6,0,0,0,0\n" % (T0 + 46))
w(D + '/bitbrains/bad/column.csv',
  H.replace('CPU usage [%];\t', '') + "%d;\t1;\t2599.998989;\t100;\t6.7E7;\t1.2E6;\t0;\t0;\t0;\t0\n" % (T0 + 46))
w(D + '/bitbrains/bad/number.csv', bb([(T0 + 46, '12,5'), (T0 + 346, '7')]))
w(D + '/bitbrains/bad/backwards.csv', bb([(T0 + 346, '1'), (T0 + 46, '2')]))
w(D + '/bitbrains/bad/millis.csv', bb([(T0 * 1000 + 46000, '1')]))
w(D + '/bitbrains/bad/memory.csv', bb([(T0 + 46, '1', 1, 2600, 4194304, '-5'), (T0 + 346, '1', 1, 2600, 4194304, '1e3x')]))

# --- Azure V1/V2: vmtable and readings shards, gzip CSV without a header ---
A = '+ZcrOp5/c/fJ6mVgP5qMZlOAGDwyjaaDNM0WoWOt2IDb47gT0UwK9lFwkPQv3C7Q'
B = 'aW5B0LXjWtRBkWgdX9xL6bzn8sQxHUapq3mZ1+Zt5ZmOQ1LQ/6yv9HMSbWcZ6/pF'
C = 'C0000000000000000000000000000000000000000000000000000000000000='
E = 'D0000000000000000000000000000000000000000000000000000000000000='
S = 'VDU7zNpTmcqmyMVWfwW8NE4DpZGRNh/CxzNkmDgUI2U='
DEP = 'Pc2VLB8aDxK2DCC96itq4vW/zVDp2dioqxGBWU2gGk6p4Xa5pXR7Pa3+i7NDsJuX8yd2c8pTiOVlRnk/KIIe6A=='
# A and B alive all month (B: V2 buckets, V1's "Unkown"); C created at 600 s; E deleted at 900 s
w(D + '/azure/vmtable/vmtable.csv.gz',
  f"{A},{S},{DEP},0,2591700,99.369869,3.424094,10.194309,Delay-insensitive,1,0.75\n"
  f"{B},{S},{DEP},0,2591700,85.5,30.1,70.2,Unkown,>24,>64\n"
  f"{C},{S},{DEP},600,2591700,10,1,5,Interactive,2,4\n"
  f"{E},{S},{DEP},0,900,10,1,5,Unknown,2,4\n", True)
w(D + '/azure/vm_cpu_readings/vm_cpu_readings-file-1-of-2.csv.gz',
  f"0,{A},2.052803,13.911587,12.3\n0,{B},1,2,1.5\n0,{C},1,2,1\n0,{E},1,2,1\n300,{A},1,50,45.6\n300,{B},1,3,2.5\n"
  f"300,{C},1,2,1\n600,{B},1,4,3.5\n600,{C},1,2,1\n900,{A},1,9,7.49\n900,{B},1,5,4.4\n", True)
w(D + '/azure/vm_cpu_readings/vm_cpu_readings-file-2-of-2.csv.gz',
  f"1200,{A},90,100.2,100.2\n1200,{B},50,70,60\n1500,{A},30,40,33.5\n1500,{B},60,75,70\n1500,{B},70,85,80\n"
  f"1800,{A},1,2,99\n", True)
vt = f"{A},{S},{DEP},0,2591700,99.3,3.4,10.1,Delay-insensitive,1,0.75\n"
bad_azure = {
    'bad-unknown': f"0,{A},1,2,1.5\n0,{B},1,2,1.5\n",
    'bad-number': f"0,{A},1,2,1.5x\n",
    'bad-backwards': f"300,{A},1,2,1.5\n0,{A},1,2,1.5\n",
    'bad-grid': f"0,{A},1,2,1.5\n301,{A},1,2,1.5\n",
    'bad-separator': f"0;{A};1;2;1.5\n",
}
for name, readings in bad_azure.items():
    w(D + f'/azure/{name}/vmtable.csv', vt)
    w(D + f'/azure/{name}/vm_cpu_readings-file-1-of-1.csv', readings)
w(D + '/azure/bad-column/vmtable.csv', f"{A},{S},{DEP},0,2591700,99.3,3.4,10.1,Delay-insensitive,1\n")
w(D + '/azure/bad-column/vm_cpu_readings-file-1-of-1.csv', f"0,{A},1,2,1.5\n")

# --- Alibaba cluster-trace-v2018: container_meta and container_usage as extracted, no header ---
U = ",40,1.2,3.4,1,5.1,5.2,1\n"
w(D + '/alibaba2018/container_meta.csv',
  "c_1,m_1,0,app_5052,started,400,400,1.56\nc_2,m_2,0,app_17,started,100,100,0.39\n"
  "\"c_2\",m_2,500000,\"app_17\",stopped,100,100,0.39\n")  # quoted: read by libcsv itself
w(D + '/alibaba2018/container_usage.csv',
  "c_1,m_1,86390,99" + U + "c_1,m_1,86400,10" + U + "c_2,m_2,86400,50,40,,,,,,\n" + "c_1,m_1,86411,20" + U +
  "c_1,m_1,86420,-1" + U + "c_1,m_1,86690,30" + U + "c_1,m_1,86700,101" + U + "c_1,m_1,86709,55" + U +
  "c_1,m_1,87000,7" + U + "c_2,m_2,87001,60" + U + "c_1,m_1,87290,8" + U + "c_2,m_2,87299,61" + U +
  "c_1,m_1,87300,77" + U)
M1 = "c_1,m_1,0,app_1,started,400,400,1.56\n"
bad_alibaba = {
    'bad-unknown': (M1, "c_1,m_1,86400,10" + U + "c_9,m_1,86400,10" + U),
    'bad-backwards': (M1, "c_1,m_1,86410,10" + U + "c_1,m_1,86400,10" + U),
    'bad-number': ("c_1,m_1,0,app_1,started,4x0,400,1.56\n", "c_1,m_1,86400,10" + U),
    'bad-column': (M1, "c_1,m_1,86400,10,40,1.2,3.4,1,5.1,5.2\n"),
}
for name, (meta, usage) in bad_alibaba.items():
    w(D + f'/alibaba2018/{name}/container_meta.csv', meta)
    w(D + f'/alibaba2018/{name}/container_usage.csv', usage)

# --- Google clusterdata-2011-2: task_events and task_usage parts, gzip CSV, microseconds ---
w(D + '/google2011/task_events/part-00000-of-00001.csv.gz',
  "0,,6253771429,0,,0,u1,2,9,0.5,0.1,0.0001,0\n"
  "0,,6253771429,0,4155527081,1,u1,2,9,0.5,0.1,0.0001,0\n"
  "0,,6253771429,1,,0,u1,2,9,0.25,0.1,0.0001,0\n"
  "0,,6253771429,1,4155527081,1,u1,2,9,,0.1,0.0001,0\n"
  "0,,12,34,,0,u2,0,0,0.125,0.1,0.0001,0\n"
  "0,,12,34,17,1,u2,0,0,0.125,0.1,0.0001,0\n"
  "0,,123,4,,0,u3,0,0,,,,\n"
  "0,,123,4,17,1,u3,0,0,,,,\n"
  "0,,7,0,,0,u3,0,0,0.5,,,\n"
  "700000000,,7,0,17,1,u3,0,0,0.5,,,\n"
  "1000000000,,12,34,17,4,u2,0,0,,,,\n", True)


def ur(s, e, job, idx, rate, mem='0.06787'):
    return (f"{s},{e},{job},{idx},4155527081,{rate},{mem},0.07568,0.001156,0.001503,0.06787,2.861e-06,"
            "0.0001869,0.03967,0.0003567,2.445,0.007243,0,1,0\n")


J = 6253771429
w(D + '/google2011/task_usage/part-00000-of-00001.csv.gz',
  ur(300000000, 600000000, J, 0, '0.9') + ur(600000000, 900000000, J, 0, '0.1', '0.05') +
  ur(600000000, 1050000000, J, 1, '0.05') + ur(900000000, 1050000000, J, 0, '0.2', '0.02') +
  ur(1050000000, 1200000000, J, 0, '0.3', '0.04') + ur(1050000000, 1200000000, J, 1, '0.1') +
  ur(1200000000, 1500000000, J, 0, '', '0.15') + ur(1200000000, 1500000000, J, 1, '0.3') +
  ur(1200000000, 1500000000, 99, 0, '0.3') + ur(1500000000, 1800000000, J, 0, '0.9'), True)
EV = "0,,1,0,,0,u,0,9,0.5,0.25,,\n0,,1,0,1,1,u,0,9,0.5,0.25,,\n"
bad_google = {
    'bad-backwards': ("5,,1,0,,0,u,0,9,0.5,,,\n4,,1,0,1,1,u,0,9,0.5,,,\n", ur(600000000, 900000000, 1, 0, '0.1')),
    'bad-end': (EV, ur(900000000, 600000000, 1, 0, '0.1')),
    'bad-number': (EV, ur(600000000, 900000000, 1, 0, '0.1.2')),
    'bad-column': ("0,,1,0,,0,u,0,9,0.5,,\n", ur(600000000, 900000000, 1, 0, '0.1')),
}
for name, (events, usage) in bad_google.items():
    w(D + f'/google2011/{name}/task_events/part-00000-of-00001.csv', events)
    w(D + f'/google2011/{name}/task_usage/part-00000-of-00001.csv', usage)
