/*
 * config_keys_types: the keys of the [host.NAME] and [vm.NAME] sections, declared once as
 * config_keys.c declares the others; each new host or VM type starts from their defaults
 * (config_keys.c's host_type_get and vm_type_get).
 */
#include "config.h"
#include "config_internal.h"
#include "config_keytab.h"

/* [host.NAME]: a new host type starts from these defaults. */
const struct config_key config_host_keys[] = {
	{ K("host.NAME", "pes"), INT(1, 4096, "a positive integer"), HOST(pes), .def = "1",
	  .doc = "Processing elements (cores)." },
	{ K("host.NAME", "mips"), DBL_OPEN(0, 1e12, "a positive number (MIPS per PE)"), HOST(mips),
	  .def_text = "required", .doc = "MIPS per PE." },
	{ K("host.NAME", "ram_mb"), INT(0, 1000000000000LL, "an integer >= 0"), HOST(ram_mb), .def = "4096",
	  .doc = "RAM in MB." },
	{ K("host.NAME", "bw"), INT(0, 1000000000000LL, "an integer >= 0"), HOST(bw), .def = "1000000",
	  .doc = "Bandwidth (CloudSim's units, Mbit/s in its examples)." },
	{ K("host.NAME", "storage_mb"), INT(0, 1000000000000LL, "an integer >= 0"), HOST(storage_mb),
	  .def = "1000000", .doc = "Storage in MB." },
	{ K("host.NAME", "power"), NAME, HOST(power), .set = config_set_power, .def_text = "required",
	  .doc = "The power model." },
	{ K("host.NAME", "power_max_w"), DBL_OPEN(0, 1e9, "a positive number of watts"), HOST(power_max_w),
	  .def_text = "none", .doc = "Watts at 100 %, for the analytic power models (required by them)." },
	{ K("host.NAME", "power_static_share"), DBL(0, 1, "a fraction between 0 and 1"),
	  HOST(power_static_share), .def = "0.7",
	  .doc = "The analytic models' idle power as a share of power_max_w." },
	{ K("host.NAME", "boot_s"), DBL(0, 1e9, WAIT), HOST(states.boot_s), .def = "0",
	  .doc = "[power] states: seconds from off to on (0: at once, as CloudSim)." },
	{ K("host.NAME", "boot_w"), DBL(0, 1e9, WATTS), HOST(states.boot_w), .def = "0",
	  .doc = "Watts while booting." },
	{ K("host.NAME", "shutdown_s"), DBL(0, 1e9, WAIT), HOST(states.shutdown_s), .def = "0",
	  .doc = "Seconds from on to off." },
	{ K("host.NAME", "shutdown_w"), DBL(0, 1e9, WATTS), HOST(states.shutdown_w), .def = "0",
	  .doc = "Watts while shutting down." },
	{ K("host.NAME", "off_w"), DBL(0, 1e9, WATTS), HOST(states.off_w), .def = "0",
	  .doc = "Watts when off (the standby rail: BMC, wake-on-LAN)." },
	{ K("host.NAME", "suspend_s"), DBL(0, 1e9, WAIT), HOST(states.suspend_s), .def = "0",
	  .doc = "Seconds from on to asleep (suspend to RAM)." },
	{ K("host.NAME", "suspend_w"), DBL(0, 1e9, WATTS), HOST(states.suspend_w), .def = "0",
	  .doc = "Watts while suspending." },
	{ K("host.NAME", "sleep_w"), DBL(0, 1e9, WATTS), HOST(states.sleep_w), .def = "0",
	  .doc = "Watts when asleep." },
	{ K("host.NAME", "wake_s"), DBL(0, 1e9, WAIT), HOST(states.wake_s), .def = "0",
	  .doc = "Seconds from asleep to on." },
	{ K("host.NAME", "wake_w"), DBL(0, 1e9, WATTS), HOST(states.wake_w), .def = "0",
	  .doc = "Watts while waking." },
	{ K("host.NAME", "psu_efficiency"), DBL_OPEN(0, 1, "an efficiency in (0, 1]"),
	  HOST(parts.psu_efficiency), .def = "0.8",
	  .doc = "[power] parts: DC watts per wall watt (80 PLUS minimum)." },
	{ K("host.NAME", "platform_w"), DBL(0, 1e9, WATTS), HOST(parts.platform_w), .def = "35",
	  .doc = "DC watts of board, chipset and fans." },
	{ K("host.NAME", "mem_gb"), DBL(-1, 1e9, "a number of GB >= 0 (-1: ram_mb / 1024)"),
	  HOST(parts.mem_gb), .def = "-1", .def_text = "ram_mb / 1024", .doc = "Populated DRAM in GB." },
	{ K("host.NAME", "mem_w_per_gb"), DBL(0, 1e9, WATTS), HOST(parts.mem_w_per_gb), .def = "1.275",
	  .doc = "DC watts per GB of active or idle DRAM." },
	{ K("host.NAME", "mem_sr_w_per_gb"), DBL(0, 1e9, WATTS), HOST(parts.mem_sr_w_per_gb),
	  .def = "0.1275", .doc = "DC watts per GB of DRAM in self-refresh." },
	{ K("host.NAME", "mem_rank_gb"), DBL_OPEN(0, 1e9, "a positive number of GB"), HOST(parts.mem_rank_gb),
	  .def = "1", .doc = "DRAM is powered down in ranks of this size." },
	{ K("host.NAME", "mem_os_gb"), DBL(0, 1e9, "a number of GB >= 0"), HOST(parts.mem_os_gb),
	  .def = "0.5", .doc = "DRAM the OS and hypervisor keep active." },
	{ K("host.NAME", "disks"), INT(0, 1000, "an integer >= 0"), HOST(parts.disks), .def = "1",
	  .doc = "Local disks." },
	{ K("host.NAME", "disk_idle_w"), DBL(0, 1e9, WATTS), HOST(parts.disk_idle_w), .def = "7.5",
	  .doc = "DC watts of a spinning idle disk." },
	{ K("host.NAME", "disk_standby_w"), DBL(0, 1e9, WATTS), HOST(parts.disk_standby_w), .def = "1",
	  .doc = "DC watts of a disk in standby." },
	{ K("host.NAME", "nic_ports"), INT(0, 1000, "an integer >= 0"), HOST(parts.nic_ports), .def = "1",
	  .doc = "NIC ports." },
	{ K("host.NAME", "nic_w"), DBL(0, 1e9, WATTS), HOST(parts.nic_w), .def = "0.535",
	  .doc = "DC watts of an active NIC port." },
	{ K("host.NAME", "nic_lpi_w"), DBL(0, 1e9, WATTS), HOST(parts.nic_lpi_w), .def = "0.152",
	  .doc = "DC watts of a NIC port in low-power idle (IEEE 802.3az)." },
};

