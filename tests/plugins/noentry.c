/* A shared object without gm_policy_entry: greenmig refuses it (tests/plugins.sh). */
int not_a_policy(void);
int not_a_policy(void)
{
	return 42;
}
