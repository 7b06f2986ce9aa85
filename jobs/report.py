"""spark-submit entry point of the `report` job; takes the same options as `chatlake report`.

    spark-submit --master spark://127.0.0.1:7077 jobs/report.py --config conf/cluster.toml --help
"""

import sys

from chatlake.cli import main

if __name__ == "__main__":
    sys.exit(main(["report", *sys.argv[1:]]))
