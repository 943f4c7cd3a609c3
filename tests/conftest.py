"""What every test run reports at its end: the figures the robustness tests recorded with
``record_property`` (commands run, conflicts retried, kills survived), so a CI log carries them."""


def pytest_terminal_summary(terminalreporter):
    figures = [(report.nodeid.split("::")[-1], name, value)
               for report in terminalreporter.getreports("passed") if report.when == "call"
               for name, value in report.user_properties]
    if figures:
        terminalreporter.section("figures")
        for test, name, value in figures:
            terminalreporter.line(f"{name}: {value}  ({test})")
