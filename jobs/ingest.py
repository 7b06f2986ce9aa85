"""spark-submit entry point of the `ingest` job; takes the same options as `chatlake ingest`.

    spark-submit --master spark://127.0.0.1:7077 jobs/ingest.py --config conf/cluster.toml --help
"""

import sys

from chatlake.cli import main

if __name__ == "__main__":
    sys.exit(main(["ingest", *sys.argv[1:]]))
