"""Reference data about the world: communes and their coordinates, ROME sectors, employment basins."""
