"""Server-side SVG chart of a company's employee series (no script, no inline styles)."""

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36


def employee_trend(counts):
    """Geometry for ``companies/_employee_chart.svg.html`` from ``EmployeeCount`` rows.

    Returns ``None`` with fewer than two figures (a line needs two points).
    """
    counts = sorted(counts, key=lambda count: count.year)
    if len(counts) < 2:
        return None
    years = [count.year for count in counts]
    values = [count.employees for count in counts]
    top_value = max(values) or 1
    # A round upper bound of the axis: 1, 2 or 5 times a power of ten.
    magnitude = 10 ** max(len(str(top_value)) - 1, 0)
    for step in (1, 2, 5, 10):
        if step * magnitude >= top_value:
            axis_max = step * magnitude
            break
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    span = max(years[-1] - years[0], 1)

    def x(year):
        return round(LEFT + (year - years[0]) / span * plot_w, 1)

    def y(value):
        return round(TOP + plot_h - value / axis_max * plot_h, 1)

    points = [
        {"x": x(count.year), "y": y(count.employees), "year": count.year, "value": count.employees}
        for count in counts
    ]
    ticks = [{"y": y(axis_max * i / 4), "value": round(axis_max * i / 4)} for i in range(5)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "label_y": HEIGHT - BOTTOM + 20,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "points": points,
        "ticks": ticks,
        "first": counts[0],
        "last": counts[-1],
    }
