"""Reference data every decision may need: communes, ROME sectors, employment basins, and what a run is given."""
