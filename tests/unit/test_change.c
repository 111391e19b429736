/*
 * test_change.c — changes that name their fields: a PATCH's fields merged
 * onto the stored client, contact or staff account, whether a client change
 * moves their identity, the rule that no one disables their own account
 * or takes away their own admin role, and that no one changes their own
 * roles.
 */
#include <stdbool.h>
#include <stdint.h>

#include "unit.h"

#include "core/client.h"
#include "core/directory.h"

static struct client
stored_client(void)
{
	struct client c;

	client_blank(&c);
	c.id = 7;
	c.first_name = "Avery";
	c.last_name = "Quill";
	c.dob = (struct date){ 1990, 4, 2 };
	c.sex = SEX_FEMALE;
	c.phone = "555-0101";
	c.address.city = "Riverton";
	c.address.postal_code = "60601";
	return c;
}

static void
client_blank_is_empty_active_and_sexless(void **state)
{
	struct client c;

	(void)state;
	client_blank(&c);
	assert_string_equal(c.first_name, "");
	assert_string_equal(c.address.postal_code, "");
	assert_int_equal(c.sex, SEX__MAX);
	assert_true(c.active);
	assert_int_equal(c.id, 0);
}

static void
client_merge_copies_only_the_named_fields(void **state)
{
	struct client c = stored_client(), set;

	(void)state;
	client_blank(&set);
	set.first_name = "Rowan";
	set.phone = "555-0199";
	set.address.city = "Lakeshore";
	set.active = false;
	client_merge(&c, &set, (1u << CF_FIRST_NAME) | (1u << CF_ADDR_CITY));
	assert_string_equal(c.first_name, "Rowan");
	assert_string_equal(c.address.city, "Lakeshore");
	/* Not named: kept. */
	assert_string_equal(c.phone, "555-0101");
	assert_string_equal(c.last_name, "Quill");
	assert_string_equal(c.address.postal_code, "60601");
	assert_true(c.active);
	assert_int_equal(c.sex, SEX_FEMALE);
	assert_int_equal(c.id, 7);
	/* Every field named: all of set. */
	client_merge(&c, &set, (1u << CF__MAX) - 1u);
	assert_string_equal(c.phone, "555-0199");
	assert_string_equal(c.last_name, "");
	assert_false(c.active);
	assert_int_equal(c.sex, SEX__MAX);
	assert_int_equal(c.dob.y, 0);
	assert_int_equal(c.id, 7);
}

static void
identity_is_name_and_date_of_birth(void **state)
{
	struct client a = stored_client(), b = stored_client();

	(void)state;
	b.phone = "555-0177";
	b.active = false;
	b.preferred_name = "Ave";
	assert_false(client_identity_changed(&a, &b));
	b.last_name = "Quills";
	assert_true(client_identity_changed(&a, &b));
	b = stored_client();
	b.dob.d = 3;
	assert_true(client_identity_changed(&a, &b));
	b = stored_client();
	b.first_name = "avery";
	assert_true(client_identity_changed(&a, &b));
}

static void
contact_merge_copies_only_the_named_fields(void **state)
{
	struct contact c, set;

	(void)state;
	contact_blank(&c, 7);
	assert_int_equal(c.client_id, 7);
	assert_string_equal(c.notes, "");
	c.name = "Jo Quill";
	c.phone = "555-0102";
	contact_blank(&set, 0);
	set.name = "Joan Quill";
	set.phone = "555-0103";
	set.guardian = true;
	contact_merge(&c, &set, (1u << KF_NAME) | (1u << KF_GUARDIAN));
	assert_string_equal(c.name, "Joan Quill");
	assert_true(c.guardian);
	assert_string_equal(c.phone, "555-0102");
	assert_int_equal(c.client_id, 7);
}

static struct staff
admin(int64_t id)
{
	struct staff s;

	staff_blank(&s);
	s.id = id;
	s.username = "admin";
	s.full_name = "Ad Min";
	s.roles = (1u << ROLE_ADMIN) | (1u << ROLE_DIRECTOR);
	s.site_ids[0] = 1;
	s.nsites = 1;
	return s;
}

static void
staff_merge_copies_only_the_named_fields(void **state)
{
	struct staff s = admin(3), set;

	(void)state;
	staff_blank(&set);
	set.full_name = "Addie Min";
	set.roles = 1u << ROLE_NURSE;
	set.site_ids[0] = 4;
	set.site_ids[1] = 5;
	set.nsites = 2;
	set.active = false;
	staff_merge(&s, &set, (1u << SF_SITES) | (1u << SF_FULL_NAME));
	assert_string_equal(s.full_name, "Addie Min");
	assert_int_equal(s.nsites, 2);
	assert_int_equal(s.site_ids[1], 5);
	assert_int_equal(s.roles, (1u << ROLE_ADMIN) | (1u << ROLE_DIRECTOR));
	assert_true(s.active);
	assert_string_equal(s.username, "admin");
	staff_merge(&s, &set, (1u << SF_ROLES) | (1u << SF_ACTIVE));
	assert_int_equal(s.roles, 1u << ROLE_NURSE);
	assert_false(s.active);
}

static void
no_one_disables_themselves_or_drops_their_own_admin_role(void **state)
{
	struct staff s = admin(3);

	(void)state;
	assert_null(staff_change_refused(3, &s));
	s.roles = 1u << ROLE_ADMIN;	/* dropping another role is fine */
	assert_null(staff_change_refused(3, &s));
	s.active = false;
	assert_non_null(staff_change_refused(3, &s));
	s = admin(3);
	s.roles = 1u << ROLE_DIRECTOR;
	assert_non_null(staff_change_refused(3, &s));
	/* Someone else's account, or the console: allowed. */
	assert_null(staff_change_refused(4, &s));
	s.active = false;
	assert_null(staff_change_refused(4, &s));
	assert_null(staff_change_refused(0, &s));
}

static void
no_one_changes_their_own_roles(void **state)
{
	struct staff s = admin(3);
	roleset was = s.roles;

	(void)state;
	assert_null(staff_roles_change_refused(3, was, &s));	/* unchanged */
	s.roles = 1u << ROLE_ADMIN;				/* dropping one */
	assert_non_null(staff_roles_change_refused(3, was, &s));
	s.roles = was | (1u << ROLE_CLINICIAN);			/* adding one */
	assert_non_null(staff_roles_change_refused(3, was, &s));
	/* Someone else's account, or the console: allowed. */
	assert_null(staff_roles_change_refused(4, was, &s));
	assert_null(staff_roles_change_refused(0, was, &s));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(client_blank_is_empty_active_and_sexless),
		cmocka_unit_test(client_merge_copies_only_the_named_fields),
		cmocka_unit_test(identity_is_name_and_date_of_birth),
		cmocka_unit_test(contact_merge_copies_only_the_named_fields),
		cmocka_unit_test(staff_merge_copies_only_the_named_fields),
		cmocka_unit_test(no_one_disables_themselves_or_drops_their_own_admin_role),
		cmocka_unit_test(no_one_changes_their_own_roles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
