"""Reserve, assign, register and release (D2, D3.3, D3.4), aging with a hand-moved clock."""

from datetime import date, timedelta


from numcore import InvalidInput, InvalidState, NotEnoughNumbers, NotFound, OutOfScope

from tests.integration.builders import n


def test_reserve_keeps_an_available_number_for_a_tag_where_it_is(acme):
    acme.inv.allocate(acme.us415.id, 5, acme.sales.id, actor="ann")
    acme.inv.reserve(n(1), acme.desk.id, actor="mia")
    assert acme.state(n(1)) == ("Acme / Sales", "reserved", "Front desk", None)
    assert acme.inv.utilization(acme.sales.id)["reserved"] == 1


def test_reserve_with_to_org_also_moves_the_number_down_to_that_org(acme):
    acme.inv.allocate(acme.us415.id, 5, acme.sales.id, actor="ann")
    acme.inv.reserve(n(2), acme.lee.id, to_org_id=acme.west.id, actor="mia")
    assert acme.state(n(2)) == ("Acme / Sales / West", "reserved", "Dr. Lee", None)


def test_reserve_with_to_org_equal_to_the_holder_keeps_it_there(acme):
    acme.inv.reserve(n(0), acme.lee.id, to_org_id=acme.root.id, actor="ann")
    assert acme.state(n(0)) == ("Acme", "reserved", "Dr. Lee", None)


def test_reserve_cannot_send_a_number_outside_the_holders_subtree(acme):
    acme.inv.allocate(acme.us415.id, 5, acme.sales.id, actor="ann")
    acme.refused(lambda: acme.inv.reserve(n(0), acme.desk.id, to_org_id=acme.support.id,
                                          actor="ann"),
                 OutOfScope, "+1 415-555-0100 is held by Acme / Sales; it can be reserved there or "
                             "in its sub-organizations, not in Acme / Support.")
    acme.refused(lambda: acme.inv.reserve(n(0), acme.desk.id, to_org_id=acme.root.id, actor="ann"),
                 OutOfScope, "not in Acme.")


def test_reserve_needs_an_existing_tag(acme):
    acme.refused(lambda: acme.inv.reserve(n(0), 77, actor="ann"), NotFound,
                 "There is no tag with id 77.")


def test_unreserve_makes_the_number_available_again_held_where_it_is(acme):
    acme.inv.allocate(acme.us415.id, 5, acme.sales.id, actor="ann")
    acme.inv.reserve(n(3), acme.desk.id, to_org_id=acme.west.id, actor="ann")
    acme.inv.unreserve(n(3), actor="mia")
    assert acme.state(n(3)) == ("Acme / Sales / West", "available", None, None)


def test_assign_moves_the_number_to_the_users_org_and_records_the_user(acme):
    acme.inv.assign(n(0), "Bob Smith", acme.west.id, actor="ann")
    assert acme.state(n(0)) == ("Acme / Sales / West", "assigned", None, "Bob Smith")
    assert acme.inv.utilization(acme.west.id)["assigned"] == 1


def test_assign_uses_a_number_held_by_the_users_org_itself(acme):
    acme.inv.allocate(acme.us415.id, 3, acme.support.id, actor="ann")
    acme.inv.assign(n(0), "bob", acme.support.id, actor="sam")
    assert acme.state(n(0)) == ("Acme / Support", "assigned", None, "bob")


def test_assign_refuses_a_number_held_outside_the_users_org_and_its_ancestors(acme):
    acme.inv.allocate(acme.us415.id, 3, acme.sales.id, actor="ann")
    acme.refused(lambda: acme.inv.assign(n(0), "bob", acme.support.id, actor="ann"), OutOfScope,
                 "+1 415-555-0100 is held by Acme / Sales; only Acme / Sales and its "
                 "sub-organizations can use it, not Acme / Support.")
    acme.refused(lambda: acme.inv.assign(n(0), "bob", acme.root.id, actor="ann"), OutOfScope,
                 "not Acme.")


def test_a_number_reserved_for_a_person_goes_to_that_person_and_keeps_the_tag(acme):
    acme.inv.reserve(n(0), acme.lee.id, to_org_id=acme.sales.id, actor="ann")
    acme.inv.assign(n(0), "dr. LEE", acme.west.id, actor="mia")
    assert acme.state(n(0)) == ("Acme / Sales / West", "assigned", "Dr. Lee", "dr. LEE")
    acme.inv.register(n(0), actor="mia")
    assert acme.state(n(0)) == ("Acme / Sales / West", "registered", "Dr. Lee", "dr. LEE")


def test_a_number_reserved_for_a_person_is_refused_to_anyone_else(acme):
    acme.inv.reserve(n(0), acme.lee.id, actor="ann")
    acme.refused(lambda: acme.inv.assign(n(0), "bob", acme.sales.id, actor="ann"), InvalidState,
                 "+1 415-555-0100 is reserved for Dr. Lee; assign it to Dr. Lee or unreserve it "
                 "first.")


def test_a_number_reserved_for_a_role_goes_to_whoever_fills_the_role(acme):
    acme.inv.reserve(n(0), acme.desk.id, actor="ann")
    acme.inv.assign(n(0), "Pat at the desk", acme.support.id, actor="ann")
    assert acme.state(n(0)) == ("Acme / Support", "assigned", "Front desk", "Pat at the desk")


