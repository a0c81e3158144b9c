"""The Redis cache, failing open: while Redis is down, reads miss and writes are dropped.

Sessions (``cached_db``) then come from the database and pages keep working; login rate
limits are not enforced during the outage (they come back with Redis). Every failure is
logged so the outage shows up in the logs besides ``/healthz``.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)


def _fail_open(name, default):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(ResilientRedisCache, self), name)(*args, **kwargs)
        except OUTAGE as exc:
            logger.warning("cache unavailable (%s): %s", name, exc)
            return default(*args, **kwargs) if callable(default) else default

    method.__name__ = name
    return method


class _ReusingClient(RedisCacheClient):
    """Django builds a new ``redis.Redis`` for every cache call, which costs more than the
    round trip itself; one per connection pool is enough (it is thread-safe, and its pool
    starts afresh after a fork)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingClient

    get = _fail_open("get", lambda key, default=None, version=None: default)
    get_many = _fail_open("get_many", {})
    has_key = _fail_open("has_key", False)
    # "Added": allauth's rate limits take a lock with add() and would otherwise refuse every
    # login (and every public form) while Redis is away, instead of not limiting them.
    add = _fail_open("add", True)
    set = _fail_open("set", None)
    set_many = _fail_open("set_many", lambda data, *a, **k: list(data))
    touch = _fail_open("touch", False)
    delete = _fail_open("delete", False)
    delete_many = _fail_open("delete_many", None)
    clear = _fail_open("clear", False)
    incr = _fail_open("incr", lambda key, delta=1, version=None: delta)
