from wagtail import hooks


@hooks.register("construct_reports_menu")
def hide_the_search_terms_report(request, menu_items):
    """Wagtail's "Search terms" report counts the hits that `Query.add_hit()` records. The
    public search never records them (a row per query a bot sends), so the report would
    always be empty: it is left out of the menu."""
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
