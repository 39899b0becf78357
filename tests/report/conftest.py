from tests.store.conftest import small_run  # noqa: F401  (the shared stored-run fixture)
