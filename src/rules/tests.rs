// Unit tests of H1–H10 (being written).
