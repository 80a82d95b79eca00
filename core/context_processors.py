"""Template context every page gets."""

from core.navigation import navigation_for


def navigation(request) -> dict:
    return {"main_navigation": navigation_for(request)}
