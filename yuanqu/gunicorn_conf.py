"""gunicorn settings that `yuanqu serve` adds to its command line."""

import gc


def post_worker_init(worker):
    # Once the worker has loaded Django (settings, URLconf, apps), move those long-lived objects out
    # of the garbage collector's reach: its full collections then walk only what requests create,
    # which removes most of the tail latency they cause.
    gc.collect()
    gc.freeze()
