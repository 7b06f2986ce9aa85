"""spark-submit entry point of the `enrich` job; takes the same options as `chatlake enrich`.

    spark-submit --master spark://127.0.0.1:7077 jobs/enrich.py --config conf/cluster.toml --help
"""

import sys

from chatlake.cli import main

if __name__ == "__main__":
    sys.exit(main(["enrich", *sys.argv[1:]]))
