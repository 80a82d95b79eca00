"""Template context that config's middleware provides."""


def csp_nonce(request) -> dict:
    """``csp_nonce`` for django-htmx's script tags (and any template): the nonce django-csp puts in the policy.

    Lazy: a page without an inline script sends a policy without a nonce.
    """
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
