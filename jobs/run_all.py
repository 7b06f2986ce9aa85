"""spark-submit entry point of the `run-all` job; takes the same options as `chatlake run-all`.

    spark-submit --master spark://127.0.0.1:7077 jobs/run_all.py --config conf/cluster.toml --help
"""

import sys

from chatlake.cli import main

if __name__ == "__main__":
    sys.exit(main(["run-all", *sys.argv[1:]]))
