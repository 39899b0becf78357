"""Keep JAX's compiled solvers between processes (its persistent compilation cache).

Compiling the solver takes seconds; a command-line run pays it in every new process. Programs
that run scenarios (the CLI, the dashboard) call :func:`enable_compilation_cache` once at start;
library code never changes JAX's configuration by itself.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Environment variable: a folder for the cache, or ``off`` to leave JAX's default alone.
CACHE_ENV = "TRADEWAR_JAX_CACHE"


def enable_compilation_cache(path: str | Path | None = None) -> Path | None:
    """Point JAX's persistent compilation cache at ``path`` (default: the user cache folder).

    ``$TRADEWAR_JAX_CACHE`` overrides the folder, or disables the cache with ``off``. Returns
    the folder used, or None when disabled.
    """
    setting = os.environ.get(CACHE_ENV, "")
    if setting.lower() in ("off", "0", "false", "no"):
        return None
    if path is None:
        if setting:
            path = setting
        else:
            import platformdirs

            path = Path(platformdirs.user_cache_dir("tradewar", appauthor=False)) / "jax"
    folder = Path(path).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    import jax

    jax.config.update("jax_compilation_cache_dir", str(folder))
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", 0)
    return folder