def test_a_reserved_number_may_be_assigned_only_inside_the_holders_subtree(acme):
    acme.inv.reserve(n(0), acme.desk.id, to_org_id=acme.sales.id, actor="ann")
    acme.refused(lambda: acme.inv.assign(n(0), "pat", acme.support.id, actor="ann"), OutOfScope,
                 "+1 415-555-0100 is held by Acme / Sales")


def test_assign_needs_a_user_name(acme):
    acme.refused(lambda: acme.inv.assign(n(0), "  ", acme.sales.id, actor="ann"), InvalidInput,
                 "The user name is empty; give a name.")


def test_register_makes_an_assigned_number_live(acme):
    acme.inv.assign(n(0), "bob", acme.sales.id, actor="ann")
    acme.inv.register(n(0), actor="mia")
    assert acme.state(n(0)) == ("Acme / Sales", "registered", None, "bob")
    assert acme.inv.utilization(acme.sales.id)["registered"] == 1


def test_release_starts_the_holders_aging_period(acme):
    acme.inv.assign(n(0), "bob", acme.sales.id, actor="ann")
    acme.inv.release(n(0), actor="mia")
    info = acme.inv.number(n(0))
    assert (info.status, info.holder_id, info.assignee, info.tag_id) == (
        "aging", acme.sales.id, None, None)
    assert info.until == acme.clock.now + timedelta(days=45)


def test_release_drops_the_tag_the_reservation_left(acme):
    acme.inv.reserve(n(0), acme.lee.id, actor="ann")
    acme.inv.assign(n(0), "Dr. Lee", acme.sales.id, actor="ann")
    acme.inv.release(n(0), actor="ann")
    assert acme.state(n(0)) == ("Acme / Sales", "aging", None, None)


def test_an_aging_number_returns_to_the_pool_when_its_time_is_up_without_an_event(acme):
    acme.inv.allocate(acme.us415.id, 1, acme.sales.id, actor="ann")
    acme.inv.assign(n(0), "bob", acme.sales.id, actor="ann")
    acme.inv.register(n(0), actor="ann")
    acme.inv.release(n(0), actor="ann")
    events = acme.inv.event_count()
    acme.clock.advance(days=44, hours=23)
    assert acme.state(n(0))[1] == "aging"
    assert acme.inv.utilization(acme.sales.id)["aging"] == 1
    acme.clock.advance(hours=1)
    assert acme.state(n(0)) == ("Acme / Sales", "available", None, None)
    assert acme.inv.utilization(acme.sales.id)["available"] == 1
    assert acme.inv.event_count() == events
    assert acme.inv.check() == []


def test_an_aging_number_whose_time_is_up_can_be_used_by_the_next_command(acme):
    acme.inv.allocate(acme.us415.id, 1, acme.sales.id, actor="ann")
    acme.inv.assign(n(0), "bob", acme.sales.id, actor="ann")
    acme.inv.release(n(0), actor="ann")
    acme.refused(lambda: acme.inv.withdraw(acme.sales.id, acme.us415.id, 1, actor="ann"),
                 NotEnoughNumbers,
                 "Acme / Sales holds 0 unused numbers of US 415; cannot withdraw 1.")
    acme.clock.advance(days=45)
    assert acme.inv.withdraw(acme.sales.id, acme.us415.id, 1, actor="ann") == [n(0)]
    assert acme.state(n(0)) == ("Acme", "available", None, None)


def test_release_with_zero_aging_days_makes_the_number_available_at_once(acme):
    acme.inv.assign(n(0), "bob", acme.support.id, actor="ann")  # Support ages 0 days
    acme.inv.release(n(0), actor="sam")
    info = acme.inv.number(n(0))
    assert (info.status, info.holder_id, info.assignee, info.until) == (
        "available", acme.support.id, None, None)


def test_the_aging_period_is_the_holders_setting_at_release_time(acme):
    acme.inv.set_aging_days(acme.west.id, 3, actor="mia")
    acme.inv.assign(n(0), "bob", acme.west.id, actor="ann")
    acme.inv.release(n(0), actor="ann")
    assert acme.inv.number(n(0)).until == acme.clock.now + timedelta(days=3)
    assert acme.inv.settings(acme.west.id).aging_days == 3
    acme.clock.advance(days=3)
    assert acme.inv.number(n(0)).status == "available"


def test_aging_days_must_be_a_whole_number_of_days_from_zero(acme):
    acme.refused(lambda: acme.inv.set_aging_days(acme.west.id, -1, actor="ann"), InvalidInput,
                 "The aging period (days) must be from 0 to 3650; got -1.")


def test_a_reservation_with_an_expiry_returns_to_available_after_that_day(acme):
    acme.inv.reserve(n(0), acme.desk.id, expires=date(2025, 3, 10), actor="ann")
    assert acme.inv.number(n(0)).until.date() == date(2025, 3, 11)
    acme.clock.advance(days=7, hours=14)  # 2025-03-10 23:00
    assert acme.state(n(0))[1] == "reserved"
    acme.clock.advance(hours=1)
    assert acme.state(n(0)) == ("Acme", "available", None, None)
    assert acme.inv.check() == []


def test_a_reservation_cannot_expire_in_the_past(acme):
    acme.refused(lambda: acme.inv.reserve(n(0), acme.desk.id, expires=date(2025, 3, 1),
                                          actor="ann"),
                 InvalidInput, "The expiry 2025-03-02 is not in the future.")
