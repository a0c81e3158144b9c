"""Driving pages with the keyboard alone."""

import re


def tab_to(page, name, *, max_tabs=80):
    """Press Tab until the focused element's text or label matches ``name``; return it.

    Fails if the element is never reached or the focus is not visible on it.
    """
    pattern = re.compile(name) if isinstance(name, str) else name
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        label = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el) return "";
                const byId = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
                return (el.getAttribute("aria-label") || (byId && byId.textContent)
                        || el.textContent || el.value || "").trim().replace(/\\s+/g, " ");
            }"""
        )
        if pattern.search(label):
            outline = page.evaluate(
                """() => {
                    const s = getComputedStyle(document.activeElement);
                    return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0
                        || s.boxShadow !== "none";
                }"""
            )
            assert outline, f"focus on {label!r} is not visible"
            return label
    raise AssertionError(f"{name!r} cannot be reached with the Tab key on {page.url}")


def keyboard_login(page, url, email, password):
    page.goto(url + "/")
    tab_to(page, r"^Anmelden$")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/konto/login/"))
    tab_to(page, r"E-Mail")
    page.keyboard.type(email)
    tab_to(page, r"^Passwort")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
