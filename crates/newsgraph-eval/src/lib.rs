//! Gold-standard readers and scorers: the seed gold file, CrossNER, PolNeAR.
