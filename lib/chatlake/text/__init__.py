"""Plain-Python language ID, token counting and code detection. No Spark in here: the Spark side only wraps it."""
