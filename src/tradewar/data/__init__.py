"""Loaders that turn published data into :class:`~tradewar.world.World` objects."""
