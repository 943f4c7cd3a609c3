"""Import on the Admin page: a dry run shows every change and every problem by line and column;
Apply makes all of it, or nothing."""

from app_helpers import button, open_page, org_id, texts

BAD_NUMBERS = (
    "number,holder,status,assignee\n"
    "+14155559500,Acme / Sales,registered,ann@acme.example\n"  # fine on its own
    "+1415555950,Acme / Sales,registered,bob@acme.example\n"   # too short
    "+14155559502,Acme / Nowhere,assigned,cy@acme.example\n"   # no such org
    "+14155559503,Acme / Sales,lost,\n"                        # no such status
)


def choose_file(app, kind: str, name: str, content: bytes):
    """Pick what the file holds, then upload it (the field belongs to that kind)."""
    app.radio(key="admin_import_kind").set_value(kind).run()
    [field] = [f for f in app.get("file_uploader") if f.key.startswith(f"admin_import_file_{kind}")]
    field.upload(name, content, "text/csv")
    return app.run()


def test_a_file_with_problems_shows_each_by_line_and_column_and_applies_nothing(app, inv):
    open_page(app, "admin")
    events = inv.event_count()
    choose_file(app, "numbers", "numbers.csv", BAD_NUMBERS.encode())

    assert texts(app.error)[0].startswith(
        "The numbers file has 3 problems, so nothing was imported. First: line 3, column number:")
    problems = app.dataframe[-2].value
    assert problems[["line", "column"]].values.tolist() == [
        [3, "number"], [4, "holder"], [5, "status"]]
    assert "there is no org at 'Acme / Nowhere'" in problems["problem"].iloc[1]
    assert app.button(key="admin_import_apply").disabled
    assert inv.event_count() == events
    assert inv.number("+14155559500").status == "available"


DRY_RUNS = {  # what the example files of the Admin page would do to the demo inventory
    "orgs": "2 rows of orgs: 4 changes.",
    "series": "1 row of series: 2 changes.",
    "numbers": "4 rows of numbers: 5 changes.",  # and a new tag
}


def test_the_example_files_import_in_order_after_a_dry_run(app, inv, downloads):
    open_page(app, "admin")
    for kind, summary in DRY_RUNS.items():
        app.radio(key="admin_import_kind").set_value(kind).run()
        choose_file(app, kind, f"example-{kind}.csv", downloads[f"example-{kind}.csv"]())
        assert texts(app.info) == [
            f"Dry run of example-{kind}.csv: {summary} Nothing has changed yet."]
        if kind == "orgs":
            assert app.dataframe[-1].value.values.tolist() == [
                [2, "create org Acme / Field Ops"],
                [3, "create org Acme / Field Ops / Boston"],
                [3, "set threshold of Acme / Field Ops / Boston to 75"],
                [3, "set aging days of Acme / Field Ops / Boston to 0"]]
            assert "Acme / Field Ops" not in inv.orgs()["path"].tolist()  # only a dry run
        button(app, "Apply").click().run()
        assert texts(app.success) == [f"Imported example-{kind}.csv: {summary}"]
        assert not [f for f in app.get("file_uploader") if f.value]  # an empty field again

    boston = org_id(inv, "Acme / Field Ops / Boston")
    assert (inv.settings(boston).threshold, inv.settings(boston).aging_days) == (75, 0)
    assert "US 617" in inv.series()["name"].tolist()
    states = {n: inv.number(n) for n in ("+16175550001", "+16175550003", "+16175550004")}
    assert [(s.status, s.holder_id) for s in states.values()] == [
        ("registered", boston), ("reserved", boston), ("aging", boston)]
    assert states["+16175550001"].assignee == "lee@example.com"
    assert inv.tags().set_index("name").loc["Night desk", "kind"] == "role"
