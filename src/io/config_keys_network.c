/*
 * config_keys_network: the keys of the [network] section (doc/network.md), declared once as
 * config_keys.c declares the others, with config_keytab.h's shorthand (config_keys.c's table
 * lookup and defaults take this table for the section "network").
 */
#include "config.h"
#include "config_internal.h"

#include "config_keytab.h"

_Static_assert(sizeof(enum net_topology) == sizeof(int), "enum fields are int-sized");
_Static_assert(sizeof(enum net_target) == sizeof(int), "enum fields are int-sized");

const struct config_key config_net_keys[] = {
	{ K("network", "topology"), .type = KEY_ENUM, .words = "none|tree|fattree|leafspine", .noun = "a topology",
	  EXP(network.params.topology), .has_line = true, .line_off = offsetof(struct experiment, network.line),
	  .def = "none",
	  .doc = "none: CloudSim's migrations (RAM over half the target's bandwidth, as if alone on the "
		 "network). tree: hosts in racks of hosts_per_rack under top-of-rack switches, racks in "
		 "pods of racks_per_pod under aggregation switches, pods under a core switch. fattree: a "
		 "k-ary fat-tree (fattree_k), non-blocking. leafspine: racks (leaves) of hosts_per_rack "
		 "under spines spine switches. Migrations then share the links max-min fairly." },
	{ K("network", "hosts_per_rack"), INT(1, 1000000, "a positive integer"), EXP(network.params.hosts_per_rack),
	  .def = "40", .doc = "tree, leafspine: hosts per rack, in host id order." },
	{ K("network", "racks_per_pod"), INT(0, 1000000, "an integer >= 0"), EXP(network.params.racks_per_pod),
	  .def = "0", .doc = "tree: racks per aggregation switch; 0: one over every rack (no core tier)." },
	{ K("network", "fattree_k"), INT(2, 1000, "an even integer from 2 to 1000"), EXP(network.params.fattree_k),
	  .def = "16", .doc = "fattree: the switches' port count k (k^3 / 4 hosts at most)." },
	{ K("network", "spines"), INT(1, 100000, "a positive integer"), EXP(network.params.spines), .def = "4",
	  .doc = "leafspine: spine switches (each leaf has an uplink to each; for the switch energy)." },
	{ K("network", "oversubscription"), DBL(1, 1e6, "a ratio >= 1"), EXP(network.params.oversubscription),
	  .def = "1", .doc = "tree, leafspine: a rack's host links over its uplink (1: non-blocking; 4: "
			     "4:1)." },
	{ K("network", "core_oversubscription"), DBL(1, 1e6, "a ratio >= 1"), EXP(network.params.core_oversubscription),
	  .def = "1", .doc = "tree: a pod's rack uplinks over its core uplink." },
	{ K("network", "migration_share"), DBL_OPEN(0, 1, "a share in (0, 1]"), EXP(network.migration_share), .def = "0.5",
	  .doc = "The share of every link that migrations may use (0.5: CloudSim's half of the host's "
		 "bandwidth; the VMs' own traffic has the rest)." },
	{ K("network", "max_migrations_per_host"), INT(0, 1000000, "an integer >= 0 (0: no cap)"),
	  EXP(network.max_per_host), .def = "0",
	  .doc = "Transfers a host sends or receives at once; more wait in a queue (request order)." },
	{ K("network", "target"), .type = KEY_ENUM, .words = "any|same_rack|cheapest_path", .noun = "a target choice",
	  EXP(network.target), .has_line = true, .line_off = offsetof(struct experiment, network.target_line),
	  .def = "any",
	  .doc = "Among equally good migration targets (the same power increase in the best fit): any: "
		 "the first by id (CloudSim's choice); same_rack: one in the VM's rack first; "
		 "cheapest_path: the one on the fewest links (same rack, then same pod). Needs a topology." },
	{ K("network", "switch_chassis_w"), DBL(0, 1e6, WATTS), EXP(network.switch_chassis_w), .def = "66.7",
	  .doc = "A switch's chassis power (Pronto 3240, 48 x 1 GbE, as measured for CARPO)." },
	{ K("network", "switch_port_w"), DBL(0, 1e6, WATTS), EXP(network.switch_port_w), .def = "0.9125",
	  .doc = "Power per active port (the same switch at 1 Gb/s: 43.8 W / 48)." },
	{ K("network", "switch_dynamic_share"), DBL(0, 1, "a share from 0 to 1"), EXP(network.switch_dynamic_share),
	  .def = "0.05", .doc = "Traffic adds this share of a switch's static power at full port "
				"utilization (OpenDC's switch model)." },
	{ K("network", "nic_w"), DBL(0, 1e6, WATTS), EXP(network.nic_w), .def = "0.535",
	  .doc = "A host's NIC port (1000BASE-T at full load, Reviriego et al. 2011): reported as the NIC "
		 "part of the hosts' energy, not added to it." },
};

const size_t config_n_net_keys = sizeof config_net_keys / sizeof config_net_keys[0];
