"""A process-wide pause after a service could not be reached: callers skip it for a while instead of each
waiting out its connect timeout (the broker in core/outbox.py, Redis as the cache in core/cache.py)."""

import time


class ServicePause:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.until = 0.0

    def is_on(self) -> bool:
        return time.monotonic() < self.until

    def start(self) -> None:
        self.until = time.monotonic() + self.seconds

    def end(self) -> None:
        self.until = 0.0
