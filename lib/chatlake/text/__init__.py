"""Plain-Python language ID and token counting. No Spark in here: the Spark side only wraps it."""
