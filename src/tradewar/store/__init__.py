"""The results store: runs saved as Parquet files with a JSON manifest, indexed in DuckDB.

:class:`Store` saves a :class:`~tradewar.results.Run` atomically (a run is either wholly in the
store or not at all), lists, loads, queries and exports runs. Concurrent writers and writers
killed midway never damage the store or lose a finished run (``docs/store.md``). The default
folder is under the user data directory; ``TRADEWAR_STORE`` or ``TRADEWAR_HOME`` move it.
"""

from tradewar.store._store import HOME_ENV, STORE_ENV, Store, default_root

__all__ = ["HOME_ENV", "STORE_ENV", "Store", "default_root"]