/* [vm.NAME]: a new VM type starts from these defaults. */
const struct config_key config_vm_keys[] = {
	{ K("vm.NAME", "mips"), DBL_OPEN(0, 1e12, "a positive number (MIPS per PE)"), VMT(mips),
	  .def_text = "required", .doc = "MIPS per PE." },
	{ K("vm.NAME", "pes"), INT(1, 4096, "a positive integer"), VMT(pes), .def = "1",
	  .doc = "Processing elements." },
	/* -1: required (config_validate says so) */
	{ K("vm.NAME", "ram_mb"), INT(0, 1000000000000LL, "an integer >= 0"), VMT(ram_mb), .def = "-1",
	  .def_text = "required", .doc = "RAM in MB." },
	{ K("vm.NAME", "bw"), INT(0, 1000000000000LL, "an integer >= 0"), VMT(bw), .def = "100000",
	  .doc = "Bandwidth." },
	{ K("vm.NAME", "size_mb"), INT(0, 1000000000000LL, "an integer >= 0"), VMT(size_mb), .def = "2500",
	  .doc = "Image size in MB." },
	/* -1: [migration] dirty_pages_per_s */
	{ K("vm.NAME", "dirty_pages_per_s"), DBL(0, 1e12, PAGES), VMT(dirty_pages_per_s), .def = "-1",
	  .def_text = "[migration] dirty_pages_per_s", .doc = "The type's page dirty rate under precopy." },
};

const size_t config_n_host_keys = sizeof config_host_keys / sizeof config_host_keys[0];
const size_t config_n_vm_keys = sizeof config_vm_keys / sizeof config_vm_keys[0];
